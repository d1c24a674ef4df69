import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { getApplication } from "@/modules/applications/get-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { onCalendarPublished } from "@/modules/calendar/effects";
import { provisionalHolidays } from "@/modules/calendar/holiday-rules";
import { ZPublishCalendarYearInput } from "@/modules/calendar/inputs";
import { listCalendarYears } from "@/modules/calendar/list-years";
import { calendarYears } from "@/modules/calendar/schema";
import { publishCalendarYear } from "@/modules/calendar/publish-year";
import type { Actor } from "@/modules/identity/model";
import { outbox } from "@/modules/notifications/schema";
import type { DatabaseHandle } from "@/server/db/client";
import { testDatabase } from "@/root/testing/database";
import { actorByLogin, createTestBundle, ensureDemo, newEnterprise, reviewer } from "@/root/testing/fixtures";
import { claimTask } from "./claim-task";
import { decideTask } from "./decide-task";
import { listDepartmentQueue } from "./list-queue";
import { scanDeadlines } from "./scan-deadlines";
import { reviewTasks } from "./schema";

let h: DatabaseHandle;
let clerk: Actor;
let office: Actor;
beforeAll(async () => {
  h = await testDatabase();
  await ensureDemo(h.db);
  clerk = await actorByLogin(h.db, "clerk");
  office = await actorByLogin(h.db, "dataoffice");
});

/**
 * The due day counted the plain way, as the check on the calendar: the `budget`-th weekday after
 * `start` that is not in `holidays` (no make-up days: neither the provisional year nor the test's
 * notice has any, and the published year before has no holiday in December).
 */
function plainDueDay(start: string, budget: number, holidays: ReadonlySet<string>): string {
  let left = budget;
  let d = new Date(`${start}T00:00:00Z`);
  while (left > 0) {
    d = new Date(d.getTime() + 86_400_000);
    const day = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    if (!weekend && !holidays.has(day)) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

/** 23:59:59.999 of a day in China. */
const endOfDay = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

describe("due dates past the last published year", () => {
  it("are computed from the holiday rules, marked provisional and shown so; publishing the year moves the open ones in one audited transaction and tells those concerned", async () => {
    const { nextYear } = await listCalendarYears(h.db);
    const last = nextYear - 1;
    const acceptedAt = new Date(`${last}-12-17T10:00:00+08:00`);

    const { code } = await createTestBundle(h.db, [
      { key: "long", department: "market", promisedDays: 20 },
      { key: "closed", department: "tax", promisedDays: 20 },
      { key: "short", department: "fire", promisedDays: 3 },
      { key: "asking", department: "health", promisedDays: 20 },
    ]);
    const applicant = await newEnterprise(h.db);
    const submitted = await submitApplication(
      h.db,
      applicant,
      ZSubmitApplicationInput.parse({
        subject: { kind: "bundle", code },
        idempotencyKey: randomUUID(),
        formData: { projectName: "示例项目" },
        materials: {},
        consent: true,
      }),
      acceptedAt,
    );
    const [row] = await h.db.select().from(applications).where(eq(applications.id, submitted.id));
    // Before the provisional years this was refused: "the calendar for {year} is not published".
    await acceptApplication(h.db, clerk, { applicationId: submitted.id, version: row?.version ?? 0 }, acceptedAt);
    const tasksOf = async () =>
      Object.fromEntries((await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, submitted.id))).map((t) => [t.stepKey, t]));

    // Computed on the rules: 20 working days from 17 December run into the provisional year.
    const provisionalDue = plainDueDay(`${last}-12-17`, 20, new Set(provisionalHolidays(nextYear)));
    expect(provisionalDue.startsWith(`${nextYear}-`)).toBe(true);
    let tasks = await tasksOf();
    expect(tasks.long).toMatchObject({ status: "open", dueAt: endOfDay(provisionalDue), dueProvisional: true });
    expect(tasks.closed).toMatchObject({ dueAt: endOfDay(provisionalDue), dueProvisional: true });
    // 3 working days stay in the published year: not provisional.
    expect(tasks.short).toMatchObject({ dueAt: endOfDay(plainDueDay(`${last}-12-17`, 3, new Set())), dueProvisional: false });

    // Shown as provisional to the applicant (and the public tracking page, same view) and in the queue.
    const view = await getApplication(h.db, applicant, submitted.id, acceptedAt);
    expect(Object.fromEntries(view.tasks.map((t) => [t.stepKey, t.dueProvisional]))).toEqual({ long: true, closed: true, short: false, asking: true });
    // The stepper: under review, expected to finish on a provisional date (the latest task's).
    expect(view.stage).toEqual({ stage: "review", ended: false });
    expect(view.expectedFinish).toEqual({ at: endOfDay(provisionalDue), provisional: true });
    const market = await reviewer(h.db, "market");
    const queue = await listDepartmentQueue(
      h.db,
      { ...market, departmentId: market.departmentId ?? "" },
      // By its tracking number: on PostgreSQL the database is shared with every other test file, and a
      // far due date puts this task past the first page of market regulation's queue.
      { status: "pending", overdueOnly: false, page: 1, q: view.trackingNumber ?? "" },
      acceptedAt,
    );
    expect(queue.rows.find((r) => r.applicationId === submitted.id)).toMatchObject({ dueProvisional: true });
    // And said so in the departments' "new task" messages: provisional where the date is.
    const opened = await h.db
      .select({ params: outbox.params })
      .from(outbox)
      .where(and(eq(outbox.applicationId, submitted.id), eq(outbox.kind, "taskOpened")));
    expect(opened.map((o) => o.params.provisional).sort()).toEqual(["no", "yes", "yes", "yes"]);

    // The market reviewer holds the long task; the tax department has already decided.
    const claimedLong = await claimTask(h.db, market, { taskId: tasks.long!.id, version: tasks.long!.version }, acceptedAt);
    const tax = await reviewer(h.db, "tax");
    const claimedClosed = await claimTask(h.db, tax, { taskId: tasks.closed!.id, version: tasks.closed!.version }, acceptedAt);
    await decideTask(h.db, tax, { taskId: tasks.closed!.id, version: claimedClosed.version, outcome: "approved" } as never, acceptedAt);
    // The health department asks for more material: its clock waits on the applicant, its date still counts.
    const health = await reviewer(h.db, "health");
    const claimedAsking = await claimTask(h.db, health, { taskId: tasks.asking!.id, version: tasks.asking!.version }, acceptedAt);
    await decideTask(
      h.db,
      health,
      {
        taskId: tasks.asking!.id,
        version: claimedAsking.version,
        outcome: "supplementRequested",
        items: [{ materialKeys: ["projectName"], text: "请补充项目名称" }],
      } as never,
      acceptedAt,
    );

    // The State Council's notice (the test's own): New Year's Day and a week off in January.
    const notice = ZPublishCalendarYearInput.parse({
      year: nextYear,
      source: `测试用通知（非官方）${nextYear}`,
      holidays: `${nextYear}-01-01\n${nextYear}-01-11~${nextYear}-01-15`,
      makeupWorkdays: "",
      confirmed: true,
    });
    const publishedAt = new Date(`${last}-12-20T10:00:00+08:00`);

    // A listener that fails refuses the publication: the year and the recomputed dates roll back together.
    const off = onCalendarPublished(() => Promise.reject(new Error("listener failed")));
    await expect(publishCalendarYear(h.db, office, notice, publishedAt)).rejects.toThrow("listener failed");
    off();
    expect(
      await h.db
        .select()
        .from(calendarYears)
        .where(eq(calendarYears.year, String(nextYear))),
    ).toEqual([]);
    expect((await tasksOf()).long).toMatchObject({ dueAt: endOfDay(provisionalDue), dueProvisional: true });

    await publishCalendarYear(h.db, office, notice, publishedAt);

    const publishedDue = plainDueDay(`${last}-12-17`, 20, new Set(notice.holidays));
    expect(publishedDue).not.toBe(provisionalDue);
    tasks = await tasksOf();
    expect(tasks.long).toMatchObject({ status: "claimed", version: claimedLong.version, dueAt: endOfDay(publishedDue), dueProvisional: false });
    // A decided task keeps the date it was decided against.
    expect(tasks.closed).toMatchObject({ status: "approved", dueAt: endOfDay(provisionalDue), dueProvisional: true });
    expect(tasks.short).toMatchObject({ dueProvisional: false });
    // Waiting on the applicant: recomputed from the same facts; the pause is added when it reopens.
    expect(tasks.asking).toMatchObject({ status: "supplementRequested", dueAt: endOfDay(publishedDue), dueProvisional: false });

    const audits = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.streamId, submitted.id), eq(auditEvents.action, "task.dueDateRecomputed")));
    expect(audits.map((a) => a.entityId).sort()).toEqual([tasks.long!.id, tasks.asking!.id].sort());
    expect(audits.find((a) => a.entityId === tasks.long!.id)).toMatchObject({
      actorUserId: office.userId,
      actorRole: "dataOffice",
      data: {
        calendarYear: nextYear,
        previousDueAt: endOfDay(provisionalDue).toISOString(),
        dueAt: endOfDay(publishedDue).toISOString(),
        dueProvisional: false,
      },
    });

    const told = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, submitted.id), eq(outbox.kind, "dueDateChanged")));
    expect(told).toHaveLength(2);
    for (const t of told) expect(t.params).toMatchObject({ previousDueDate: provisionalDue, dueDate: publishedDue, department: expect.any(String) as string });
    const toMarket = told.find((t) => t.recipientUserIds.includes(market.userId));
    expect(toMarket?.recipientUserIds).toEqual(expect.arrayContaining([applicant.userId, market.userId]));
    expect(toMarket?.recipientUserIds).not.toContain(health.userId);
    expect(told.flatMap((t) => t.recipientUserIds)).not.toContain(tax.userId);

    const after = await getApplication(h.db, applicant, submitted.id, publishedAt);
    expect(after.tasks.find((t) => t.stepKey === "long")).toMatchObject({ dueAt: endOfDay(publishedDue), dueProvisional: false });

    // A task that opened on the calendar as it was just before the publication, and committed just
    // after it, still has the provisional date: the deadline job's sweep recomputes it.
    await h.db
      .update(reviewTasks)
      .set({ dueAt: endOfDay(provisionalDue), dueProvisional: true, dueCalendarYear: last })
      .where(eq(reviewTasks.id, tasks.long!.id));
    const scan = await scanDeadlines(h.db, publishedAt);
    expect(scan.dueDatesRecomputed).toBeGreaterThanOrEqual(1);
    expect((await tasksOf()).long).toMatchObject({ dueAt: endOfDay(publishedDue), dueProvisional: false });
    const swept = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, tasks.long!.id), eq(auditEvents.action, "task.dueDateRecomputed")));
    expect(swept).toHaveLength(2);
    expect(swept.find((a) => a.actorUserId === null)).toMatchObject({ actorRole: null, data: { dueProvisional: false } });
    expect((await tasksOf()).long).toMatchObject({ dueCalendarYear: nextYear });

    // A straggler whose date ran through the newly published year into a later provisional one
    // was computed against the year before: the sweep knows it by that year, not by where it ends.
    const laterProvisional = endOfDay(`${nextYear + 1}-01-15`);
    await h.db.update(reviewTasks).set({ dueAt: laterProvisional, dueProvisional: true, dueCalendarYear: last }).where(eq(reviewTasks.id, tasks.long!.id));
    expect((await scanDeadlines(h.db, publishedAt)).dueDatesRecomputed).toBeGreaterThanOrEqual(1);
    expect((await tasksOf()).long).toMatchObject({ dueAt: endOfDay(publishedDue), dueProvisional: false, dueCalendarYear: nextYear });
    // One computed on the current calendar that rightly ends in a provisional year is left alone.
    await h.db.update(reviewTasks).set({ dueAt: laterProvisional, dueProvisional: true, dueCalendarYear: nextYear }).where(eq(reviewTasks.id, tasks.long!.id));
    await scanDeadlines(h.db, publishedAt);
    expect((await tasksOf()).long).toMatchObject({ dueAt: laterProvisional, dueProvisional: true });
  });
});
