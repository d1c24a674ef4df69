/**
 * The module order, enforced (`npm run lint` runs this). docs/ARCHITECTURE.md explains it.
 *
 * Modules, lowest first. A module may import a lower module freely, and a higher module only its
 * `schema.ts` (tables: foreign keys and reads; writes go through the owner's use cases, which the
 * ESLint rule tongban/no-foreign-writes checks) and its `model.ts` (pure: states, predicates). Where a lower module needs a higher one to act,
 * it declares a port or an effect (src/lib/ports.ts) and the composition root (src/root/) wires
 * it. Applications, review and documents are one group, casework: the application, its tasks and
 * the documents they cause move together under one lock.
 */
const order = [
  ["divisions"],
  ["audit"],
  ["calendar"],
  ["notifications"],
  ["identity"],
  ["catalog"],
  ["sharing"],
  ["recognition"],
  ["exchange"],
  ["applications", "review", "documents"],
  ["registration"],
  ["credit"],
  ["risk"],
  ["commitments"],
  ["inspections"],
  ["disclosure"],
  ["ratings"],
  ["serviceIndex"],
  ["dashboard"],
  ["openData"],
];

const notTest = "\\.test\\.tsx?$";
const group = (names) => `^src/modules/(${names.join("|")})/`;

const upward = order.slice(0, -1).map((names, level) => {
  const higher = order.slice(level + 1).flat();
  return {
    name: `module-order:${names.join("+")}`,
    comment: `${names.join(" and ")} may use only lower modules; of a higher module, only its schema.ts and model.ts (the order: ${order.map((g) => g.join("+")).join(" < ")}).`,
    severity: "error",
    from: { path: group(names), pathNot: notTest },
    to: { path: group(higher), pathNot: `^src/modules/[^/]+/(schema|model)\\.ts$` },
  };
});

module.exports = {
  forbidden: [
    ...upward,
    {
      name: "model-is-pure",
      comment:
        "model.ts holds a module's states, transition tables, named predicates and rules: pure code that any module may import (even a lower one). It imports only src/lib, other modules' model.ts and value files, and static data.",
      severity: "error",
      from: { path: "^src/modules/[^/]+/model\\.ts$" },
      to: {
        path: "^src/",
        pathNot: ["^src/lib/", "^src/modules/[^/]+/(model|lunar|holiday-rules|id-number|credit-code|credit-code-authorities)\\.ts$", "\\.json$"],
      },
    },
    {
      name: "registry-behind-the-gate",
      comment:
        "Only the sharing module's gate (reads), registry (issue, sign, rotate keys), status changes (revoke, expire), objections to its data (filed on a certificate, corrected by a new version) and legal-representative check touch the certificate registry's tables; everyone else reads certificates through the gate, which logs every read.",
      severity: "error",
      from: {
        pathNot: [
          notTest,
          "^src/modules/sharing/(gate|registry|certificate-transition|revoke-certificate|expire-certificates|licence-check|licence-facts|schema|file-data-objection|decide-data-objection|list-data-objections)\\.ts$",
          "^src/root/schema\\.ts$",
        ],
      },
      to: { path: "^src/modules/sharing/registry-schema\\.ts$" },
    },
    {
      name: "lib-is-pure",
      comment: "src/lib holds pure helpers every layer may use; it imports nothing of the portal.",
      severity: "error",
      from: { path: "^src/lib/" },
      to: { path: "^src/(modules|server|root|app|components|i18n|trpc)/" },
    },
    {
      name: "components-are-shared",
      comment: "src/components holds parts every module may use: it imports no module, no page and not the root.",
      severity: "error",
      from: { path: "^src/components/" },
      to: { path: "^src/(modules|root|app)/" },
    },
    {
      name: "modules-below-the-root",
      comment:
        "A module never imports a page or the composition root (only the router's type, for typed tRPC hooks): the root imports the modules, not the other way round.",
      severity: "error",
      from: { path: "^src/modules/", pathNot: notTest },
      to: { path: "^src/(app|root)/", pathNot: "^src/root/router\\.ts$" },
    },
    {
      name: "modules-router-type-only",
      comment: "Modules may import the root router's type only (AppRouter), never the router itself.",
      severity: "error",
      from: { path: "^src/modules/", pathNot: notTest },
      to: { path: "^src/root/router\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "server-is-infrastructure",
      comment:
        "src/server is infrastructure (database, auth, tRPC, jobs runtime, HTTP edges). It imports no module except identity for authentication, and of the root only the schema barrel (the database handle's types) and the data upgrades run with the migrations.",
      severity: "error",
      from: { path: "^src/server/", pathNot: notTest },
      to: { path: "^src/(modules|root|app)/", pathNot: ["^src/modules/identity/", "^src/root/(schema|upgrade)\\.ts$"] },
    },
    {
      name: "identity-only-from-auth",
      comment: "Of src/server, only the auth adapter (NextAuth and guards) uses identity; the rest may name its types (an Actor).",
      severity: "error",
      from: { path: "^src/server/", pathNot: ["^src/server/auth/", notTest] },
      to: { path: "^src/modules/identity/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-circular",
      comment: "No import cycle between files (type-only imports aside).",
      severity: "error",
      from: { pathNot: notTest },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    { name: "not-to-unresolvable", severity: "error", from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    cache: { folder: "node_modules/.cache/dependency-cruiser", strategy: "content" },
  },
};
