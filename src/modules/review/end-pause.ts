import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { lockApplication } from "../applications/transition";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { loadOwnTask } from "./claim-task";
import { calendarFor } from "./clock";
import type { ZEndPauseInput } from "./clock-inputs";
import { refreshDueAt, runningReviewerPause } from "./clock-facts";
import { datedTaskStatuses, type TaskAuditAction } from "./model";
import { taskPauses } from "./schema";

/**
 * The reviewer ends the running pause of a task: the clock runs again and the due date moves by
 * the working days the pause took (art. 45), on the official calendar. Ending a pause that is not
 * running is a field error and writes nothing.
 */
export async function endPause(db: Db, actor: Actor, input: z.output<typeof ZEndPauseInput>, now: Date = new Date()) {
  const known = await loadOwnTask(db, actor, input.taskId);
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, known.applicationId);
    const task = await loadOwnTask(tx, actor, input.taskId);
    const running = await runningReviewerPause(tx, task.id);
    if (!running) throw new DomainError("invalidInput", "review.clocks.errors.noRunningPause", { field: "taskId" });
    if (task.status === "claimed" && task.claimedBy !== actor.userId) throw new DomainError("forbidden", "errors.notClaimer");
    const [ended] = await tx
      .update(taskPauses)
      .set({ endedAt: now, endedBy: actor.userId })
      .where(and(eq(taskPauses.id, running.id), isNull(taskPauses.endedAt)))
      .returning();
    if (!ended) throw new DomainError("invalidInput", "review.clocks.errors.noRunningPause", { field: "taskId" });
    const due = datedTaskStatuses.includes(task.status) ? await refreshDueAt(tx, await calendarFor(tx), task, task.budgetDays, now) : null;
    await recordAudit<TaskAuditAction>(tx, {
      streamId: app.id,
      actor: { userId: actor.userId, role: actor.role },
      action: "pause.end",
      entityType: "reviewTask",
      entityId: task.id,
      data: {
        stepKey: task.stepKey,
        pauseId: ended.id,
        kind: ended.reason,
        previousDueAt: task.dueAt?.toISOString() ?? null,
        dueAt: due?.dueAt?.toISOString() ?? null,
      },
      at: now,
    });
    return { id: ended.id, dueAt: due?.dueAt ?? task.dueAt };
  });
}
