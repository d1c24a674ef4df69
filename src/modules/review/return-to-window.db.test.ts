import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { listAcceptanceQueue } from "@/modules/applications/list-applications";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { outbox } from "@/modules/notifications/schema";
import { createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { claimTask } from "./claim-task";
import { decideTask } from "./decide-task";
import { ZReturnToWindowInput } from "./ops-inputs";
import { returnToWindow } from "./return-to-window";
import { reviewTasks } from "./schema";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const market = await reviewer(h.db, "market");
const tax = await reviewer(h.db, "tax");

const monday = new Date("2026-03-02T01:00:00Z");
const tuesday = new Date("2026-03-03T02:00:00Z");
const thursday = new Date("2026-03-05T02:00:00Z");

async function acceptedCase() {
  const { code } = await createTestBundle(h.db, [
    { key: "a", department: "market" },
    { key: "b", department: "tax" },
    { key: "c", department: "tax", needs: ["a"] },
  ]);
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
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: app?.version ?? 0 }, monday);
  const tasks = Object.fromEntries((await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, s.id))).map((t) => [t.stepKey, t]));
  return { applicationId: s.id, a: tasks.a!, b: tasks.b! };
}

const appRow = async (id: string) => (await h.db.select().from(applications).where(eq(applications.id, id)))[0];
const tasksOf = async (id: string) =>
  Object.fromEntries((await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, id))).map((t) => [t.stepKey, t]));

describe("return to the window (退回窗口)", () => {
  it("sends the case back with its reason: every task waits again, the window sees it in its queue and is told, and a new acceptance opens fresh clocks", async () => {
    const { applicationId, a } = await acceptedCase();
    const claimed = await claimTask(h.db, market, { taskId: a.id, version: a.version }, monday);
    await returnToWindow(h.db, market, ZReturnToWindowInput.parse({ taskId: a.id, version: claimed.version, reason: "申请事项选择错误" }), tuesday);

    const app = await appRow(applicationId);
    expect(app).toMatchObject({ status: "submitted", acceptedAt: null, acceptedBy: null, returnReason: "申请事项选择错误" });
    const tasks = await tasksOf(applicationId);
    for (const t of Object.values(tasks)) expect(t).toMatchObject({ status: "waiting", claimedBy: null, dueAt: null, clockStartedAt: null });
    const queue = await listAcceptanceQueue(h.db, clerk, { status: "submitted" }, tuesday);
    expect(queue.find((r) => r.id === applicationId)).toMatchObject({ returnReason: "申请事项选择错误" });
    const told = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, applicationId), eq(outbox.kind, "applicationReturned")));
    expect(told[0]?.recipientUserIds).toContain(clerk.userId);
    const audits = await h.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.streamId, applicationId), eq(auditEvents.action, "application.returnToWindow")));
    expect(audits).toHaveLength(1);

    // Accepted again on Thursday: the first steps open with clocks from Thursday; the dependent one waits.
    const again = await appRow(applicationId);
    await acceptApplication(h.db, clerk, { applicationId, version: again?.version ?? 0 }, thursday);
    const reopened = await tasksOf(applicationId);
    expect([reopened.a?.status, reopened.b?.status, reopened.c?.status]).toEqual(["open", "open", "waiting"]);
    expect(reopened.a?.clockStartedAt?.toISOString()).toBe(thursday.toISOString());
    expect((await decideTask(h.db, market, { taskId: a.id, version: reopened.a?.version ?? 0, outcome: "approved" }, thursday)).taskStatus).toBe("approved");
  });

  it("refuses once a department has spoken, and without a reason; nothing is written", async () => {
    const { applicationId, a, b } = await acceptedCase();
    await decideTask(h.db, tax, { taskId: b.id, version: b.version, outcome: "approved" }, tuesday);
    await expect(returnToWindow(h.db, market, { taskId: a.id, version: a.version, reason: "申请事项选择错误" }, tuesday)).rejects.toMatchObject({
      code: "illegalTransition",
      message: "review.ops.errors.alreadySpoken",
    });
    expect(await appRow(applicationId)).toMatchObject({ status: "inReview", returnReason: null });
    expect((await tasksOf(applicationId)).a).toMatchObject({ status: "open", version: a.version });
    const parsed = ZReturnToWindowInput.safeParse({ taskId: a.id, version: a.version, reason: "无" });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
  });

  it("another department's reviewer cannot return a task that is not theirs", async () => {
    const { a } = await acceptedCase();
    await expect(returnToWindow(h.db, tax, { taskId: a.id, version: a.version, reason: "申请事项选择错误" }, tuesday)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
