import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { outbox } from "@/modules/notifications/schema";
import { actorByLogin, createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { extraReviewer } from "@/root/testing/staff";
import { claimTask } from "./claim-task";
import { decideTask } from "./decide-task";
import { ZReassignTaskInput } from "./ops-inputs";
import { reassignTask } from "./reassign-task";
import { reviewTasks } from "./schema";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const head = await actorByLogin(h.db, "head.market");
const market = await reviewer(h.db, "market");
const colleague = await extraReviewer(h.db, "market");
const retired = await extraReviewer(h.db, "market", { active: false });
const taxReviewer = await reviewer(h.db, "tax");

const monday = new Date("2026-03-02T01:00:00Z");
const tuesday = new Date("2026-03-03T02:00:00Z");

async function openMarketTask() {
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
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: app?.version ?? 0 }, monday);
  const [task] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, s.id));
  if (!task) throw new Error("task opened");
  return task;
}

const taskRow = async (id: string) => (await h.db.select().from(reviewTasks).where(eq(reviewTasks.id, id)))[0];
const reassignAudits = async (taskId: string) =>
  h.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, taskId), eq(auditEvents.action, "task.reassign")));

describe("supervisor reassignment", () => {
  it("the head gives a claimed task to a colleague, who is told, may decide it, and the move is audited", async () => {
    const task = await openMarketTask();
    const claimed = await claimTask(h.db, market, { taskId: task.id, version: task.version }, monday);
    const result = await reassignTask(
      h.db,
      head,
      ZReassignTaskInput.parse({ taskId: task.id, version: claimed.version, assigneeId: colleague.userId, reason: "原承办人出差" }),
      tuesday,
    );
    expect(await taskRow(task.id)).toMatchObject({ status: "claimed", claimedBy: colleague.userId, version: result.version });
    const audits = await reassignAudits(task.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]?.data).toMatchObject({ from: market.userId, to: colleague.userId, reason: "原承办人出差" });
    const told = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, task.applicationId), eq(outbox.kind, "taskReassigned")));
    expect(told.map((o) => o.recipientUserIds)).toEqual([[colleague.userId]]);
    // The former holder may no longer decide it; the new one may.
    await expect(decideTask(h.db, market, { taskId: task.id, version: result.version, outcome: "approved" }, tuesday)).rejects.toMatchObject({
      code: "forbidden",
    });
    const decided = await decideTask(h.db, colleague, { taskId: task.id, version: result.version, outcome: "approved" }, tuesday);
    expect(decided.taskStatus).toBe("approved");
  });

  it("an open task is reassigned too: claimed by the assignee", async () => {
    const task = await openMarketTask();
    await reassignTask(h.db, head, { taskId: task.id, version: task.version, assigneeId: market.userId, reason: "按专业分工" }, tuesday);
    expect(await taskRow(task.id)).toMatchObject({ status: "claimed", claimedBy: market.userId });
  });

  it("refuses another department's reviewer, an inactive one and the current holder, on the field, writing nothing", async () => {
    const task = await openMarketTask();
    const claimed = await claimTask(h.db, market, { taskId: task.id, version: task.version }, monday);
    for (const [assigneeId, key] of [
      [taxReviewer.userId, "review.ops.errors.notInDepartment"],
      [retired.userId, "review.ops.errors.inactive"],
      [market.userId, "review.ops.errors.alreadyAssigned"],
      [randomUUID(), "review.ops.errors.notInDepartment"],
    ] as const) {
      await expect(reassignTask(h.db, head, { taskId: task.id, version: claimed.version, assigneeId, reason: "测试理由" }, tuesday)).rejects.toMatchObject({
        code: "invalidInput",
        field: "assigneeId",
        message: key,
      });
    }
    expect(await taskRow(task.id)).toMatchObject({ claimedBy: market.userId, version: claimed.version });
    expect(await reassignAudits(task.id)).toHaveLength(0);
  });

  it("a missing reason is a field error, and only the head may reassign", () => {
    const parsed = ZReassignTaskInput.safeParse({ taskId: randomUUID(), version: 1, assigneeId: randomUUID(), reason: "  " });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
    return openMarketTask().then(async (task) => {
      await expect(
        reassignTask(h.db, market, { taskId: task.id, version: task.version, assigneeId: colleague.userId, reason: "测试理由" }, tuesday),
      ).rejects.toMatchObject({ code: "forbidden" });
      expect(await taskRow(task.id)).toMatchObject({ status: "open", claimedBy: null });
    });
  });
});
