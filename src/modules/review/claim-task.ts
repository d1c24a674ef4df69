import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { jointParts } from "../applications/schema";
import { lockApplication } from "../applications/transition";
import type { Actor } from "../identity/model";
import type { ZTaskRef } from "./inputs";
import { reviewTasks } from "./schema";
import { standsInFor } from "./substitutes";
import { applyTaskEvent, type TaskRow } from "./transition";

/** A task of the reviewer's own department, or `forbidden`. */
export async function loadOwnTask(db: Db, actor: Actor, taskId: string): Promise<TaskRow> {
  const [task] = await db.select().from(reviewTasks).where(eq(reviewTasks.id, taskId));
  if (!task) throw new DomainError("notFound", "errors.notFound");
  if (!actor.departmentId || task.departmentId !== actor.departmentId) throw new DomainError("forbidden", "errors.otherDepartment");
  // 多地联办: a remote task is decided on the partner region's node; nobody here claims or decides it.
  const [remote] = await db
    .select({ id: jointParts.id })
    .from(jointParts)
    .where(and(eq(jointParts.side, "lead"), eq(jointParts.taskId, task.id)));
  if (remote) throw new DomainError("forbidden", "errors.remoteTask");
  return task;
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
    if (task.claimedBy !== actor.userId && !(await standsInFor(tx, actor.userId, task.claimedBy, task.departmentId, now)))
      throw new DomainError("forbidden", "errors.notClaimer");
    const released = await applyTaskEvent(tx, task, "release", { actor, now, expectedVersion: input.version, patch: { claimedBy: null, claimedAt: null } });
    return { id: released.id, status: released.status, version: released.version };
  });
}
