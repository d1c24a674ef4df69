import { and, eq, sql } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextTaskStatus, type TaskAuditAction, type TaskEvent } from "./model";
import { reviewTasks } from "./schema";

export type TaskRow = typeof reviewTasks.$inferSelect;
type TaskPatch = Partial<typeof reviewTasks.$inferInsert>;

interface TaskEventOptions {
  actor: Actor | null;
  now: Date;
  /** The version the caller saw (a form's hidden field): a stale one is a conflict. */
  expectedVersion?: number;
  patch?: TaskPatch;
  data?: Record<string, unknown>;
}

/**
 * Moves a task by one event of its machine — the only way a task's status changes: the table
 * decides the next state (an illegal move is an `illegalTransition`), the row moves by
 * compare-and-set on status and version (a lost race is a conflict), and the audit event is
 * written in the same transaction. The caller holds the application's lock (lockApplication).
 */
export async function applyTaskEvent(tx: Db, task: TaskRow, event: TaskEvent, options: TaskEventOptions): Promise<TaskRow> {
  if (options.expectedVersion !== undefined && options.expectedVersion !== task.version) throw new DomainError("conflict", "errors.taskConflict");
  const to = nextTaskStatus(task.status, event);
  const [updated] = await tx
    .update(reviewTasks)
    .set({ ...options.patch, status: to, version: sql`${reviewTasks.version} + 1` })
    .where(and(eq(reviewTasks.id, task.id), eq(reviewTasks.status, task.status), eq(reviewTasks.version, task.version)))
    .returning();
  if (!updated) throw new DomainError("conflict", "errors.taskConflict");
  await recordAudit<TaskAuditAction>(tx, {
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

/**
 * Moves several tasks of one application by the same event (cancel every live task, open the
 * steps whose needs are met, reopen the tasks that asked for material). Every row is checked
 * against the table before anything is written — one illegal move refuses the whole bulk move —
 * and then moves through `applyTaskEvent`, so each task gets its own audit row: a task's history
 * (its timeline, the verifier's per-entity view) is read from rows about that task, and one row
 * listing ids would need every reader to unpack it. `patch` and `data` may depend on the task
 * (each task's own due date).
 */
export async function applyTaskEventToAll(
  tx: Db,
  tasks: readonly TaskRow[],
  event: TaskEvent,
  options: Omit<TaskEventOptions, "expectedVersion" | "patch" | "data"> & {
    patch?: (task: TaskRow) => TaskPatch;
    data?: (task: TaskRow) => Record<string, unknown>;
  },
): Promise<TaskRow[]> {
  for (const task of tasks) nextTaskStatus(task.status, event);
  const moved: TaskRow[] = [];
  for (const task of tasks) {
    moved.push(await applyTaskEvent(tx, task, event, { actor: options.actor, now: options.now, patch: options.patch?.(task), data: options.data?.(task) }));
  }
  return moved;
}
