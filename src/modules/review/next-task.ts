import { and, asc, eq, isNull, ne, or, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { runningTaskStatuses } from "./model";
import { reviewTasks } from "./schema";

/**
 * The next task a reviewer should take up after deciding one: the earliest due running task of the
 * department that is theirs or nobody's (a colleague's claimed task is not offered), the one just
 * decided left out. Null when the queue is empty. Reads only; served by the queue index.
 */
export async function nextTask(db: Db, actor: Actor & { departmentId: string }, after?: string): Promise<{ taskId: string } | null> {
  const conditions: SQL[] = [
    eq(reviewTasks.departmentId, actor.departmentId),
    inArray(reviewTasks.status, [...runningTaskStatuses]),
    or(isNull(reviewTasks.claimedBy), eq(reviewTasks.claimedBy, actor.userId)) as SQL,
  ];
  if (after) conditions.push(ne(reviewTasks.id, after));
  const [row] = await db
    .select({ taskId: reviewTasks.id })
    .from(reviewTasks)
    .where(and(...conditions))
    // Due dates first (a task with no clock yet last), then the oldest.
    .orderBy(asc(reviewTasks.dueAt), asc(reviewTasks.createdAt))
    .limit(1);
  return row ?? null;
}
