import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { claimTask } from "./claim-task";
import { departmentCounts } from "./dashboard";
import { decideTask } from "./decide-task";
import { ZQueueInput } from "./inputs";
import { listDepartmentQueue } from "./list-queue";
import { reviewTasks } from "./schema";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const market = await reviewer(h.db, "market");
const tax = await reviewer(h.db, "tax");
if (!market.departmentId || !tax.departmentId) throw new Error("demo reviewers have departments");
const marketReviewer = { ...market, departmentId: market.departmentId };
const taxReviewer = { ...tax, departmentId: tax.departmentId };

// Accepted Monday 2 March 2026 with a 5-working-day budget: due at the end of Monday 9 March.
const monday = new Date("2026-03-02T01:00:00Z");
const thursday = new Date("2026-03-05T02:00:00Z"); // Friday and Monday are the next 2 working days: 即将超期
const dueDay = new Date("2026-03-09T02:00:00Z"); // 今日到期
const dayAfter = new Date("2026-03-10T02:00:00Z"); // 已超期

async function acceptedMarketTask() {
  const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
  const applicant = await newEnterprise(h.db);
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
    monday,
  );
  const [app] = await h.db.select().from(applications).where(eq(applications.id, s.id));
  if (!app) throw new Error("submitted");
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: app.version }, monday);
  const [task] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, s.id));
  if (!task) throw new Error("task opened");
  return { app, task };
}

const version = async (taskId: string) => (await h.db.select({ v: reviewTasks.version }).from(reviewTasks).where(eq(reviewTasks.id, taskId)))[0]?.v ?? 0;
const diff = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]));
const queue = (input: Record<string, unknown>, now: Date, actor = marketReviewer) => listDepartmentQueue(h.db, actor, ZQueueInput.parse(input), now);

describe("the department dashboard", () => {
  it("counts move as tasks are claimed and decided, and each count is the queue it links to", async () => {
    const before = {
      thursday: await departmentCounts(h.db, marketReviewer, thursday),
      dueDay: await departmentCounts(h.db, marketReviewer, dueDay),
      dayAfter: await departmentCounts(h.db, marketReviewer, dayAfter),
    };
    const one = await acceptedMarketTask();
    const two = await acceptedMarketTask();

    expect(diff(await departmentCounts(h.db, marketReviewer, thursday), before.thursday)).toEqual({
      unclaimed: 2,
      inReview: 0,
      dueToday: 0,
      dueSoon: 2,
      overdue: 0,
      mine: 0,
    });
    expect(diff(await departmentCounts(h.db, marketReviewer, dueDay), before.dueDay)).toEqual({
      unclaimed: 2,
      inReview: 0,
      dueToday: 2,
      dueSoon: 0,
      overdue: 0,
      mine: 0,
    });
    expect(diff(await departmentCounts(h.db, marketReviewer, dayAfter), before.dayAfter)).toEqual({
      unclaimed: 2,
      inReview: 0,
      dueToday: 0,
      dueSoon: 0,
      overdue: 2,
      mine: 0,
    });

    await claimTask(h.db, market, { taskId: one.task.id, version: one.task.version }, thursday);
    expect(diff(await departmentCounts(h.db, marketReviewer, thursday), before.thursday)).toEqual({
      unclaimed: 1,
      inReview: 1,
      dueToday: 0,
      dueSoon: 2,
      overdue: 0,
      mine: 1,
    });
    // "Mine" is the reviewer's own: a colleague's claim is not in it.
    const mineRows = (await queue({ bucket: "mine" }, thursday)).rows.map((r) => r.taskId);
    expect(mineRows).toContain(one.task.id);
    expect(mineRows).not.toContain(two.task.id);

    await decideTask(h.db, market, { taskId: one.task.id, version: await version(one.task.id), outcome: "approved" }, thursday);
    expect(diff(await departmentCounts(h.db, marketReviewer, thursday), before.thursday)).toEqual({
      unclaimed: 1,
      inReview: 0,
      dueToday: 0,
      dueSoon: 1,
      overdue: 0,
      mine: 0,
    });

    const overdue = (await queue({ bucket: "overdue" }, dayAfter)).rows;
    expect(overdue.map((r) => r.taskId)).toContain(two.task.id);
    expect(overdue.map((r) => r.taskId)).not.toContain(one.task.id);
    // Another department sees none of it.
    expect((await queue({ bucket: "unclaimed" }, thursday, taxReviewer)).rows.map((r) => r.taskId)).not.toContain(two.task.id);
  });

  it("counts the working days left on every running row, on the official calendar", async () => {
    const { app, task } = await acceptedMarketTask();
    const row = async (now: Date) => (await queue({ q: app.trackingNumber ?? "" }, now)).rows.find((r) => r.taskId === task.id);
    // Thursday 5 March → Friday 6, Monday 9: two working days left (the weekend does not count).
    expect((await row(thursday))?.remainingDays).toBe(2);
    expect((await row(dueDay))?.remainingDays).toBe(0);
    expect((await row(dayAfter))?.remainingDays).toBe(-1);
    expect((await row(dayAfter))?.overdue).toBe(true);
  });
});

describe("searching the department's tasks", () => {
  it("finds a task by tracking number, by the applicant's code and by part of the name, in the department only", async () => {
    const { app, task } = await acceptedMarketTask();
    const ids = async (q: string, actor = marketReviewer) => (await queue({ status: "all", q }, thursday, actor)).rows.map((r) => r.taskId);

    const byNumber = await queue({ status: "all", q: app.trackingNumber ?? "" }, thursday);
    expect(byNumber.total).toBe(1);
    expect(byNumber.rows[0]?.taskId).toBe(task.id);
    expect(await ids(app.holderCode.toLowerCase())).toEqual([task.id]);
    expect(await ids(app.applicantName.slice(-8))).toContain(task.id);
    // A wildcard typed in is a letter, not a pattern.
    expect(await ids("%")).not.toContain(task.id);
    // Another department's reviewer finds nothing of market regulation's.
    expect(await ids(app.trackingNumber ?? "", taxReviewer)).toEqual([]);
  });

  it("refuses a search longer than 64 characters", () => {
    expect(ZQueueInput.safeParse({ q: "x".repeat(65) }).success).toBe(false);
    expect(ZQueueInput.safeParse({ q: `  ${"x".repeat(64)}  ` }).success).toBe(true);
  });
});
