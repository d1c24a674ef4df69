import { setTimeout as sleep } from "node:timers/promises";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { onPostgres, testDatabase, uniqueSuffix } from "@/root/testing/database";
import { createBoss } from "./boss";
import { defineJob, type FetchedJob } from "./define-job";
import { startJobs, stopJobs } from "./index";
import { jobRegistry } from "@/root/jobs";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await testDatabase();
});

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await sleep(50);
  }
}

const quiet = { schedule: false, supervise: false } as const;

describe("pg-boss through the portal's database connection", () => {
  it(`starts and processes a sent job (${onPostgres ? "PostgreSQL" : "PGlite"})`, async () => {
    const boss = createBoss(h, quiet);
    boss.on("error", (e) => console.error(e));
    await boss.start();
    try {
      const queue = `test-send-${uniqueSuffix()}`;
      await boss.createQueue(queue);
      const seen: FetchedJob[] = [];
      await boss.work(queue, { pollingIntervalSeconds: 0.5 }, async (jobs) => {
        seen.push(...jobs);
      });
      const id = await boss.send(queue, { trackingNumber: "TB-1", n: 1 });
      await waitFor(() => seen.length > 0);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.id).toBe(id);
      expect(seen[0]?.data).toEqual({ trackingNumber: "TB-1", n: 1 });
    } finally {
      await boss.stop({ graceful: true, wait: true, timeout: 2000 });
    }
  });

  it("runs the registry's kinds of jobs through startJobs and stops them", async () => {
    const queue = `test-cron-${uniqueSuffix()}`;
    const ticks: number[] = [];
    const cronRuns: FetchedJob[][] = [];
    await startJobs(h, [
      defineJob({ name: `loop-${uniqueSuffix()}`, everySeconds: 0.2, batchSize: 1, handler: async () => ticks.push(Date.now()) }),
      defineJob({ name: queue, cron: "0 0 1 1 *", batchSize: 3, pollingIntervalSeconds: 0.5, handler: async (_db, jobs) => cronRuns.push([...jobs]) }),
    ]);
    try {
      await waitFor(() => ticks.length >= 2);
      // The cron queue exists and its worker takes what is sent to it.
      const boss = createBoss(h, quiet);
      await boss.start();
      await boss.send(queue, {});
      await boss.stop({ graceful: false, wait: true });
      await waitFor(() => cronRuns.length > 0);
    } finally {
      await stopJobs();
    }
    const after = ticks.length;
    await sleep(500);
    expect(ticks.length).toBe(after);
  });

  it("registers the outbox loop and the deadline scan with batch sizes", () => {
    const outbox = jobRegistry.find((j) => j.name === "outbox.dispatch");
    expect(outbox?.everySeconds).toBeGreaterThan(0);
    expect(outbox?.cron).toBeUndefined();
    const scan = jobRegistry.find((j) => j.name === "deadlines.scan");
    expect(scan?.cron).toBe("* * * * *");
    for (const j of jobRegistry) expect(j.batchSize).toBeGreaterThan(0);
  });
});

describe.skipIf(!onPostgres)("two nodes on one PostgreSQL", () => {
  const nodes: Array<{ handle: DatabaseHandle; boss: PgBoss }> = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i += 1) {
      const handle = await openDatabase({ url: process.env.TEST_DATABASE_URL });
      const boss = createBoss(handle, quiet);
      boss.on("error", (e) => console.error(e));
      await boss.start();
      nodes.push({ handle, boss });
    }
  });
  afterAll(async () => {
    for (const n of nodes) {
      await n.boss.stop({ graceful: true, wait: true, timeout: 2000 });
      await n.handle.close();
    }
  });

  it("processes each of 50 jobs exactly once, fetched in batches", async () => {
    const queue = `test-two-nodes-${uniqueSuffix()}`;
    const [a, b] = nodes;
    if (!a || !b) throw new Error("nodes");
    await a.boss.createQueue(queue);
    const processed: string[] = [];
    const batches: Array<{ node: number; size: number }> = [];
    await Promise.all(
      [a, b].map((n, node) =>
        n.boss.work(queue, { batchSize: 5, pollingIntervalSeconds: 0.5 }, async (jobs) => {
          batches.push({ node, size: jobs.length });
          for (const job of jobs) processed.push(job.id);
          await sleep(100);
        }),
      ),
    );
    await a.boss.insert(Array.from({ length: 50 }, (_, i) => ({ name: queue, data: { i } })));
    await waitFor(() => processed.length >= 50);
    // Time for a duplicate to show up, if there were one.
    await sleep(1500);

    expect(processed).toHaveLength(50);
    expect(new Set(processed).size).toBe(50);
    expect(Math.max(...batches.map((x) => x.size))).toBeGreaterThan(1);
    expect(batches.every((x) => x.size <= 5)).toBe(true);
    expect(new Set(batches.map((x) => x.node)).size).toBe(2);
    expect(await a.boss.getQueueSize(queue)).toBe(0);
  });
});
