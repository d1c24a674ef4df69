import { afterEach, describe, expect, it, vi } from "vitest";

// The route as the server runs it, with and without METRICS_TOKEN (the environment is read once
// per process, so each case loads the modules afresh). No database is open: the database's
// figures are left out and the rest still renders.
const token = "route-test-metrics-token-0123456789";

async function get(configured: string | undefined, authorization?: string): Promise<Response> {
  vi.resetModules();
  vi.stubEnv("METRICS_TOKEN", configured ?? "");
  const { GET } = await import("./route");
  return GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("GET /api/metrics", () => {
  it("does not exist without METRICS_TOKEN, whatever is sent", async () => {
    expect((await get(undefined)).status).toBe(404);
    expect((await get(undefined, `Bearer ${token}`)).status).toBe(404);
  });

  it("asks for the bearer token without it or with a wrong one", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-0123456789abcdef", `Basic ${token}`]) {
      const res = await get(token, authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(await res.text()).not.toContain("tongban_");
    }
  });

  it("answers Prometheus text to the token's holder", async () => {
    const res = await get(token, `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    expect(text).toContain("# TYPE tongban_http_request_duration_seconds histogram");
    expect(text).toContain("# TYPE tongban_review_tasks_open gauge");
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });
});
