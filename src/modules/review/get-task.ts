import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { getApplication } from "../applications/get-application";
import type { Actor } from "../identity/model";
import { users } from "../identity/schema";
import { loadOwnTask } from "./claim-task";
import { standsInFor } from "./substitutes";

/** A task of the reviewer's department with the whole application it belongs to. */
export async function getTask(db: Db, actor: Actor, taskId: string, now: Date = new Date()) {
  const task = await loadOwnTask(db, actor, taskId);
  const application = await getApplication(db, actor, task.applicationId, now);
  const coveredByMe = task.claimedBy !== actor.userId && (await standsInFor(db, actor.userId, task.claimedBy, task.departmentId, now));
  const [claimer] = task.claimedBy ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, task.claimedBy)) : [];
  return {
    task: {
      id: task.id,
      stepKey: task.stepKey,
      status: task.status,
      version: task.version,
      dueAt: task.dueAt,
      dueProvisional: task.dueAt ? task.dueProvisional : false,
      claimedByMe: task.claimedBy === actor.userId,
      /** Who holds it (a reviewer of the department), for the head's reassignment. */
      claimedBy: task.claimedBy,
      /** Held by a reviewer the signed-in one stands in for today (代岗): they may decide it. */
      coveredByMe,
      claimedAt: task.claimedAt,
      /** A colleague of the same department: who to ask about a task someone else holds. */
      claimedByName: claimer?.name ?? null,
    },
    application,
  };
}
