import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Nothing reads the certificate registry around the gate. The registry's tables may be touched
// only by these files of the sharing module, each for the reason given; every other source file
// (tests aside) neither imports them nor names them in SQL.
const registryTables = ["certificates", "departmentKeys"];
const allowed: Record<string, string> = {
  "modules/sharing/gate.ts": "the gate: every read of a holder's certificates, and public verification",
  "modules/sharing/registry.ts": "issuing, signing and key rotation (writes; reads only its own row back, the signing key, and a key's last signing time)",
  "modules/sharing/revoke-certificate.ts": "revocation (a status change; returns nothing of the holder)",
  "modules/sharing/expire-certificates.ts": "the expiry job (a status change; returns nothing of the holder)",
  "modules/sharing/certificate-transition.ts": "the certificate machine's one writer of status (compare-and-set + audit), called by revocation, expiry and reissue",
  "modules/sharing/licence-check.ts": "法人注册's legal representative check: one logged read of the licence, returning only what the check needs",
  "modules/sharing/schema.ts": "the table definitions",
  "server/db/schema.ts": "re-exports every module's tables for Drizzle",
};

const src = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The names a file imports from the sharing module's schema. */
function importedFromSharingSchema(file: string, text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+["']([^"']+)["']/g)) {
    const [, typeOnly, list, from] = m;
    const resolved = from!.startsWith("@/") ? path.join(src, from!.slice(2)) : path.resolve(path.dirname(file), from!);
    if (typeOnly || resolved !== path.join(src, "modules/sharing/schema")) continue;
    names.push(...list!.split(",").map((n) => n.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!).filter(Boolean));
  }
  if (/import\s+\*\s+as\s+\w+\s+from\s+["'][^"']*sharing\/schema["']/.test(text)) names.push("*");
  return names;
}

const rawSql = /\b(from|join|update|into)\s+"?(certificates|department_keys)"?\b/i;

describe("the registry is read only through the gate", () => {
  const files = sourceFiles(src).map((f) => ({ rel: path.relative(src, f).split(path.sep).join("/"), text: readFileSync(f, "utf8"), abs: f }));

  it("finds the source files it checks", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.rel === "modules/sharing/gate.ts")).toBe(true);
  });

  it("no other file imports the registry's tables", () => {
    const offenders = files.filter((f) => !(f.rel in allowed)).flatMap((f) => importedFromSharingSchema(f.abs, f.text).filter((n) => n === "*" || registryTables.includes(n)).map((n) => `${f.rel} imports ${n}`));
    expect(offenders).toEqual([]);
  });

  it("no other file names the registry's tables in SQL", () => {
    const offenders = files.filter((f) => !(f.rel in allowed) && rawSql.test(f.text)).map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it("the check itself catches an import and a raw query", () => {
    const fake = path.join(src, "modules/review/fake.ts");
    expect(importedFromSharingSchema(fake, `import { grants, certificates as c } from "../sharing/schema";`)).toEqual(["grants", "certificates"]);
    expect(importedFromSharingSchema(fake, `import { certificates } from "@/modules/sharing/schema";`)).toEqual(["certificates"]);
    expect(rawSql.test(`sql\`select * from certificates where holder_code = \${x}\``)).toBe(true);
  });
});
