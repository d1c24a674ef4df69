import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { lockApplication } from "../applications/transition";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import type { ZTaskRef } from "./inputs";
import { nextTaskStatus, type TaskEvent } from "./model";
import { reviewTasks } from "./schema";

export type TaskRow = typeof reviewTasks.$inferSelect;

/** A task of the reviewer's own department, or `forbidden`. */
export async function loadOwnTask(db: Db, actor: Actor, taskId: string): Promise<TaskRow> {
  const [task] = await db.select().from(reviewTasks).where(eq(reviewTasks.id, taskId));
  if (!task) throw new DomainError("notFound", "errors.notFound");
  if (!actor.departmentId || task.departmentId !== actor.departmentId) throw new DomainError("forbidden", "errors.otherDepartment");
  return task;
}

/**
 * Moves a task by one event with compare-and-set on status and version; a lost race is a
 * conflict, a move the state machine does not have is an illegal transition.
 */
export async function applyTaskEvent(
  tx: Db,
  task: TaskRow,
  event: TaskEvent,
  options: { actor: Actor | null; now: Date; expectedVersion?: number; patch?: Partial<typeof reviewTasks.$inferInsert>; data?: Record<string, unknown> },
): Promise<TaskRow> {
  if (options.expectedVersion !== undefined && options.expectedVersion !== task.version) throw new DomainError("conflict", "errors.taskConflict");
  const to = nextTaskStatus(task.status, event);
  const [updated] = await tx
    .update(reviewTasks)
    .set({ ...options.patch, status: to, version: sql`${reviewTasks.version} + 1` })
    .where(and(eq(reviewTasks.id, task.id), eq(reviewTasks.status, task.status), eq(reviewTasks.version, task.version)))
    .returning();
  if (!updated) throw new DomainError("conflict", "errors.taskConflict");
  await recordAudit(tx, {
    streamId: task.applicationId,
    actor: options.actor ? { userId: options.actor.userId, role: options.actor.role } : null,
    action: `task.${event}`,
    entityType: "reviewTask",
    entityId: task.id,
    from: task.status,
    to,
    data: { stepKey: task.stepKey, ...options.data },
    at: options.now,
  });
  return updated;
}

/** A reviewer takes a task of their department. */
export async function claimTask(db: Db, actor: Actor, input: z.output<typeof ZTaskRef>, now: Date = new Date()) {
  const known = await loadOwnTask(db, actor, input.taskId);
  return db.transaction(async (tx) => {
    await lockApplication(tx, known.applicationId);
    const task = await loadOwnTask(tx, actor, input.taskId);
    const claimed = await applyTaskEvent(tx, task, "claim", { actor, now, expectedVersion: input.version, patch: { claimedBy: actor.userId, claimedAt: now } });
    return { id: claimed.id, status: claimed.status, version: claimed.version };
  });
}

/** The reviewer hands a claimed task back to the department's queue. */
export async function releaseTask(db: Db, actor: Actor, input: z.output<typeof ZTaskRef>, now: Date = new Date()) {
  const known = await loadOwnTask(db, actor, input.taskId);
  return db.transaction(async (tx) => {
    await lockApplication(tx, known.applicationId);
    const task = await loadOwnTask(tx, actor, input.taskId);
    if (task.claimedBy !== actor.userId) throw new DomainError("forbidden", "errors.notClaimer");
    const released = await applyTaskEvent(tx, task, "release", { actor, now, expectedVersion: input.version, patch: { claimedBy: null, claimedAt: null } });
    return { id: released.id, status: released.status, version: released.version };
  });
}
