import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { lockApplication } from "../applications/transition";
import type { Actor } from "../identity/model";
import { notify } from "../notifications/notify";
import { loadOwnTask } from "./claim-task";
import { requireColleague, requireHead } from "./head";
import type { ZReassignTaskInput } from "./ops-inputs";
import { applyTaskEvent } from "./transition";

/**
 * The head of a department gives an open or claimed task of the department to another of its
 * active reviewers (supervisor reassignment), with a reason. The task is claimed by the new
 * assignee through the task machine (`reassign`), the reason and both reviewers are in the audit
 * event, and the new assignee is told in their inbox; all in one transaction.
 */
export async function reassignTask(db: Db, actor: Actor, input: z.output<typeof ZReassignTaskInput>, now: Date = new Date()) {
  requireHead(actor);
  const known = await loadOwnTask(db, actor, input.taskId);
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, known.applicationId);
    const task = await loadOwnTask(tx, actor, input.taskId);
    if (task.version !== input.version) throw new DomainError("conflict", "errors.taskConflict");
    const assignee = await requireColleague(tx, input.assigneeId, task.departmentId, "assigneeId");
    if (task.claimedBy === assignee.id) throw new DomainError("invalidInput", "review.ops.errors.alreadyAssigned", { field: "assigneeId" });
    const moved = await applyTaskEvent(tx, task, "reassign", {
      actor,
      now,
      expectedVersion: input.version,
      patch: { claimedBy: assignee.id, claimedAt: now },
      data: { from: task.claimedBy, to: assignee.id, reason: input.reason },
    });
    await notify(tx, {
      kind: "taskReassigned",
      to: { userIds: [assignee.id] },
      applicationId: app.id,
      params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, reason: input.reason },
    });
    return { id: moved.id, status: moved.status, version: moved.version, claimedBy: assignee.id };
  });
}
