import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { endOfShanghaiDay } from "@/modules/calendar/model";
import { outbox } from "@/modules/notifications/schema";
import { actorByLogin, createTestBundle, newEnterprise, withDemo } from "@/root/testing/fixtures";
import { scanDeadlines } from "./scan-deadlines";
import { reviewTasks } from "./schema";

const { h, clerk, dataOffice } = await withDemo({ clerk: "clerk", dataOffice: "dataoffice" });
const taxHead = await actorByLogin(h.db, "head.tax");
const marketHead = await actorByLogin(h.db, "head.market");

/**
 * A bundle led by market regulation with a tax step, accepted in September 2026; the tax task is
 * made due at the end of Wednesday 30 September, the day before the National Day week (1–7 October
 * off; Saturday 10 October a make-up working day). Working days after the due date: Thursday 8
 * October (1), Friday 9 (2), Saturday 10 (3).
 */
async function taxTaskDueBeforeNationalDay() {
  const { code } = await createTestBundle(h.db, [
    { key: "licence", department: "market" },
    { key: "tax", department: "tax" },
  ]);
  const applicant = await newEnterprise(h.db);
  const at = new Date("2026-09-21T01:00:00Z");
  const s = await submitApplication(
    h.db,
    applicant,
    ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: randomUUID(),
      formData: { projectName: "x" },
      materials: {},
      consent: true,
    }),
    at,
  );
  const [app] = await h.db.select().from(applications).where(eq(applications.id, s.id));
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: app?.version ?? 0 }, at);
  const [task] = await h.db
    .update(reviewTasks)
    .set({ dueAt: endOfShanghaiDay("2026-09-30"), reminderSentAt: at })
    .where(and(eq(reviewTasks.applicationId, s.id), eq(reviewTasks.stepKey, "tax")))
    .returning();
  // The market step is decided on time, so only the tax task is overdue.
  await h.db
    .update(reviewTasks)
    .set({ dueAt: endOfShanghaiDay("2026-12-31") })
    .where(and(eq(reviewTasks.applicationId, s.id), eq(reviewTasks.stepKey, "licence")));
  if (!task) throw new Error("tax task");
  return task;
}

// In the order of the ladder: PostgreSQL returns rows in no particular order without one.
const escalations = async (applicationId: string) =>
  (
    await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, applicationId), eq(outbox.kind, "taskEscalated")))
  )
    .map((o) => ({ to: o.recipientUserIds, days: (o.params as { count: number }).count }))
    .sort((a, b) => a.days - b.days);
const rung = async (id: string) => (await h.db.select({ r: reviewTasks.escalationRung }).from(reviewTasks).where(eq(reviewTasks.id, id)))[0]?.r;

// The whole backlog in one scan: on a shared PostgreSQL database other files leave overdue tasks too.
const wholeScan = { batchSize: 100_000 };

describe("escalation ladder on overdue tasks (督办), across National Day 2026", () => {
  it("tells the head at 1 working day overdue, the lead department at 2, the data office at 3, each once", async () => {
    const task = await taxTaskDueBeforeNationalDay();
    // Wednesday 7 October, a holiday: a week late by the calendar, but no working day has passed.
    await scanDeadlines(h.db, new Date("2026-10-07T02:00:00Z"), wholeScan);
    expect(await escalations(task.applicationId)).toEqual([]);
    const overdue = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, task.applicationId), eq(outbox.kind, "taskOverdue")));
    expect(overdue).toHaveLength(1);
    // Thursday 8 October, 18:00 in Shanghai: the first working day after the due date has not ended.
    await scanDeadlines(h.db, new Date("2026-10-08T10:00:00Z"), wholeScan);
    expect(await escalations(task.applicationId)).toEqual([]);

    // Friday 9 October: 1 working day overdue — the tax head, once however often the job runs.
    await scanDeadlines(h.db, new Date("2026-10-09T02:00:00Z"), wholeScan);
    await scanDeadlines(h.db, new Date("2026-10-09T03:00:00Z"), wholeScan);
    expect(await escalations(task.applicationId)).toEqual([{ to: [taxHead.userId], days: 1 }]);
    expect(await rung(task.id)).toBe(1);

    // Saturday 10 October (a make-up working day): 2 working days — the lead department (market).
    await scanDeadlines(h.db, new Date("2026-10-10T02:00:00Z"), wholeScan);
    expect((await escalations(task.applicationId)).at(-1)).toEqual({ to: [marketHead.userId], days: 2 });

    // Sunday 11 October: Saturday's working day has ended — 3 working days, the data office.
    await scanDeadlines(h.db, new Date("2026-10-11T02:00:00Z"), wholeScan);
    await scanDeadlines(h.db, new Date("2026-10-20T02:00:00Z"), wholeScan);
    const all = await escalations(task.applicationId);
    expect(all).toHaveLength(3);
    expect(all[2]?.days).toBe(3);
    expect(all[2]?.to).toContain(dataOffice.userId);
    expect(await rung(task.id)).toBe(3);
  });

  it("a job that missed days tells every rung it skipped, once; a decided task is not escalated", async () => {
    const late = await taxTaskDueBeforeNationalDay();
    await scanDeadlines(h.db, new Date("2026-10-12T02:00:00Z"), wholeScan);
    expect((await escalations(late.applicationId)).map((e) => e.days)).toEqual([1, 2, 3]);

    const decided = await taxTaskDueBeforeNationalDay();
    await h.db.update(reviewTasks).set({ status: "approved" }).where(eq(reviewTasks.id, decided.id));
    await scanDeadlines(h.db, new Date("2026-10-12T02:00:00Z"), wholeScan);
    expect(await escalations(decided.applicationId)).toEqual([]);
  });
});
