import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Finds the message keys the code uses, for the test that each exists in both languages
 * (messages.test.ts). It reads the source (TypeScript's parser, no type checking) and knows the
 * ways this code names a key:
 *
 * - a translator from `useTranslations("ns")`, `await getTranslations("ns")` (also
 *   `{ namespace: "ns" }`, inside `Promise.all([...])` destructuring, or called at once:
 *   `(await getTranslations("ns"))("title")`), called as `t("key")`, `t.rich`, `t.markup`, `t.raw`;
 * - a full key in `msg("key")`, `new DomainError(code, "key")` and `translateServerMessage(locale, "key|…")`.
 *
 * A literal key is `exact`. A template with a literal start (`status.${s}`) is a `prefix`: the
 * part before the last dot must be a group of messages. Anything else (a key in a variable, a
 * translator handed in as a parameter, `createTranslator` on a module's own file) is
 * `unresolved`: the test wants each listed, with a reason, in its allowlist.
 */
export type MessageUsage =
  { kind: "exact"; key: string; where: string } | { kind: "prefix"; prefix: string; where: string } | { kind: "unresolved"; where: string; call: string };

/** A translator's namespace: "" for the root, `undefined` when it cannot be known statically. */
type Binding = { namespace: string | undefined };

const translatorMethods = new Set(["rich", "markup", "raw"]);

function stringValue(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (ts.isParenthesizedExpression(n) || ts.isAwaitExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
  return n;
}

/** The namespace of a `useTranslations`/`getTranslations`/`createTranslator` call, or null when it is none of them. */
function translatorCall(node: ts.Expression): Binding | null {
  const call = unwrap(node);
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) return null;
  const name = call.expression.text;
  if (name !== "useTranslations" && name !== "getTranslations" && name !== "createTranslator") return null;
  const arg = call.arguments[0];
  if (name === "createTranslator") return { namespace: undefined };
  if (!arg) return { namespace: "" };
  const literal = stringValue(arg);
  if (literal !== undefined) return { namespace: literal };
  if (ts.isObjectLiteralExpression(arg)) {
    const ns = arg.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === "namespace");
    if (!ns) return { namespace: "" };
    const value = ts.isPropertyAssignment(ns) ? stringValue(ns.initializer) : undefined;
    return { namespace: value };
  }
  return { namespace: undefined };
}

function join(namespace: string, key: string): string {
  return namespace ? `${namespace}.${key}` : key;
}

function keyUsages(arg: ts.Expression | undefined, namespace: string, where: string, call: string): MessageUsage[] {
  if (!arg) return [{ kind: "unresolved", where, call }];
  const literal = stringValue(arg);
  if (literal !== undefined) return [{ kind: "exact", key: join(namespace, literal.split("|")[0] ?? literal), where }];
  if (ts.isTemplateExpression(arg)) {
    const head = arg.head.text;
    const dot = head.lastIndexOf(".");
    if (dot > 0) return [{ kind: "prefix", prefix: join(namespace, head.slice(0, dot)), where }];
    return [{ kind: "unresolved", where, call }];
  }
  if (ts.isConditionalExpression(arg)) {
    const sides = [arg.whenTrue, arg.whenFalse].map((e) => keyUsages(e, namespace, where, call));
    if (sides.every((s) => s.every((u) => u.kind !== "unresolved"))) return sides.flat();
  }
  if (ts.isParenthesizedExpression(arg)) return keyUsages(arg.expression, namespace, where, call);
  return [{ kind: "unresolved", where, call }];
}

/** The usages in one source file; `file` is how it is named in the results (e.g. `src/app/page.tsx`). */
export function scanSource(file: string, text: string): MessageUsage[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const usages: MessageUsage[] = [];
  const scopes: Array<Map<string, Binding | null>> = [new Map()];

  const lookup = (name: string): Binding | null | undefined => {
    for (let i = scopes.length - 1; i >= 0; i -= 1) {
      const scope = scopes[i]!;
      if (scope.has(name)) return scope.get(name);
    }
    return undefined;
  };
  const declare = (name: string, binding: Binding | null) => scopes[scopes.length - 1]!.set(name, binding);
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const callText = (node: ts.CallExpression) => node.getText().replace(/\s+/g, " ").slice(0, 80);

  /** A parameter named like a translator: its calls are translator calls of an unknown namespace. */
  const declareParameter = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) declare(name.text, /^t([A-Z][a-z]*|[a-z])?$/.test(name.text) ? { namespace: undefined } : null);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) declareParameter(element.name);
  };

  function visitDeclaration(node: ts.VariableDeclaration) {
    const init = node.initializer;
    if (!init) return;
    if (ts.isIdentifier(node.name)) {
      const binding = translatorCall(init);
      declare(node.name.text, binding);
      return;
    }
    // const [t, tc, locale] = await Promise.all([getTranslations("a"), getTranslations("b"), getLocale()])
    const all = unwrap(init);
    if (ts.isArrayBindingPattern(node.name) && ts.isCallExpression(all) && all.expression.getText() === "Promise.all") {
      const list = all.arguments[0];
      if (list && ts.isArrayLiteralExpression(list)) {
        node.name.elements.forEach((element, i) => {
          if (ts.isOmittedExpression(element) || !ts.isIdentifier(element.name)) return;
          const item = list.elements[i];
          declare(element.name.text, item ? translatorCall(item) : null);
        });
      }
    }
  }

  function visitCall(node: ts.CallExpression) {
    const callee = node.expression;
    // (await getTranslations("ns"))("key")
    const direct = ts.isParenthesizedExpression(callee) ? translatorCall(callee) : null;
    if (direct) {
      if (direct.namespace === undefined) usages.push({ kind: "unresolved", where: where(node), call: callText(node) });
      else usages.push(...keyUsages(node.arguments[0], direct.namespace, where(node), callText(node)));
      return;
    }
    let name: string | undefined;
    if (ts.isIdentifier(callee)) name = callee.text;
    else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && translatorMethods.has(callee.name.text))
      name = callee.expression.text;
    if (name !== undefined) {
      const binding = lookup(name);
      if (binding) {
        if (binding.namespace === undefined) usages.push({ kind: "unresolved", where: where(node), call: callText(node) });
        else usages.push(...keyUsages(node.arguments[0], binding.namespace, where(node), callText(node)));
        return;
      }
    }
    if (ts.isIdentifier(callee) && callee.text === "msg" && lookup("msg") === undefined) {
      usages.push(...keyUsages(node.arguments[0], "", where(node), callText(node)));
    } else if (ts.isIdentifier(callee) && callee.text === "translateServerMessage") {
      usages.push(...keyUsages(node.arguments[1], "", where(node), callText(node)));
    }
  }

  function visit(node: ts.Node) {
    if (ts.isNewExpression(node) && node.expression.getText() === "DomainError") {
      usages.push(...keyUsages(node.arguments?.[1], "", where(node), node.getText().replace(/\s+/g, " ").slice(0, 80)));
    }
    if (ts.isCallExpression(node)) visitCall(node);
    if (ts.isVariableDeclaration(node)) {
      // The initializer first (it may use an outer `t`), then the name.
      if (node.initializer) visit(node.initializer);
      visitDeclaration(node);
      return;
    }
    const opensScope = ts.isFunctionLike(node) || ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node);
    if (opensScope) {
      scopes.push(new Map());
      if (ts.isFunctionLike(node)) for (const p of node.parameters) declareParameter(p.name);
    }
    ts.forEachChild(node, visit);
    if (opensScope) scopes.pop();
  }

  visit(source);
  return usages;
}

/** Every `.ts`/`.tsx` file under `dir` but tests, as paths relative to `root`. */
export function sourceFiles(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(root, relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

/** The usages in every source file under `src/` of the repository at `root`. */
export function scanMessageUsages(root: string): MessageUsage[] {
  return sourceFiles(root, "src").flatMap((file) => scanSource(file.split(path.sep).join("/"), readFileSync(path.join(root, file), "utf8")));
}
