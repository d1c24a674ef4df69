import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3100);
/** The journeys' server's metrics token (e2e/operations.spec.ts reads it from here). */
export const e2eMetricsToken = "e2e-only-metrics-token-0123456789";

// Debian's Chromium where it is installed (this machine cannot download Playwright's own build);
// elsewhere whatever browser Playwright has.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export default defineConfig({
  testDir: ".",
  outputDir: path.join(root, "test-results"),
  fullyParallel: true,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    // Recording a trace snapshots the page at every action, a cost paid by every test to keep the
    // trace of the few that fail. In CI a failed test runs once more (retries: 1) and that retry is
    // traced; locally, without retries, the failing run itself is.
    trace: process.env.CI ? "on-first-retry" : "retain-on-failure",
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // The data office enters next year's calendar first (see calendar.setup.ts), so the journeys'
    // due dates never run past the published years, whatever the date.
    { name: "setup", testMatch: /calendar\.setup\.ts/, use: { ...devices["Desktop Chrome"], channel: undefined } },
    // Each demo account the journeys share signs in once (see sessions.ts).
    { name: "sessions", testMatch: /sessions\.setup\.ts/, use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "chromium", dependencies: ["setup", "sessions"], use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    command: "npx tsx e2e/serve.ts",
    cwd: root,
    // Ready: the database is migrated and seeded and the jobs run (/api/health only says the process is up).
    url: `http://127.0.0.1:${port}/api/ready`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // One trusted proxy hop: a test may then play a client of its own address with
    // X-Forwarded-For (e2e/trust-edges.spec.ts) without using up 127.0.0.1's limits.
    // METRICS_TOKEN: the metrics endpoint is on, for e2e/operations.spec.ts (a test-only token).
    env: { PORT: String(port), TONGBAN_QUIET: "1", TRUST_PROXY: "1", METRICS_TOKEN: e2eMetricsToken },
  },
});
