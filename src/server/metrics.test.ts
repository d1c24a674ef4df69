import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadRouteTable, methodLabel, metrics, metricsAccess, observeRequest, routeLabel } from "./metrics";

const work = mkdtempSync(path.join(tmpdir(), "tongban-metrics-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A routes manifest as `next build` writes it (the fields read here). */
function buildWithRoutes(): string {
  const dir = path.join(work, "app");
  mkdirSync(path.join(dir, ".next"), { recursive: true });
  writeFileSync(
    path.join(dir, ".next", "routes-manifest.json"),
    JSON.stringify({
      staticRoutes: [
        { page: "/", regex: "^/(?:/)?$" },
        { page: "/api/health", regex: "^/api/health(?:/)?$" },
        { page: "/guides", regex: "^/guides(?:/)?$" },
      ],
      dynamicRoutes: [
        { page: "/guides/[code]", regex: "^/guides/([^/]+?)(?:/)?$" },
        { page: "/api/open/credit/[code]", regex: "^/api/open/credit/([^/]+?)(?:/)?$" },
      ],
    }),
  );
  return dir;
}

/** The samples of one metric in Prometheus text: labels → value. */
function samples(text: string, name: string): Array<{ labels: Record<string, string>; value: number }> {
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => {
      const m = /^[^{\s]+(?:\{(.*)\})?\s+(\S+)$/.exec(line);
      const labels = Object.fromEntries([...(m?.[1] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
      return { labels: labels as Record<string, string>, value: Number(m?.[2]) };
    });
}

describe("request labels", () => {
  const routes = loadRouteTable(buildWithRoutes());

  it("name a request by its route pattern, never by its ids, and a path no route has as one label", () => {
    expect(routeLabel("/guides/FOOD-01?x=1", routes)).toBe("/guides/[code]");
    expect(routeLabel("/guides/FOOD-02/", routes)).toBe("/guides/[code]");
    expect(routeLabel("/api/open/credit/91130602MA0TB002XR", routes)).toBe("/api/open/credit/[code]");
    expect(routeLabel("/guides", routes)).toBe("/guides");
    expect(routeLabel("/", routes)).toBe("/");
    expect(routeLabel("/api/trpc/applications.submit,review.claim?batch=1", routes)).toBe("/api/trpc/[trpc]");
    expect(routeLabel("/_next/static/chunks/abc123.js", routes)).toBe("/_next/static");
    const probes = Array.from({ length: 50 }, (_, i) => routeLabel(`/wp-admin/${i}.php`, routes));
    expect(new Set(probes)).toEqual(new Set(["other"]));
  });

  it("without a build, fall back to the fixed prefixes", () => {
    const none = loadRouteTable(path.join(work, "no-build"));
    expect(routeLabel("/guides/FOOD-01", none)).toBe("other");
    expect(routeLabel("/api/auth/session", none)).toBe("/api/auth/[...nextauth]");
  });

  it("keep methods to the usual few", () => {
    expect(methodLabel("get")).toBe("GET");
    expect(methodLabel("PROPFIND")).toBe("other");
    expect(methodLabel(undefined)).toBe("other");
  });
});

describe("the metrics token", () => {
  const token = "metrics-token-0123456789abcdef";

  it("is off without a configured token, allowed with the bearer token, denied otherwise", () => {
    expect(metricsAccess(`Bearer ${token}`, undefined)).toBe("off");
    expect(metricsAccess(null, undefined)).toBe("off");
    expect(metricsAccess(`Bearer ${token}`, token)).toBe("allowed");
    expect(metricsAccess(`bearer ${token}`, token)).toBe("allowed");
    expect(metricsAccess(null, token)).toBe("denied");
    expect(metricsAccess("", token)).toBe("denied");
    expect(metricsAccess(`Bearer ${token}x`, token)).toBe("denied");
    expect(metricsAccess(`Bearer ${token.slice(0, -1)}`, token)).toBe("denied");
    expect(metricsAccess(`Basic ${Buffer.from(`x:${token}`).toString("base64")}`, token)).toBe("denied");
    expect(metricsAccess(token, token)).toBe("denied");
  });
});

describe("the registry", () => {
  it("renders Prometheus text with the request histogram, whose count moves with each request, and the process's memory", async () => {
    const { registry } = metrics();
    const count = async () =>
      samples(await registry.metrics(), "tongban_http_request_duration_seconds_count").find(
        (s) => s.labels.route === "/guides/[code]" && s.labels.method === "GET" && s.labels.status === "200",
      )?.value ?? 0;
    const before = await count();
    observeRequest("GET", "/guides/[code]", 200, 0.012);
    observeRequest("GET", "/guides/[code]", 200, 0.3);
    expect(await count()).toBe(before + 2);

    const text = await registry.metrics();
    expect(text).toContain("# TYPE tongban_http_request_duration_seconds histogram");
    const buckets = samples(text, "tongban_http_request_duration_seconds_bucket").filter((s) => s.labels.route === "/guides/[code]");
    expect(buckets.find((b) => b.labels.le === "0.025")?.value).toBeGreaterThanOrEqual(1);
    expect(samples(text, "process_resident_memory_bytes")[0]?.value).toBeGreaterThan(0);
    expect(registry.contentType).toContain("text/plain");
    // The same registry however often it is asked for (the server and the route handlers share it).
    expect(metrics().registry).toBe(registry);
  });
});
