import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  resolve: {
    alias: {
      "@": path.join(root, "src"),
      // Server-only modules are imported by use-case tests; the guard package throws outside Next.
      "server-only": path.join(root, "src/server/testing/empty.ts"),
    },
  },
  test: {
    env: { TZ: "Asia/Shanghai" },
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["src/**/*.test.ts"], exclude: ["src/**/*.db.test.ts", "node_modules/**"] },
      },
      {
        extends: true,
        // Tests that touch a database: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set.
        test: { name: "db", include: ["src/**/*.db.test.ts"], exclude: ["node_modules/**"] },
      },
    ],
  },
});
