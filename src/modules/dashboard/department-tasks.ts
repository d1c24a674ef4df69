import { asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { cachedCalendar } from "../calendar/load-calendar";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { bucketBounds, bucketCondition, dueSoonWorkingDays } from "../review/dashboard";
import { runningTaskStatuses } from "../review/model";
import { reviewTasks } from "../review/schema";
import { assertDataOffice } from "./office";

export interface DepartmentTasks {
  departmentId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  /** Running tasks (open or claimed): the department still has to speak. */
  open: number;
  /** Running tasks past their due date, not paused for a hearing, inspection or expert review (the review queue's 已超期). */
  overdue: number;
  /** Running tasks not yet overdue and due by the end of the second working day after today (今日到期 and 即将超期). */
  dueSoon: number;
}

/** The working days "due soon" reaches after today, as the reviewers' own dashboard counts them. */
export const dueSoonDays = dueSoonWorkingDays;

/**
 * Each department with running tasks: how many, how many overdue, how many due within two working
 * days, by the review module's own buckets (`review/dashboard.ts`), so the data office and the
 * department count alike. One aggregate over the running tasks (index: status, due date), most
 * overdue first.
 */
export async function departmentTasks(db: Db, actor: Actor, now: Date = new Date()): Promise<DepartmentTasks[]> {
  assertDataOffice(actor);
  const bounds = bucketBounds(await cachedCalendar(db, now.getTime()), now);
  // `actor` only matters to the reviewer's own bucket ("mine"), which is not used here.
  const overdue = bucketCondition("overdue", actor, bounds, now);
  const dueSoon = or(bucketCondition("dueToday", actor, bounds, now), bucketCondition("dueSoon", actor, bounds, now)) as SQL;
  const count = (where?: SQL) => (where ? sql<number>`count(*) filter (where ${where})::int` : sql<number>`count(*)::int`).mapWith(Number);
  const rows = await db
    .select({
      departmentId: departments.id,
      code: departments.code,
      nameZh: departments.nameZh,
      nameEn: departments.nameEn,
      open: count(),
      overdue: count(overdue),
      dueSoon: count(dueSoon),
    })
    .from(reviewTasks)
    .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
    .where(inArray(reviewTasks.status, [...runningTaskStatuses]))
    .groupBy(departments.id, departments.code, departments.nameZh, departments.nameEn)
    .orderBy(asc(departments.code));
  return rows.sort((a, b) => b.overdue - a.overdue || b.open - a.open || (a.code < b.code ? -1 : 1));
}
