import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { ApplicationRow } from "../applications/transition";
import { recordAudit } from "../audit/record-audit";
import { shanghaiDate } from "@/lib/dates";
import type { Actor } from "../identity/model";
import { notify } from "../notifications/notify";
import { calendarFor, computeDueAt, endPauses, pausesOf } from "./clock";
import { reviewTasks } from "./schema";

/**
 * After the applicant answers the merged notice, only the tasks that asked reopen, their clocks
 * running again and their due dates moved by the pause; approvals given meanwhile stand.
 */
export async function reopenAfterSupplement(tx: Db, app: ApplicationRow, actor: Actor | null, now: Date): Promise<void> {
  const asking = await tx
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.applicationId, app.id), eq(reviewTasks.status, "supplementRequested")));
  const ids = asking.map((t) => t.id);
  await endPauses(tx, ids, now);
  const pauses = await pausesOf(tx, ids);
  const cal = await calendarFor(tx);
  for (const task of asking) {
    const { dueAt: due, dueProvisional } = computeDueAt(cal, { startedAt: task.clockStartedAt ?? now, budgetDays: task.budgetDays, pauses: pauses.get(task.id) ?? [] }, now);
    const [reopened] = await tx
      .update(reviewTasks)
      .set({ status: "open", dueAt: due, dueProvisional, claimedBy: null, claimedAt: null, reminderSentAt: null, overdueNotifiedAt: null, version: sql`${reviewTasks.version} + 1` })
      .where(and(eq(reviewTasks.id, task.id), eq(reviewTasks.status, "supplementRequested"), eq(reviewTasks.version, task.version)))
      .returning({ id: reviewTasks.id });
    if (!reopened) continue;
    await recordAudit(tx, {
      streamId: app.id,
      actor: actor ? { userId: actor.userId, role: actor.role } : null,
      action: "task.reopen",
      entityType: "reviewTask",
      entityId: task.id,
      from: "supplementRequested",
      to: "open",
      data: { stepKey: task.stepKey, dueAt: due.toISOString(), dueProvisional },
      at: now,
    });
    await notify(tx, {
      kind: "taskOpened",
      to: { departmentIds: [task.departmentId] },
      applicationId: app.id,
      params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, dueDate: shanghaiDate(due) },
    });
  }
}
