import { expect, test } from "@playwright/test";
import { e2eMetricsToken } from "./playwright.config";

// The endpoints an operator's load balancer and Prometheus use, against the production server
// (`npm start`'s build). The server runs with METRICS_TOKEN set (playwright.config.ts); the
// endpoint without a token (404) is checked in src/app/api/metrics/route.test.ts.

/** One sample's value in Prometheus text, by metric name and labels (0 when absent). */
function value(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split("\n")) {
    const m = /^([^{\s]+)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(m[3]);
  }
  return 0;
}

test.describe("health, readiness and metrics", () => {
  test("liveness and readiness answer, readiness with each check", async ({ request }) => {
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect(health.headers()["cache-control"]).toBe("no-store");

    const ready = await request.get("/api/ready");
    const body = (await ready.json()) as { status: string; checks: Array<{ name: string; ok: boolean; detail?: string }> };
    expect(ready.status(), JSON.stringify(body.checks)).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
      ["database", true],
      ["migrations", true],
      ["jobs", true],
    ]);
  });

  test("metrics need the token, and count requests by route pattern", async ({ request }) => {
    expect((await request.get("/api/metrics")).status()).toBe(401);
    const wrong = await request.get("/api/metrics", { headers: { authorization: "Bearer not-the-token-0123456789" } });
    expect(wrong.status()).toBe(401);
    expect(wrong.headers()["www-authenticate"]).toContain("Bearer");

    const scrape = async () => {
      const res = await request.get("/api/metrics", { headers: { authorization: `Bearer ${e2eMetricsToken}` } });
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toContain("text/plain");
      return res.text();
    };
    const guide = { method: "GET", route: "/guides/[code]", status: "200" };
    const before = value(await scrape(), "tongban_http_request_duration_seconds_count", guide);
    // Two different guides: one time series, labelled by the pattern, not the code.
    const codes = ["foodBusinessLicensing", "sealEngraving"];
    for (const code of codes) expect((await request.get(`/guides/${code}`)).status()).toBe(200);
    const text = await scrape();
    expect(value(text, "tongban_http_request_duration_seconds_count", guide)).toBe(before + codes.length);
    for (const code of codes) expect(text).not.toContain(code);
    expect(value(text, "tongban_http_request_duration_seconds_count", { method: "GET", route: "/api/health", status: "200" })).toBeGreaterThan(0);
    expect(value(text, "tongban_db_pool_connections", { engine: "pglite", state: "total" })).toBe(1);
    // A department appears once it has running tasks (none, when this spec runs alone on a fresh database).
    expect(text).toContain("# TYPE tongban_review_tasks_open gauge");
    for (const m of text.matchAll(/^tongban_review_tasks_(?:open|overdue)\{department="([^"]*)"\}/gm)) expect(m[1]).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(text).toMatch(/^tongban_outbox_pending \d+/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});
