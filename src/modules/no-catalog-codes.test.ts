import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import demoProvince from "@/root/seed/demo-province.json";

// Domain code names no catalog code: what a certificate type does (prove that an entity exists,
// prove who a person is) is its `identifies` flag in the catalog, which a province sets in its
// file or on the data office's page, with codes of its own choosing. This scan parses every
// non-test source file under src/modules and fails on a string literal (quotes or a template
// without substitutions) that is one of the flagged types' codes. Comments may name them.

const flagged = demoProvince.certificateTypes.flatMap((c) => ("identifies" in c && c.identifies ? [c.code] : []));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Each string literal of a file that is one of `codes`, as `file:line "code"`. */
function catalogCodeLiterals(file: string, text: string, codes: ReadonlySet<string>): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isStringLiteralLike(node) || ts.isJsxText(node)) && codes.has(node.text.trim())) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${file}:${line + 1} "${node.text.trim()}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("domain code and catalog codes", () => {
  it("knows the codes to look for: the demo's business licence and resident ID card are flagged in the catalog", () => {
    expect(new Set(flagged)).toEqual(new Set(["businessLicence", "residentIdCard"]));
  });

  it("finds a code written as a string literal, and not one in a comment", () => {
    const codes = new Set(flagged);
    const text = ["// the businessLicence type", 'const a = "businessLicence";', "const b = `residentIdCard`;", "const c = 'other';"].join("\n");
    expect(catalogCodeLiterals("x.ts", text, codes)).toEqual(['x.ts:2 "businessLicence"', 'x.ts:3 "residentIdCard"']);
  });

  it("no non-test file under src/modules names a flagged certificate type's code", () => {
    const root = import.meta.dirname;
    const codes = new Set(flagged);
    const files = sourceFiles(root);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => catalogCodeLiterals(path.relative(root, f), readFileSync(f, "utf8"), codes));
    expect(found).toEqual([]);
  });
});
