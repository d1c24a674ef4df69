import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { lockApplication } from "../applications/transition";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { loadOwnTask } from "./claim-task";
import type { ZStartPauseInput } from "./clock-inputs";
import { runningReviewerPause } from "./clock-facts";
import { isRunningTask, type TaskAuditAction } from "./model";
import { taskPauses } from "./schema";

/**
 * A reviewer stops a task's clock for a hearing (听证), an on-site inspection (现场核查) or expert
 * review (专家评审): Administrative Licensing Law art. 45 leaves the time they take out of the
 * limit. The pause is a record beside the task (see `pauseKinds` in model.ts); the due date moves
 * when it ends, by the working days it lasted. Only a running task, one pause at a time; a task
 * another reviewer holds is theirs to pause.
 */
export async function startPause(db: Db, actor: Actor, input: z.output<typeof ZStartPauseInput>, now: Date = new Date()) {
  const known = await loadOwnTask(db, actor, input.taskId);
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, known.applicationId);
    const task = await loadOwnTask(tx, actor, input.taskId);
    if (!isRunningTask(task.status) || !task.dueAt) throw new DomainError("invalidInput", "review.clocks.errors.notRunning", { field: "kind" });
    if (task.status === "claimed" && task.claimedBy !== actor.userId) throw new DomainError("forbidden", "errors.notClaimer");
    if (await runningReviewerPause(tx, task.id)) throw new DomainError("invalidInput", "review.clocks.errors.pauseRunning", { field: "kind" });
    const [pause] = await tx
      .insert(taskPauses)
      .values({ taskId: task.id, reason: input.kind, note: input.reason, startedAt: now, startedBy: actor.userId })
      // One running pause per task (a partial unique index): a racing second start loses here.
      .onConflictDoNothing()
      .returning();
    if (!pause) throw new DomainError("invalidInput", "review.clocks.errors.pauseRunning", { field: "kind" });
    await recordAudit<TaskAuditAction>(tx, {
      streamId: app.id,
      actor: { userId: actor.userId, role: actor.role },
      action: "pause.start",
      entityType: "reviewTask",
      entityId: task.id,
      data: { stepKey: task.stepKey, pauseId: pause.id, kind: input.kind, reason: input.reason },
      at: now,
    });
    return { id: pause.id };
  });
}
