import type { Db } from "@/server/db/client";
import { getApplication } from "../applications/get-application";
import type { Actor } from "../identity/model";
import { loadOwnTask } from "./claim-task";

/** A task of the reviewer's department with the whole application it belongs to. */
export async function getTask(db: Db, actor: Actor, taskId: string, now: Date = new Date()) {
  const task = await loadOwnTask(db, actor, taskId);
  const application = await getApplication(db, actor, task.applicationId, now);
  return {
    task: {
      id: task.id,
      stepKey: task.stepKey,
      status: task.status,
      version: task.version,
      dueAt: task.dueAt,
      claimedByMe: task.claimedBy === actor.userId,
      claimedAt: task.claimedAt,
    },
    application,
  };
}
