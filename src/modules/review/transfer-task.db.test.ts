import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { getApplication } from "@/modules/applications/get-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { services } from "@/modules/catalog/schema";
import { outbox } from "@/modules/notifications/schema";
import { createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { claimTask } from "./claim-task";
import { decideTask } from "./decide-task";
import { ZQueueInput } from "./inputs";
import { listDepartmentQueue } from "./list-queue";
import { listTransferTargets } from "./list-transfer-targets";
import { ZTransferTaskInput } from "./ops-inputs";
import { reviewTasks } from "./schema";
import { transferTask } from "./transfer-task";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const market = await reviewer(h.db, "market");
const tax = await reviewer(h.db, "tax");
const health = await reviewer(h.db, "health");
if (!market.departmentId || !tax.departmentId || !health.departmentId) throw new Error("demo reviewers have departments");
const taxDept = tax.departmentId;

const monday = new Date("2026-03-02T01:00:00Z");
const tuesday = new Date("2026-03-03T02:00:00Z");

/** A market task whose service the catalog says tax may handle too. */
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
  await h.db
    .update(services)
    .set({ otherDepartmentIds: [taxDept] })
    .where(eq(services.id, task.serviceId));
  return { task, applicant };
}

const taskRow = async (id: string) => (await h.db.select().from(reviewTasks).where(eq(reviewTasks.id, id)))[0];

describe("transfer to the competent department (转办)", () => {
  it("moves the task with its due date to the receiving department's queue, which is told, and the applicant sees who has it", async () => {
    const { task, applicant } = await openMarketTask();
    expect((await listTransferTargets(h.db, market, task.id)).map((d) => d.id)).toEqual([taxDept]);
    const claimed = await claimTask(h.db, market, { taskId: task.id, version: task.version }, monday);
    const moved = await transferTask(
      h.db,
      market,
      ZTransferTaskInput.parse({ taskId: task.id, version: claimed.version, departmentId: taxDept, reason: "属税务部门职责" }),
      tuesday,
    );
    const after = await taskRow(task.id);
    expect(after).toMatchObject({ status: "open", departmentId: taxDept, claimedBy: null, version: moved.version, budgetDays: task.budgetDays });
    expect(after?.dueAt?.toISOString()).toBe(task.dueAt?.toISOString());
    expect(after?.clockStartedAt?.toISOString()).toBe(task.clockStartedAt?.toISOString());

    // Found by its tracking number: on a shared PostgreSQL database the queue's first page holds other files' tasks.
    const [tracked] = await h.db.select({ n: applications.trackingNumber }).from(applications).where(eq(applications.id, task.applicationId));
    const queue = await listDepartmentQueue(h.db, { ...tax, departmentId: taxDept }, ZQueueInput.parse({ q: tracked?.n ?? "" }), tuesday);
    expect(queue.rows.map((r) => r.taskId)).toContain(task.id);
    const told = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, task.applicationId), eq(outbox.kind, "taskTransferred")));
    expect(told).toHaveLength(1);
    expect(told[0]?.recipientUserIds).toContain(tax.userId);
    expect(told[0]?.recipientUserIds).not.toContain(market.userId);

    const view = await getApplication(h.db, applicant, task.applicationId, tuesday);
    expect(view.tasks.map((t) => t.departmentNameZh)).toEqual(["国家税务总局河北省税务局"]);
    const [audit] = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, task.id), eq(auditEvents.action, "task.transfer")));
    expect(audit?.data).toMatchObject({ toDepartmentId: taxDept, reason: "属税务部门职责" });

    // The former department no longer reaches it; the receiving one decides it.
    await expect(decideTask(h.db, market, { taskId: task.id, version: moved.version, outcome: "approved" }, tuesday)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await decideTask(h.db, tax, { taskId: task.id, version: moved.version, outcome: "approved" }, tuesday)).taskStatus).toBe("approved");
  });

  it("refuses a department that cannot handle the service, and its own, on the field, writing nothing", async () => {
    const { task } = await openMarketTask();
    for (const [departmentId, key] of [
      [health.departmentId ?? "", "review.ops.errors.notCompetent"],
      [market.departmentId ?? "", "review.ops.errors.sameDepartment"],
      [randomUUID(), "review.ops.errors.notCompetent"],
    ] as const) {
      await expect(transferTask(h.db, market, { taskId: task.id, version: task.version, departmentId, reason: "测试理由" }, tuesday)).rejects.toMatchObject({
        code: "invalidInput",
        field: "departmentId",
        message: key,
      });
    }
    expect(await taskRow(task.id)).toMatchObject({ departmentId: task.departmentId, version: task.version });
    const audits = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, task.id), eq(auditEvents.action, "task.transfer")));
    expect(audits).toHaveLength(0);
    const parsed = ZTransferTaskInput.safeParse({ taskId: task.id, version: 1, departmentId: taxDept, reason: "" });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
  });

  it("a reviewer may not transfer a task a colleague holds, nor another department's", async () => {
    const { task } = await openMarketTask();
    const claimed = await claimTask(h.db, market, { taskId: task.id, version: task.version }, monday);
    await expect(
      transferTask(h.db, tax, { taskId: task.id, version: claimed.version, departmentId: taxDept, reason: "测试理由" }, tuesday),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
