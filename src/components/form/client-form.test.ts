import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// A `<form>` that only JavaScript sends (no `action`) must be a `ClientForm`: in the server's HTML
// a plain one would be sent by the browser as a GET with every field in the address. This scan
// parses every page and component and lists the `<form>` elements with neither `action` nor `method`.

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

function plainForms(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText(source) === "form") {
      const names = node.attributes.properties.flatMap((p) => (ts.isJsxAttribute(p) ? [p.name.getText(source)] : []));
      if (!names.includes("action") && !names.includes("method")) {
        found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("forms that only JavaScript sends", () => {
  it("are ClientForms everywhere", () => {
    const found = tsxFiles("src").flatMap((f) => plainForms(f, readFileSync(f, "utf8")));
    expect(found).toEqual([]);
  });

  it("the scan finds a plain form and passes one with an action", () => {
    expect(plainForms("x.tsx", "const a = <form onSubmit={f}><button /></form>;")).toEqual(["x.tsx:1"]);
    expect(plainForms("x.tsx", 'const a = <form method="get" action="/guides"></form>;')).toEqual([]);
  });
});
