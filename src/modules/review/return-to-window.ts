import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { keyParam } from "@/lib/message";
import type { Db } from "@/server/db/client";
import { applyApplicationEvent, lockApplication } from "../applications/transition";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { notify } from "../notifications/notify";
import { loadOwnTask } from "./claim-task";
import { assertNoPendingCountersign } from "./countersigns";
import { returnableTaskStatuses } from "./model";
import type { ZReturnToWindowInput } from "./ops-inputs";
import { reviewTasks } from "./schema";
import { applyTaskEventToAll } from "./transition";

/**
 * A reviewer sends a case back to the window (退回窗口) when it should not have been accepted as it
 * was (a wrong service, an applicant who cannot apply), with a reason. Only while no department has
 * spoken: every task of the case goes back to waiting with its clock cleared (`returnToWindow`),
 * the application goes back to `submitted` with the reason, and the window clerks are told. When
 * the window accepts it again, the tasks open afresh with new clocks (createReviewTasks finds them
 * waiting). One transaction, the application locked first.
 */
export async function returnToWindow(db: Db, actor: Actor, input: z.output<typeof ZReturnToWindowInput>, now: Date = new Date()) {
  const known = await loadOwnTask(db, actor, input.taskId);
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, known.applicationId);
    const task = await loadOwnTask(tx, actor, input.taskId);
    if (task.version !== input.version) throw new DomainError("conflict", "errors.taskConflict");
    if (task.status === "claimed" && task.claimedBy !== actor.userId && actor.departmentHead !== true) throw new DomainError("forbidden", "errors.notClaimer");
    if (app.status !== "inReview")
      throw new DomainError("illegalTransition", "errors.illegalTransition", {
        params: { machine: "application", from: keyParam(`applications.status.application.${app.status}`), event: "returnToWindow" },
      });
    const tasks = await tx.select().from(reviewTasks).where(eq(reviewTasks.applicationId, app.id));
    if (tasks.some((t) => !returnableTaskStatuses.includes(t.status))) throw new DomainError("illegalTransition", "review.ops.errors.alreadySpoken");
    for (const t of tasks) await assertNoPendingCountersign(tx, t.id);
    await applyTaskEventToAll(tx, tasks, "returnToWindow", {
      actor,
      now,
      patch: () => ({
        claimedBy: null,
        claimedAt: null,
        clockStartedAt: null,
        dueAt: null,
        dueProvisional: false,
        dueCalendarYear: null,
        reminderSentAt: null,
        overdueNotifiedAt: null,
        escalationRung: 0,
      }),
      data: (t) => ({ byTaskId: task.id, returnedFrom: t.status }),
    });
    const returned = await applyApplicationEvent(tx, app, "returnToWindow", {
      actor,
      now,
      patch: { acceptedAt: null, acceptedBy: null, returnedAt: now, returnReason: input.reason },
      data: { taskId: task.id, departmentId: task.departmentId, reason: input.reason },
    });
    const [department] = await tx.select({ nameZh: departments.nameZh }).from(departments).where(eq(departments.id, task.departmentId));
    await notify(tx, {
      kind: "applicationReturned",
      to: { windowClerks: true },
      applicationId: app.id,
      params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, department: department?.nameZh ?? "", reason: input.reason },
    });
    return { id: returned.id, status: returned.status, version: returned.version };
  });
}
