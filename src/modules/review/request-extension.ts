import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { lockApplication } from "../applications/transition";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { notify } from "../notifications/notify";
import { loadOwnTask } from "./claim-task";
import type { ZRequestExtensionInput } from "./clock-inputs";
import { departmentHeadIds } from "./clock-facts";
import { blockingExtensionStatuses, initialExtensionStatus, isRunningTask, type TaskAuditAction } from "./model";
import { taskExtensions } from "./schema";

/**
 * A reviewer asks to extend their department's task (延期, Administrative Licensing Law art. 42:
 * by at most 10 working days, once, with the approval of the head of the organ). Asking moves
 * nothing: the due date moves only when the head approves (decide-extension.ts). Refused with a
 * field error, writing nothing: a task not running, one another reviewer holds, a request still
 * undecided, or a second extension after one was granted.
 */
export async function requestExtension(db: Db, actor: Actor, input: z.output<typeof ZRequestExtensionInput>, now: Date = new Date()) {
  const known = await loadOwnTask(db, actor, input.taskId);
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, known.applicationId);
    const task = await loadOwnTask(tx, actor, input.taskId);
    if (!isRunningTask(task.status) || !task.dueAt) throw new DomainError("invalidInput", "review.clocks.errors.notRunning", { field: "days" });
    if (task.status === "claimed" && task.claimedBy !== actor.userId) throw new DomainError("forbidden", "errors.notClaimer");
    const [standing] = await tx
      .select({ status: taskExtensions.status })
      .from(taskExtensions)
      .where(and(eq(taskExtensions.taskId, task.id), inArray(taskExtensions.status, [...blockingExtensionStatuses])));
    if (standing) {
      throw new DomainError("invalidInput", standing.status === "approved" ? "review.clocks.errors.secondExtension" : "review.clocks.errors.extensionPending", {
        field: "days",
      });
    }
    const [row] = await tx
      .insert(taskExtensions)
      .values({
        taskId: task.id,
        applicationId: app.id,
        departmentId: task.departmentId,
        status: initialExtensionStatus,
        days: input.days,
        reason: input.reason,
        requestedBy: actor.userId,
        requestedAt: now,
        previousDueAt: task.dueAt,
      })
      // The partial unique index is the last word if two requests race past the check above.
      .onConflictDoNothing()
      .returning();
    if (!row) throw new DomainError("conflict", "review.clocks.errors.extensionPending");
    await recordAudit<TaskAuditAction>(tx, {
      streamId: app.id,
      actor: { userId: actor.userId, role: actor.role },
      action: "extension.request",
      entityType: "taskExtension",
      entityId: row.id,
      to: row.status,
      data: { taskId: task.id, stepKey: task.stepKey, days: input.days, reason: input.reason },
      at: now,
    });
    const heads = await departmentHeadIds(tx, task.departmentId);
    await notify(tx, {
      kind: "extensionRequested",
      to: heads.length ? { userIds: heads } : { departmentIds: [task.departmentId] },
      applicationId: app.id,
      params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, days: String(input.days), reason: input.reason },
    });
    return { id: row.id, status: row.status };
  });
}
