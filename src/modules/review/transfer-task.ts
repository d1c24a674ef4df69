import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { lockApplication } from "../applications/transition";
import { services } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { notify } from "../notifications/notify";
import { loadOwnTask } from "./claim-task";
import { assertNoPendingCountersign } from "./countersigns";
import type { ZTransferTaskInput } from "./ops-inputs";
import { applyTaskEvent, type TaskRow } from "./transition";

/**
 * The departments competent for a task's service, from the catalog: the service's own department
 * and the other departments the catalog names for it. Empty when the service is gone.
 */
export async function competentDepartmentIds(db: Db, task: Pick<TaskRow, "serviceId">): Promise<string[]> {
  const [service] = await db
    .select({ departmentId: services.departmentId, others: services.otherDepartmentIds })
    .from(services)
    .where(eq(services.id, task.serviceId));
  return service ? [...new Set([service.departmentId, ...service.others])] : [];
}

/**
 * A reviewer (or the head) transfers (转办) a task their department cannot handle to the
 * competent department, with a reason. Only a department the catalog names for the service is
 * accepted (anything else is a field error and nothing is written). The task keeps its clock and
 * due date — the applicant's time limit does not restart because the case changed hands — and
 * lands unclaimed in the receiving department's queue, which is told; the applicant's progress
 * names the department that now has it. A reviewer transfers an open task or one they hold; the
 * head any running task of the department.
 */
export async function transferTask(db: Db, actor: Actor, input: z.output<typeof ZTransferTaskInput>, now: Date = new Date()) {
  const known = await loadOwnTask(db, actor, input.taskId);
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, known.applicationId);
    const task = await loadOwnTask(tx, actor, input.taskId);
    if (task.version !== input.version) throw new DomainError("conflict", "errors.taskConflict");
    if (task.status === "claimed" && task.claimedBy !== actor.userId && actor.departmentHead !== true) throw new DomainError("forbidden", "errors.notClaimer");
    if (input.departmentId === task.departmentId) throw new DomainError("invalidInput", "review.ops.errors.sameDepartment", { field: "departmentId" });
    if (!(await competentDepartmentIds(tx, task)).includes(input.departmentId))
      throw new DomainError("invalidInput", "review.ops.errors.notCompetent", { field: "departmentId" });
    await assertNoPendingCountersign(tx, task.id);
    const moved = await applyTaskEvent(tx, task, "transfer", {
      actor,
      now,
      expectedVersion: input.version,
      patch: { departmentId: input.departmentId, claimedBy: null, claimedAt: null },
      data: { fromDepartmentId: task.departmentId, toDepartmentId: input.departmentId, reason: input.reason },
    });
    const [from] = await tx.select({ nameZh: departments.nameZh }).from(departments).where(eq(departments.id, task.departmentId));
    await notify(tx, {
      kind: "taskTransferred",
      to: { departmentIds: [input.departmentId] },
      applicationId: app.id,
      params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, department: from?.nameZh ?? "", reason: input.reason },
    });
    return { id: moved.id, status: moved.status, version: moved.version, departmentId: moved.departmentId };
  });
}
