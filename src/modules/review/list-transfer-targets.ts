import { asc, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { loadOwnTask } from "./claim-task";
import { competentDepartmentIds } from "./transfer-task";

/** The departments a task of the reviewer's department may be transferred to: the competent ones, other than its own. */
export async function listTransferTargets(db: Db, actor: Actor, taskId: string) {
  const task = await loadOwnTask(db, actor, taskId);
  const ids = (await competentDepartmentIds(db, task)).filter((id) => id !== task.departmentId);
  if (ids.length === 0) return [];
  return db
    .select({ id: departments.id, nameZh: departments.nameZh, nameEn: departments.nameEn })
    .from(departments)
    .where(inArray(departments.id, ids))
    .orderBy(asc(departments.code));
}
