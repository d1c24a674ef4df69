import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { applications } from "../applications/schema";
import { recordAudit } from "../audit/record-audit";
import { shanghaiDate } from "@/lib/dates";
import type { Actor } from "../identity/model";
import { notify } from "../notifications/notify";
import { calendarFor, computeDueAt } from "./clock";
import { reviewTasks } from "./schema";

type ApplicationRow = typeof applications.$inferSelect;

function auditActor(actor: Actor | null) {
  return actor ? { userId: actor.userId, role: actor.role } : null;
}

/**
 * At acceptance: one review task per step of the plan, `waiting` until the steps it needs are
 * approved; the steps that need nothing open at once, each with its clock.
 */
export async function createReviewTasks(tx: Db, application: ApplicationRow, actor: Actor | null, now: Date): Promise<void> {
  await tx
    .insert(reviewTasks)
    .values(
      application.plan.map((step) => ({
        applicationId: application.id,
        stepKey: step.key,
        serviceId: step.serviceId,
        departmentId: step.departmentId,
        status: "waiting" as const,
        budgetDays: step.promisedDays,
      })),
    )
    .onConflictDoNothing();
  const ready = application.plan.filter((s) => s.needs.length === 0).map((s) => s.key);
  await openTasks(tx, application, ready, actor, now);
}

/** Opens waiting tasks: starts their clocks, derives due dates, tells their departments. */
export async function openTasks(tx: Db, application: ApplicationRow, stepKeys: string[], actor: Actor | null, now: Date): Promise<void> {
  if (stepKeys.length === 0) return;
  const cal = await calendarFor(tx);
  const tasks = await tx
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.applicationId, application.id), inArray(reviewTasks.stepKey, stepKeys), eq(reviewTasks.status, "waiting")));
  for (const task of tasks) {
    const { dueAt: due, dueProvisional } = computeDueAt(cal, { startedAt: now, budgetDays: task.budgetDays, pauses: [] }, now);
    // Conditional update: only a task still waiting opens, once.
    const updated = await tx
      .update(reviewTasks)
      .set({ status: "open", clockStartedAt: now, dueAt: due, dueProvisional, version: sql`${reviewTasks.version} + 1` })
      .where(and(eq(reviewTasks.id, task.id), eq(reviewTasks.status, "waiting")))
      .returning({ id: reviewTasks.id });
    if (updated.length === 0) continue;
    await recordAudit(tx, {
      streamId: application.id,
      actor: auditActor(actor),
      action: "task.open",
      entityType: "reviewTask",
      entityId: task.id,
      from: "waiting",
      to: "open",
      data: { stepKey: task.stepKey, dueAt: due.toISOString(), dueProvisional },
      at: now,
    });
    await notify(tx, {
      kind: "taskOpened",
      to: { departmentIds: [task.departmentId] },
      applicationId: application.id,
      params: { trackingNumber: application.trackingNumber ?? "", title: application.titleZh, dueDate: shanghaiDate(due) },
    });
  }
}
