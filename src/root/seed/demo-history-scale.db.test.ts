import { asc, eq, inArray } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applications } from "@/modules/applications/schema";
import { auditEvents } from "@/modules/audit/schema";
import { verifyAuditChain } from "@/modules/audit/verify-audit";
import { reviewTasks } from "@/modules/review/schema";
import { dataAccessLog } from "@/modules/sharing/schema";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { onPostgres, ownDatabase } from "@/root/testing/database";
import { seedDemoProvince } from "./demo";
import { generateDemoHistory } from "./demo-history";

// The scale path of the demo history (`npm run demo:history -- --applications N`, issue 15) at a
// size that fits the suite: a database of its own (it writes a history for every department), a
// PGlite in memory, or on PostgreSQL a database made for the test and dropped after it, so the
// bulk inserts run on the server the benchmark uses.
const end = new Date("2026-10-15T08:00:00Z");
const made: Array<{ handle: DatabaseHandle; name?: string }> = [];

async function freshDemo(): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  let name: string | undefined;
  if (onPostgres) {
    name = `tongban_scale_test_${process.pid}_${made.length}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    handle = await openDatabase({ url: url.toString() });
    await handle.migrate();
  } else handle = await ownDatabase("migrated");
  made.push({ handle, name });
  await seedDemoProvince(handle.db);
  return handle;
}

afterAll(async () => {
  for (const m of made) {
    await m.handle.close();
    if (!m.name) continue;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${m.name}`);
    await admin.end();
  }
});

const caseKeys = ["applications", "tasks", "decisions", "supplementNotices", "materials", "documents", "disclosures", "ratings", "rectifications"];

describe("demo history, the scale path", () => {
  it("writes the demo path's cases from the same seed, with their audit trail and reads in proportion", { timeout: 300_000 }, async () => {
    const { db } = await freshDemo();
    const options = { seed: 11, end, months: 2, perMonth: 30, snapshots: false } as const;
    const numbers = async () =>
      (await db.select({ n: applications.trackingNumber }).from(applications).where(eq(applications.demo, true)).orderBy(asc(applications.trackingNumber))).map(
        (r) => r.n,
      );

    const demo = await generateDemoHistory(db, options);
    const demoNumbers = await numbers();
    expect(demo.counts.auditEvents).toBeUndefined();
    const caseEvents = async (ids: string[]) => (await db.select({ seq: auditEvents.seq }).from(auditEvents).where(inArray(auditEvents.streamId, ids))).length;
    expect(await caseEvents((await db.select({ id: applications.id }).from(applications)).map((c) => c.id))).toBe(0);

    const progress: Array<{ month: string; applications: number; rows: number }> = [];
    const scale = await generateDemoHistory(db, { ...options, scale: true, replace: true, onProgress: (p) => progress.push(p) });
    // The same cases: the same digest, counts and tracking numbers (the same seed, the same draws).
    expect(scale.digest).toBe(demo.digest);
    for (const k of caseKeys) expect(scale.counts[k], k).toBe(demo.counts[k]);
    expect(await numbers()).toEqual(demoNumbers);
    // A month at a time: the two full months before the end's month, then that month so far.
    expect(progress.map((p) => p.month)).toEqual(["2026-08", "2026-09", "2026-10"]);
    expect(progress.reduce((s, p) => s + p.applications, 0)).toBe(scale.counts.applications);

    // Proportions: tasks per case by bundle, the trail each case leaves.
    const n = scale.counts.applications!;
    expect(n).toBeGreaterThan(50);
    expect(scale.counts.tasks! / n).toBeGreaterThan(1.2);
    expect(scale.counts.tasks! / n).toBeLessThan(6);
    expect(scale.counts.auditEvents! / n).toBeGreaterThan(4);
    expect(scale.counts.auditEvents! / n).toBeLessThan(25);
    expect(scale.counts.dataAccessLog).toBeGreaterThan(0);

    // Every case has its own stream, chained and keyed: the log verifies.
    const cases = await db.select({ id: applications.id }).from(applications).where(eq(applications.demo, true));
    const streams = new Set((await db.selectDistinct({ s: auditEvents.streamId }).from(auditEvents)).map((r) => r.s));
    expect(cases.every((c) => streams.has(c.id))).toBe(true);
    expect(await caseEvents(cases.map((c) => c.id))).toBe(scale.counts.auditEvents);
    const verified = await verifyAuditChain(db);
    expect(verified.brokenAt).toBeUndefined();
    expect(verified.ok).toBe(true);

    // The reads: of an enterprise's licence, for a case of this history, by its filer, the window or a reviewer of a step.
    const reads = await db
      .select()
      .from(dataAccessLog)
      .where(
        inArray(
          dataAccessLog.applicationId,
          cases.map((c) => c.id),
        ),
      );
    expect(reads).toHaveLength(scale.counts.dataAccessLog!);
    expect(new Set(reads.map((r) => r.purpose))).toEqual(new Set(["submission", "acceptance", "review"]));
    const tasks = await db.select({ app: reviewTasks.applicationId, by: reviewTasks.claimedBy, dept: reviewTasks.departmentId }).from(reviewTasks);
    for (const r of reads.filter((x) => x.purpose === "review"))
      expect(tasks.some((t) => t.app === r.applicationId && t.by === r.readerUserId && t.dept === r.readerDepartmentId)).toBe(true);
    expect(reads.every((r) => r.certificateTypeCode === "businessLicence" && r.outcome === "allowed" && r.readKey)).toBe(true);

    // Replacing removes the reads with the cases (the audit events stay: the log is append-only).
    const again = await generateDemoHistory(db, { ...options, scale: true, replace: true });
    expect(again.digest).toBe(demo.digest);
    expect(await db.select().from(dataAccessLog).where(eq(dataAccessLog.certificateTypeCode, "businessLicence"))).toHaveLength(again.counts.dataAccessLog!);
    expect(await caseEvents(cases.map((c) => c.id))).toBe(scale.counts.auditEvents);
  });
});
