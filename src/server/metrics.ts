import { createHash, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { DatabaseHandle } from "./db/client";
import { jobQueueStats, type QueueStats } from "./jobs/queue-stats";
import { log } from "./log";

/**
 * The process's Prometheus metrics (issue 15, item 6), served at `/api/metrics` behind
 * METRICS_TOKEN. One registry per process, on `globalThis`: the HTTP server (src/scripts/server.ts,
 * outside the Next.js bundle) observes requests, and the route handler (inside it) renders them;
 * both must reach the same histogram even when each loaded its own copy of this module.
 *
 * Infrastructure only here: request durations, the database pool, the job queues, the process
 * (RSS, heap, event-loop lag: prom-client's default metrics). Domain figures (outbox lag, tasks
 * per department) are added by the composition root (src/root/metrics.ts), which knows the modules.
 */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  /** Names of the collectors added by `addCollector`, so each is added once per process. */
  added: Set<string>;
}

const globalForMetrics = globalThis as unknown as {
  __tongbanMetrics?: Metrics;
  __tongbanDatabase?: Promise<DatabaseHandle>;
  __tongbanMetricsDatabase?: DatabaseHandle;
};

export function metrics(): Metrics {
  globalForMetrics.__tongbanMetrics ??= createMetrics();
  return globalForMetrics.__tongbanMetrics;
}

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: "tongban_http_request_duration_seconds",
    help: "Duration of HTTP requests, by method, route pattern and status code.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  new Gauge({
    name: "tongban_db_pool_connections",
    help: "Database connections by state. PostgreSQL: the pool's in-use, idle and waiting (requests queued for a connection). PGlite: one connection, total only.",
    labelNames: ["engine", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const handle = await openedDatabase();
      if (!handle?.raw) return;
      if (handle.raw.kind === "postgres") {
        const pool = handle.raw.pool;
        this.set({ engine: "postgres", state: "total" }, pool.totalCount);
        this.set({ engine: "postgres", state: "idle" }, pool.idleCount);
        this.set({ engine: "postgres", state: "inUse" }, pool.totalCount - pool.idleCount);
        this.set({ engine: "postgres", state: "waiting" }, pool.waitingCount);
      } else {
        // PGlite is one connection in this process: there is no pool to fill or wait on.
        this.set({ engine: "pglite", state: "total" }, 1);
      }
    },
  });

  // The registry collects every metric at once (in parallel): the two gauges of the job queues
  // share one query per scrape instead of one setting the other's values.
  const queues = cachedFor(1000, async () => {
    const handle = await openedDatabase();
    return handle ? jobQueueStats(handle.db) : [];
  });
  const queueGauge = (name: string, help: string, pick: (q: QueueStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["queue"] as const,
      registers: [registry],
      async collect() {
        this.reset();
        try {
          for (const q of await queues()) this.set({ queue: q.queue }, pick(q));
        } catch (error) {
          log.warn({ err: error, part: "metrics" }, "job queue figures not collected");
        }
      },
    });
  queueGauge("tongban_job_queue_depth", "Jobs waiting in each pg-boss queue (created or retrying, due now).", (q) => q.waiting);
  queueGauge(
    "tongban_job_queue_oldest_age_seconds",
    "Age of the oldest waiting job in each pg-boss queue, from the time it became due.",
    (q) => q.oldestAgeSeconds,
  );

  return { registry, httpDuration, added: new Set() };
}

/**
 * The process's database handle once it is open (src/server/db/index.ts keeps it on `globalThis`),
 * or the one a test gave; a scrape never opens (or migrates) a database itself.
 */
export async function openedDatabase(): Promise<DatabaseHandle | undefined> {
  if (globalForMetrics.__tongbanMetricsDatabase) return globalForMetrics.__tongbanMetricsDatabase;
  return globalForMetrics.__tongbanDatabase?.catch(() => undefined);
}

/** Tells the metrics which database to describe, where it is not the server's own (tests). */
export function setMetricsDatabase(handle: DatabaseHandle | undefined): void {
  globalForMetrics.__tongbanMetricsDatabase = handle;
}

/**
 * `load`, run at most once per `ms`: the callers within that time share its result (the gauges of
 * one scrape, which the registry collects in parallel; scrapes closer than `ms`). A failure is not kept.
 */
export function cachedFor<T>(ms: number, load: () => Promise<T>, clock: () => number = Date.now): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = clock();
    if (!last || now - last.at >= ms) {
      const value = load();
      const entry = { at: now, value };
      last = entry;
      value.catch(() => {
        if (last === entry) last = undefined;
      });
    }
    return last.value;
  };
}

/**
 * Adds the gauges a caller owns (the composition root's domain figures), once per process: a
 * second call with the same name does nothing.
 */
export function addCollector(name: string, add: (registry: Registry) => void): void {
  const m = metrics();
  if (m.added.has(name)) return;
  m.added.add(name);
  add(m.registry);
}

/** Route patterns of the build, to label requests by (`/guides/[code]`, never `/guides/FOOD-01`). */
export interface RouteTable {
  exact: Set<string>;
  dynamic: Array<{ page: string; regex: RegExp }>;
}

/**
 * Reads the build's routes (`.next/routes-manifest.json`); an empty table when there is none (the
 * development server), and requests are then labelled by the fixed prefixes of `routeLabel` only.
 */
export function loadRouteTable(dir: string = process.cwd()): RouteTable {
  const table: RouteTable = { exact: new Set(), dynamic: [] };
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, ".next", "routes-manifest.json"), "utf8")) as {
      staticRoutes?: Array<{ page: string }>;
      dynamicRoutes?: Array<{ page: string; regex: string }>;
    };
    for (const r of manifest.staticRoutes ?? []) table.exact.add(r.page);
    for (const r of manifest.dynamicRoutes ?? []) table.dynamic.push({ page: r.page, regex: new RegExp(r.regex) });
  } catch {
    // no build: prefixes only
  }
  return table;
}

/**
 * The `route` label of a request: the route pattern it matched, or one of a few fixed names. Never
 * the raw path: ids, codes and probes for missing pages would each make a new time series
 * (unbounded label cardinality fills the metrics store).
 */
export function routeLabel(url: string | undefined, routes: RouteTable): string {
  const raw = (url ?? "/").split("?")[0] ?? "/";
  const p = raw.length > 1 && raw.endsWith("/") ? raw.slice(0, -1) : raw;
  if (p.startsWith("/_next/static/")) return "/_next/static";
  if (p.startsWith("/_next/image")) return "/_next/image";
  if (p.startsWith("/_next/")) return "/_next";
  if (p.startsWith("/api/trpc/")) return "/api/trpc/[trpc]";
  if (p.startsWith("/api/auth/")) return "/api/auth/[...nextauth]";
  if (routes.exact.has(p)) return p;
  for (const r of routes.dynamic) if (r.regex.test(p)) return r.page;
  return "other";
}

/** Methods as they are, for the usual ones; anything else one label. */
export function methodLabel(method: string | undefined): string {
  const m = (method ?? "").toUpperCase();
  return ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].includes(m) ? m : "other";
}

/** Records one finished request. */
export function observeRequest(method: string | undefined, route: string, status: number, seconds: number): void {
  metrics().httpDuration.observe({ method: methodLabel(method), route, status: String(status) }, seconds);
}

export type MetricsAccess = "off" | "denied" | "allowed";

/**
 * Who may read the metrics: nobody when no token is configured (the endpoint answers 404), the
 * holder of `Authorization: Bearer <token>` otherwise. Compared as SHA-256 digests with
 * timingSafeEqual: constant time, whatever the lengths.
 */
export function metricsAccess(authorization: string | null, token: string | undefined): MetricsAccess {
  if (!token) return "off";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const given = createHash("sha256")
    .update(match?.[1] ?? "")
    .digest();
  const expected = createHash("sha256").update(token).digest();
  return timingSafeEqual(given, expected) && match ? "allowed" : "denied";
}
