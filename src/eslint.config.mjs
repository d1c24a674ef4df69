import path from "node:path";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";
import tongban from "./eslint-rules/tongban.mjs";

const root = path.resolve(import.meta.dirname, "..");

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/meta/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...nextVitals,
  ...nextTypescript,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    settings: { next: { rootDir: root } },
    plugins: { drizzle, tongban },
    rules: {
      // An update or delete without `where` would touch every row.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      // The module boundaries an import graph cannot see (src/eslint-rules/tongban.mjs); the
      // module order itself is src/.dependency-cruiser.cjs.
      "tongban/no-foreign-writes": "error",
      "tongban/registry-behind-the-gate": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
