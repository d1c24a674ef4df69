import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ownDatabase } from "@/root/testing/database";
import { migrationsFolder } from "./db/client";
import { createBoss } from "./jobs/boss";
import { jobQueueStats } from "./jobs/queue-stats";
import { checkReadiness, latestMigration } from "./ready";

const work = mkdtempSync(path.join(tmpdir(), "tongban-ready-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A migrations folder whose journal has one more migration than the database. */
function journalAhead(): string {
  const folder = path.join(work, "drizzle");
  mkdirSync(path.join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: Array<Record<string, unknown>> };
  const last = latestMigration();
  journal.entries.push({ idx: journal.entries.length, version: "7", when: last.when + 1000, tag: "9999_from_a_newer_release", breakpoints: true });
  writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  return folder;
}

describe("readiness", () => {
  it("is ready on a migrated database with no job waiting, and names the migration that is missing", async () => {
    const h = await ownDatabase("migrated");
    try {
      const ok = await checkReadiness(async () => h, { maxJobLagSeconds: 60 });
      expect(ok.ready).toBe(true);
      expect(ok.checks.map((c) => [c.name, c.ok])).toEqual([
        ["database", true],
        ["migrations", true],
        ["jobs", true],
      ]);
      expect(ok.checks[1]?.detail).toContain(latestMigration().tag);

      const behind = await checkReadiness(async () => h, { maxJobLagSeconds: 60, migrationsFolder: journalAhead() });
      expect(behind.ready).toBe(false);
      expect(behind.checks.find((c) => c.name === "migrations")).toMatchObject({ ok: false, detail: "9999_from_a_newer_release is not applied" });
    } finally {
      await h.close();
    }
  });

  it("is not ready on an unmigrated database, nor when the database does not open or answer, and says nothing of why beyond the check", async () => {
    const empty = await ownDatabase("empty");
    try {
      const r = await checkReadiness(async () => empty, { maxJobLagSeconds: 60 });
      expect(r.ready).toBe(false);
      expect(r.checks.find((c) => c.name === "migrations")?.ok).toBe(false);
    } finally {
      await empty.close();
    }
    const down = await checkReadiness(() => Promise.reject(new Error("connect ECONNREFUSED 10.0.0.5:5432 user secret")), { maxJobLagSeconds: 60 });
    expect(down.ready).toBe(false);
    expect(down.checks[0]).toEqual({ name: "database", ok: false, detail: "the database does not answer" });
    expect(JSON.stringify(down)).not.toContain("10.0.0.5");
    const hanging = await checkReadiness(() => new Promise(() => undefined), { maxJobLagSeconds: 60, timeoutMs: 200 });
    expect(hanging.checks[0]?.ok).toBe(false);
  });

  it("is not ready when a job has waited past the bound, naming its queue", { timeout: 60_000 }, async () => {
    const h = await ownDatabase("migrated");
    const boss = createBoss(h, { supervise: false, schedule: false });
    try {
      await boss.start();
      await boss.createQueue("ops.probe");
      // Due ten minutes ago and never fetched: no worker runs on this queue.
      await boss.send("ops.probe", {}, { startAfter: new Date(Date.now() - 10 * 60_000) });
      const stats = await jobQueueStats(h.db);
      expect(stats.find((q) => q.queue === "ops.probe")).toMatchObject({ waiting: 1 });
      expect(stats.find((q) => q.queue === "ops.probe")?.oldestAgeSeconds).toBeGreaterThan(590);

      const lagging = await checkReadiness(async () => h, { maxJobLagSeconds: 300 });
      expect(lagging.ready).toBe(false);
      expect(lagging.checks.find((c) => c.name === "jobs")?.detail).toContain("ops.probe");
      expect((await checkReadiness(async () => h, { maxJobLagSeconds: 3600 })).ready).toBe(true);
    } finally {
      await boss.stop({ graceful: false, wait: true });
      await h.close();
    }
  });
});
