import { and, eq, inArray, isNotNull, isNull, like } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { decidedApplicationStatuses, isFinalApplication, isLiveApplication, undecidedApplicationStatuses } from "@/modules/applications/model";
import { hasDemoHistory } from "@/modules/applications/demo-data";
import { applications } from "@/modules/applications/schema";
import { isBadRating, isOpenRectification } from "@/modules/ratings/model";
import { ratings, rectificationItems } from "@/modules/ratings/schema";
import { datedTaskStatuses, isDecidedTask } from "@/modules/review/model";
import { reviewTasks } from "@/modules/review/schema";
import { computeIndex, methodology } from "@/modules/serviceIndex/model";
import { serviceIndexValues } from "@/modules/serviceIndex/schema";
import { creditRecords } from "@/modules/credit/schema";
import { disclosures } from "@/modules/disclosure/schema";
import { riskAssessments } from "@/modules/risk/schema";
import type { DatabaseHandle } from "@/server/db/client";
import { ownDatabase } from "@/root/testing/database";
import { seedDemoProvince } from "./demo";
import { demoHistoryDigest, generateDemoHistory } from "./demo-history";
import { demoHistoryRuns } from "./demo-history-schema";

// Databases of their own (PGlite, also when the suite runs on PostgreSQL): the history writes a
// year of cases and index snapshots for every department, which would move the figures other
// tests compute on a shared database for the same months.
const end = new Date("2026-10-15T08:00:00Z");
const handles: DatabaseHandle[] = [];
async function freshDemo() {
  const h = await ownDatabase("migrated");
  handles.push(h);
  await seedDemoProvince(h.db);
  return h;
}
afterAll(async () => {
  for (const h of handles) await h.close();
});

describe("demo history", () => {
  it("is deterministic, marked demo, valid for the machines, and gives the index values", { timeout: 240_000 }, async () => {
    const a = await freshDemo();
    expect(await hasDemoHistory(a.db)).toBe(false);
    const first = await generateDemoHistory(a.db, { seed: 7, end, months: 4, perMonth: 40 });
    expect(first.status).toBe("written");
    expect(first.counts.applications).toBeGreaterThan(150);
    expect(await hasDemoHistory(a.db)).toBe(true);

    // A second run on the same database changes nothing; --replace writes the same rows again.
    const again = await generateDemoHistory(a.db, { seed: 7, end, months: 4, perMonth: 40 });
    expect(again.status).toBe("present");
    expect(again.digest).toBe(first.digest);
    expect(await a.db.select().from(demoHistoryRuns)).toHaveLength(1);
    const replaced = await generateDemoHistory(a.db, { seed: 7, end, months: 4, perMonth: 40, replace: true, snapshots: false });
    expect(replaced.digest).toBe(first.digest);
    expect(replaced.counts).toEqual(first.counts);

    // The supervision layer: penalties, honours and one listing of the enterprises that applied,
    // written once (replacing removed the first run's), and the risk classes computed from them.
    expect(first.counts["supervision.penalties"]).toBeGreaterThan(0);
    expect(first.counts["supervision.listings"]).toBe(1);
    const layered = await a.db.select().from(creditRecords).where(like(creditRecords.sourceKey, "demoHistory:%"));
    expect(layered).toHaveLength(first.counts["supervision.penalties"]! + first.counts["supervision.honours"]! + 1);
    const applicants = new Set((await a.db.select({ code: applications.holderCode }).from(applications)).map((r) => r.code));
    expect(layered.every((r) => applicants.has(r.subjectCode) && r.decidedOn <= "2026-10-15")).toBe(true);
    const listed = layered.find((r) => r.kind === "dishonestyList")!;
    const [listedClass] = await a.db.select().from(riskAssessments).where(eq(riskAssessments.subjectCode, listed.subjectCode));
    expect(listedClass?.riskClass).toBe("D");
    expect(listedClass?.month).toBe("2026-10");

    // A fresh database, the same seed and end day: the same history.
    const b = await freshDemo();
    const other = await generateDemoHistory(b.db, { seed: 7, end, months: 4, perMonth: 40, snapshots: false });
    expect(other.digest).toBe(first.digest);
    expect(await demoHistoryDigest(b.db)).toBe(first.digest);
    const seeded = await generateDemoHistory(b.db, { seed: 8, end, months: 4, perMonth: 40, replace: true, snapshots: false });
    expect(seeded.digest).not.toBe(first.digest);

    const db = a.db;
    const apps = await db.select().from(applications);
    const demo = apps.filter((x) => x.demo);
    expect(demo.length).toBe(first.counts.applications);
    // Every case of this database is generated (the demo seed files none), each marked.
    expect(apps.every((x) => x.demo)).toBe(true);
    for (const app of demo) {
      expect(app.trackingNumber).toMatch(/^\d{14}9\d{5}$/);
      expect(app.submittedAt!.getTime()).toBeLessThanOrEqual(end.getTime());
      if ((decidedApplicationStatuses as string[]).includes(app.status)) expect(app.decidedAt).not.toBeNull();
      if (app.status === "completed") expect(app.completedAt).not.toBeNull();
      if ((undecidedApplicationStatuses as string[]).includes(app.status)) expect(app.decidedAt).toBeNull();
      expect(isFinalApplication(app.status) || isLiveApplication(app.status)).toBe(true);
    }
    const statuses = new Set(demo.map((x) => x.status));
    for (const s of ["completed", "denied", "notAccepted", "inReview"] as const) expect(statuses).toContain(s);

    const tasks = await db.select().from(reviewTasks);
    for (const t of tasks) {
      if (isDecidedTask(t.status)) {
        expect(t.decidedAt, `${t.id} ${t.status}`).not.toBeNull();
        expect(t.decidedBy).not.toBeNull();
        expect(t.decidedAt!.getTime()).toBeGreaterThan(t.clockStartedAt!.getTime());
      } else expect(t.decidedAt).toBeNull();
      if ((datedTaskStatuses as string[]).includes(t.status)) expect(t.dueAt).not.toBeNull();
      if (t.status === "claimed") expect(t.claimedBy).not.toBeNull();
      if (t.status === "waiting") expect(t.clockStartedAt).toBeNull();
    }
    // Some late, some still open and overdue at the end.
    expect(tasks.some((t) => t.decidedAt && t.dueAt && t.decidedAt > t.dueAt)).toBe(true);
    expect(tasks.some((t) => (t.status === "open" || t.status === "claimed") && t.dueAt! < end)).toBe(true);

    // Bad ratings have their rectification item; one appeal; disclosures within 7 working days but a few.
    const rated = await db.select().from(ratings);
    const items = await db.select().from(rectificationItems);
    expect(items.length).toBe(rated.filter((r) => r.departmentId && isBadRating(r.level)).length);
    expect(items.filter((i) => i.appealedAt)).toHaveLength(1);
    expect(items.some((i) => i.answeredOn && i.answeredOn > i.dueOn)).toBe(true);
    for (const i of items) if (!isOpenRectification(i.status)) expect(i.answeredAt).not.toBeNull();
    const published = await db.select().from(disclosures);
    expect(published.length).toBeGreaterThan(100);
    const late = published.filter((d) => d.publishedOn > d.dueOn).length;
    expect(late).toBeGreaterThan(0);
    expect(late / published.length).toBeLessThan(0.1);
    expect(published.every((d) => !d.counterpartIsPerson || (d.counterpartCode === null && d.counterpartName.endsWith("**")))).toBe(true);

    // The index of a past month: most departments have a value, each recomputes from its inputs.
    const month = await db
      .select()
      .from(serviceIndexValues)
      .where(and(eq(serviceIndexValues.period, "2026-08"), eq(serviceIndexValues.unitKind, "department")));
    const withValue = month.filter((v) => v.composite !== null);
    // Every department with enough cases has a value (数据不足 only below the threshold), and most have enough.
    expect(month.filter((v) => v.cases >= methodology.minimumCases).every((v) => v.composite !== null)).toBe(true);
    expect(withValue.length).toBeGreaterThanOrEqual(5);
    for (const v of month) {
      const r = computeIndex(v.inputs, v.cases);
      expect(r.composite).toBe(v.composite);
      expect(r.primaryShortfall).toBe(v.primaryShortfall);
    }
    // The slow department shows: housing's on-time rate is the lowest.
    const onTime = (code: string) => {
      const v = month.find((x) => x.unitCode === code)!;
      return v.inputs.tasksOnTime! / v.inputs.tasksDecided!;
    };
    expect(onTime("housing")).toBeLessThan(onTime("market"));
    const last30 = await db.selectDistinct({ on: serviceIndexValues.computedOn }).from(serviceIndexValues).where(eq(serviceIndexValues.period, "last30"));
    expect(last30.length).toBe(30);

    // Open cases carry no decision; the tasks of a notice still owed are paused.
    const waiting = demo.filter((x) => x.status === "supplementRequired").map((x) => x.id);
    if (waiting.length)
      expect(
        await db
          .select()
          .from(reviewTasks)
          .where(and(inArray(reviewTasks.applicationId, waiting), eq(reviewTasks.status, "supplementRequested"), isNull(reviewTasks.decidedAt))),
      ).not.toHaveLength(0);
    expect(
      await db
        .select()
        .from(reviewTasks)
        .where(and(eq(reviewTasks.status, "cancelled"), isNotNull(reviewTasks.decidedAt))),
    ).toHaveLength(0);
  });
});
