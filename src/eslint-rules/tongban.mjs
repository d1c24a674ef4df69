/**
 * Tongban's own lint rules: the two module boundaries that an import graph cannot see.
 *
 * - `no-foreign-writes`: a module writes only its own tables. It may import another module's
 *   table to read it or join it, never to `insert`, `update` or `delete` it: that goes through the
 *   owning module's use case (which checks, audits and keeps the state machine's rules).
 * - `registry-behind-the-gate`: the certificate registry's tables are reached only by the sharing
 *   files the module order allows (src/.dependency-cruiser.cjs imports them); this rule closes the
 *   two ways around an import: Drizzle's relational API (`db.query.certificates`) and SQL text
 *   naming the tables.
 */
import path from "node:path";

/** Modules that are one unit of ownership: an application and its tasks move together (casework). */
const groups = { applications: "casework", review: "casework" };
const ownerOf = (module) => groups[module] ?? module;
const moduleOf = (file) => /[\\/]src[\\/]modules[\\/]([^\\/]+)[\\/]/.exec(file)?.[1] ?? null;

/** The module whose schema an import source names, resolved against the importing file. */
function schemaModuleOf(source, file) {
  let target = source;
  if (source.startsWith("@/")) target = path.join("/src", source.slice(2));
  else if (source.startsWith(".")) target = path.resolve(path.dirname(file), source);
  const m = /[\\/]modules[\\/]([^\\/]+)[\\/](schema|registry-schema)$/.exec(target);
  return m ? m[1] : null;
}

const noForeignWrites = {
  meta: {
    type: "problem",
    docs: { description: "A module writes only its own tables; another module's table is changed through that module's use case." },
    schema: [],
    messages: { foreignWrite: "{{table}} belongs to the {{owner}} module: {{verb}} it through a use case of {{owner}}, not from {{module}}." },
  },
  create(context) {
    const file = context.filename;
    const writer = moduleOf(file);
    if (!writer || /\.test\.tsx?$/.test(file)) return {};
    const foreign = new Map();
    return {
      ImportDeclaration(node) {
        const owner = schemaModuleOf(String(node.source.value), file);
        if (!owner || ownerOf(owner) === ownerOf(writer) || node.importKind === "type") return;
        for (const spec of node.specifiers) {
          if (spec.type === "ImportSpecifier" && spec.importKind !== "type") foreign.set(spec.local.name, owner);
        }
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier") return;
        const verb = callee.property.name;
        if (verb !== "insert" && verb !== "update" && verb !== "delete") return;
        const table = node.arguments[0];
        if (!table || table.type !== "Identifier" || !foreign.has(table.name)) return;
        context.report({ node, messageId: "foreignWrite", data: { table: table.name, owner: foreign.get(table.name), verb, module: writer } });
      },
    };
  },
};

const registryTables = ["certificates", "departmentKeys"];
const registrySql = /\b(certificates|department_keys)\b/;
const registryFiles =
  /[\\/]src[\\/]modules[\\/]sharing[\\/](gate|registry|certificate-transition|revoke-certificate|expire-certificates|licence-check|licence-facts|schema|registry-schema)\.ts$/;

const registryBehindTheGate = {
  meta: {
    type: "problem",
    docs: { description: "Only the sharing module's gate, registry and status changes reach the certificate registry." },
    schema: [],
    messages: {
      relational: "The certificate registry ({{table}}) is read through the gate (src/modules/sharing/gate.ts), not with db.query.",
      sqlText: "SQL naming the certificate registry's tables: read certificates through the gate (src/modules/sharing/gate.ts).",
    },
  },
  create(context) {
    const file = context.filename;
    if (registryFiles.test(file) || /\.test\.tsx?$/.test(file) || /[\\/]src[\\/]root[\\/](schema|upgrade)\.ts$/.test(file)) return {};
    return {
      MemberExpression(node) {
        if (node.property.type !== "Identifier" || !registryTables.includes(node.property.name)) return;
        const object = node.object;
        if (object.type === "MemberExpression" && object.property.type === "Identifier" && object.property.name === "query") {
          context.report({ node, messageId: "relational", data: { table: node.property.name } });
        }
      },
      TaggedTemplateExpression(node) {
        const tag = node.tag;
        const name = tag.type === "Identifier" ? tag.name : tag.type === "MemberExpression" && tag.object.type === "Identifier" ? tag.object.name : "";
        if (name !== "sql") return;
        if (node.quasi.quasis.some((q) => registrySql.test(q.value.cooked ?? q.value.raw))) context.report({ node, messageId: "sqlText" });
      },
    };
  },
};

const plugin = { meta: { name: "tongban" }, rules: { "no-foreign-writes": noForeignWrites, "registry-behind-the-gate": registryBehindTheGate } };
export default plugin;
