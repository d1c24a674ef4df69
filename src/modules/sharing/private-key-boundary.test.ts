import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as nodeKeys from "../exchange/keys";
import * as registry from "./registry";

// A department's private key never leaves the signing code (registry.ts): no other source file
// selects the key columns, in Drizzle or in SQL, or selects whole rows of department_keys (which
// would carry them), and the signing code exports nothing that hands a key out.
const keyColumns = ["privateKey", "sealedPrivateKey", "privateKeyNonce", "privateKeyTag", "wrappedDataKey"];
const keySqlColumns = ["private_key", "sealed_private_key", "private_key_nonce", "private_key_tag", "wrapped_data_key"];
// The exchange's node keys (issue 14) are kept the same way, by their own signing code.
const allowed = new Set(["modules/sharing/registry.ts", "modules/sharing/registry-schema.ts", "modules/exchange/keys.ts", "modules/exchange/schema.ts"]);

const src = path.resolve(import.meta.dirname, "../..");
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const drizzleColumn = new RegExp(`departmentKeys\\s*\\.\\s*(${keyColumns.join("|")})\\b`);
const sqlColumn = new RegExp(`\\b(${keySqlColumns.join("|")})\\b`);
// `select()` with no fields, or `select *`, on department_keys, or Drizzle's relational query API.
const wholeRow = /select\(\s*\)\s*\.from\(\s*departmentKeys\b|select\s+\*\s+from\s+"?department_keys|query\s*\.\s*departmentKeys\b/i;

describe("a private key never leaves the signing code", () => {
  const files = sourceFiles(src).map((f) => ({ rel: path.relative(src, f).split(path.sep).join("/"), text: readFileSync(f, "utf8") }));

  it("finds the signing code among the files it checks", () => {
    expect(files.some((f) => f.rel === "modules/sharing/registry.ts" && drizzleColumn.test(f.text))).toBe(true);
  });

  it("no other file names a private key column or selects whole key rows", () => {
    const offenders = files
      .filter((f) => !allowed.has(f.rel) && (drizzleColumn.test(f.text) || sqlColumn.test(f.text) || wholeRow.test(f.text)))
      .map((f) => f.rel);
    expect(offenders).toEqual([]);
    expect(files.filter((f) => wholeRow.test(f.text)).map((f) => f.rel)).toEqual([]);
  });

  it("the check itself catches each way of reaching the key", () => {
    expect(drizzleColumn.test("tx.select({ k: departmentKeys.sealedPrivateKey })")).toBe(true);
    expect(sqlColumn.test("select wrapped_data_key from department_keys")).toBe(true);
    expect(wholeRow.test("db.select().from(departmentKeys)")).toBe(true);
    expect(wholeRow.test("db.query.departmentKeys.findMany()")).toBe(true);
    expect(drizzleColumn.test("departmentKeys.publicKey")).toBe(false);
  });

  it("the signing code exports use cases, not keys", () => {
    expect(Object.keys(registry).sort()).toEqual(
      [
        "countPlaintextKeys",
        "ensureDepartmentKeys",
        "issueCertificate",
        "issueOrSupersede",
        "issueUnlessHeld",
        "reissueCertificate",
        "reissueWithDeclaredFields",
        "rotateDepartmentKey",
        "rotateKeyOfDepartment",
        "sealPlaintextKeys",
        // Signs a case document inside the caller's transaction; returns the signature and key id only.
        "signAsDepartment",
        // The same, for many documents at once (generated history at scale); signatures only.
        "signManyAsDepartments",
        "signUnsigned",
        // Re-issues a certificate with changed particulars and revokes the one it supersedes.
        "supersedeCertificate",
      ].sort(),
    );
  });

  it("the node's exchange key code exports signing and publishing, not keys", () => {
    expect(Object.keys(nodeKeys).sort()).toEqual(["ensureNodeKey", "publishedKeys", "rotateNodeKey", "signAsNode"]);
  });
});
