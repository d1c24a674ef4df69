import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  resolve: {
    alias: {
      "@": path.join(root, "src"),
      // Server-only modules are imported by use-case tests; the guard package throws outside Next.
      "server-only": path.join(root, "src/root/testing/empty.ts"),
    },
  },
  test: {
    env: {
      TZ: "Asia/Shanghai",
      // Fixed keys for tests only, so no test writes key files into `.data/` (src/server/keys.ts).
      AUDIT_KEY: "test-only audit key, never used outside the tests",
      AUDIT_SIGNING_KEY: "MC4CAQAwBQYDK2VwBCIEIIZa/6HmwaBtO9FfYP30Q21kXUqCNPwG53SfCTI7f9hb",
      KEY_ENCRYPTION_KEY: "ZmflfK4UNJurXncE6Q0pIxhm0lyqTHY4ID4Jw6K6ki0=",
    },
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["src/**/*.test.ts"], exclude: ["src/**/*.db.test.ts", "node_modules/**"] } },
      {
        extends: true,
        // Tests that touch a database: PGlite by default, PostgreSQL when TEST_DATABASE_URL is set.
        // The global setup migrates once per run (PostgreSQL) or makes the PGlite templates each
        // file restores (src/root/testing/global-setup.ts).
        test: {
          name: "db",
          include: ["src/**/*.db.test.ts"],
          exclude: ["node_modules/**"],
          globalSetup: ["src/root/testing/global-setup.ts"],
          isolate: false,
          // The composition root's ports and effects (src/root/effects.ts) are wired, as in the server.
          setupFiles: [path.join(root, "src/root/effects.ts")],
        },
      },
    ],
  },
});
