import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { lockApplication } from "../applications/transition";
import type { Actor } from "../identity/model";
import { notify } from "../notifications/notify";
import { loadOwnTask } from "./claim-task";
import { assertNoPendingCountersign } from "./countersigns";
import { requireColleague } from "./head";
import type { TaskAuditAction } from "./model";
import type { ZRequestCountersignInput } from "./ops-inputs";
import { countersigns } from "./schema";

/**
 * The reviewer holding a task asks a second reviewer of the same department to countersign (加签),
 * with a reason. Not oneself, not someone outside the department, not an inactive account (field
 * errors, nothing written); one unanswered request at a time. Until the countersigner answers,
 * the task cannot be decided. Audited and the countersigner told, in one transaction.
 */
export async function requestCountersign(db: Db, actor: Actor, input: z.output<typeof ZRequestCountersignInput>, now: Date = new Date()) {
  const known = await loadOwnTask(db, actor, input.taskId);
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, known.applicationId);
    const task = await loadOwnTask(tx, actor, input.taskId);
    if (task.version !== input.version) throw new DomainError("conflict", "errors.taskConflict");
    if (task.status !== "claimed" || task.claimedBy !== actor.userId) throw new DomainError("forbidden", "review.ops.errors.holdToCountersign");
    if (input.countersignerId === actor.userId) throw new DomainError("invalidInput", "review.ops.errors.countersignSelf", { field: "countersignerId" });
    const colleague = await requireColleague(tx, input.countersignerId, task.departmentId, "countersignerId");
    await assertNoPendingCountersign(tx, task.id);
    const [row] = await tx
      .insert(countersigns)
      .values({
        taskId: task.id,
        applicationId: app.id,
        departmentId: task.departmentId,
        requestedBy: actor.userId,
        countersignerId: colleague.id,
        reason: input.reason,
        requestedAt: now,
      })
      .returning();
    if (!row) throw new Error("countersign not stored");
    await recordAudit<TaskAuditAction>(tx, {
      streamId: app.id,
      actor: { userId: actor.userId, role: actor.role },
      action: "task.countersignRequested",
      entityType: "reviewTask",
      entityId: task.id,
      data: { stepKey: task.stepKey, countersignId: row.id, countersignerId: colleague.id, reason: input.reason },
      at: now,
    });
    await notify(tx, {
      kind: "countersignRequested",
      to: { userIds: [colleague.id] },
      applicationId: app.id,
      params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, reason: input.reason },
    });
    return { id: row.id };
  });
}
