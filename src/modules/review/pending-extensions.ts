import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { applications } from "../applications/schema";
import type { Actor } from "../identity/model";
import { users } from "../identity/schema";
import { reviewTasks, taskExtensions } from "./schema";

/**
 * The head's queue: extension requests of their department still to be decided, oldest first.
 * Null for a reviewer who heads no department (they decide none; the pages show nothing).
 */
export async function pendingExtensions(db: Db, actor: Actor) {
  if (actor.role !== "reviewer" || actor.departmentHead !== true || !actor.departmentId) return null;
  const rows = await db
    .select({
      id: taskExtensions.id,
      taskId: taskExtensions.taskId,
      days: taskExtensions.days,
      reason: taskExtensions.reason,
      requestedAt: taskExtensions.requestedAt,
      requestedByName: users.displayName,
      dueAt: reviewTasks.dueAt,
      trackingNumber: applications.trackingNumber,
      titleZh: applications.titleZh,
      titleEn: applications.titleEn,
    })
    .from(taskExtensions)
    .innerJoin(reviewTasks, eq(reviewTasks.id, taskExtensions.taskId))
    .innerJoin(applications, eq(applications.id, taskExtensions.applicationId))
    .leftJoin(users, eq(users.id, taskExtensions.requestedBy))
    .where(and(eq(taskExtensions.departmentId, actor.departmentId), eq(taskExtensions.status, "requested")))
    .orderBy(asc(taskExtensions.requestedAt))
    .limit(200);
  return rows;
}
