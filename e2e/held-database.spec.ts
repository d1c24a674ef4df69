import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";

// The journeys' server holds its embedded database for its whole life (src/server/db/lock.ts).
// `next start` run by hand on the same folder, past `npm start`'s own check, must stop at boot
// with a message naming the holder, not come up serving every request a 500.
test("next start on a data folder in use stops at boot and says who holds it", () => {
  const root = path.resolve(import.meta.dirname, "..");
  const port = Number(process.env.E2E_PORT ?? 3100);
  const dataDir = path.join(root, ".data", `e2e-pglite-${port}`);
  const run = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port + 50)], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      AUTH_SECRET: "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz",
      NEXT_TELEMETRY_DISABLED: "1",
      TONGBAN_QUIET: "1",
    },
    encoding: "utf8",
    timeout: 45_000,
  });
  expect(run.signal, "it exits by itself").toBeNull();
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("Cannot start Tongban");
  expect(run.stderr).toContain("is in use by process");
  expect(run.stderr).toContain("kill ");
});
