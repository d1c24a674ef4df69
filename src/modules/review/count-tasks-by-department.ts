import { and, count, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { runningTaskStatuses } from "./model";
import { reviewTasks } from "./schema";
import { taskNotPaused } from "./clock-facts";

/** One department's running tasks and, of those, the overdue. */
export interface DepartmentTaskCount {
  departmentCode: string;
  open: number;
  overdue: number;
}

/**
 * Every department's open (running: waiting to be claimed or under review) and overdue tasks, for
 * the operations metrics. One aggregate over the running tasks (the queue index: status, due date);
 * overdue as on the reviewers' dashboard: past its due date, its clock not stopped by a hearing,
 * inspection or expert review (Administrative Licensing Law art. 45; see dashboard.ts).
 */
export async function countTasksByDepartment(db: Db, now: Date = new Date()): Promise<DepartmentTaskCount[]> {
  const overdue = and(isNotNull(reviewTasks.dueAt), lt(reviewTasks.dueAt, now), taskNotPaused());
  const rows = await db
    .select({ departmentCode: departments.code, open: count(), overdue: sql<number>`count(*) filter (where ${overdue})` })
    .from(reviewTasks)
    .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
    .where(inArray(reviewTasks.status, [...runningTaskStatuses]))
    .groupBy(departments.code)
    .orderBy(departments.code);
  return rows.map((r) => ({ departmentCode: r.departmentCode, open: Number(r.open), overdue: Number(r.overdue) }));
}
