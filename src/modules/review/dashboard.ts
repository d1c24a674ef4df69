import { and, eq, gt, gte, inArray, isNotNull, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { cachedCalendar } from "../calendar/load-calendar";
import { addWorkingDays, CalendarRangeError, endOfShanghaiDay, shanghaiDate, type WorkCalendar } from "../calendar/model";
import type { Actor } from "../identity/model";
import type { QueueBucket } from "./inputs";
import { runningTaskStatuses } from "./model";
import { reviewTasks } from "./schema";
import { heldByCondition } from "./substitutes";
import { taskNotPaused } from "./clock-facts";

/** 即将超期: a running task due within this many working days after today (today's own are 今日到期). */
export const dueSoonWorkingDays = 2;

/**
 * The instants that cut the running tasks into today's, the next working days' and the overdue:
 * the end of today, and the end of the second working day after it (Shanghai dates on the
 * official calendar). Past the calendar's range the "soon" window ends with today.
 */
export function bucketBounds(cal: WorkCalendar, now: Date): { endOfToday: Date; endOfSoon: Date } {
  const today = shanghaiDate(now);
  const endOfToday = endOfShanghaiDay(today);
  let endOfSoon = endOfToday;
  try {
    endOfSoon = endOfShanghaiDay(addWorkingDays(cal, today, dueSoonWorkingDays));
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e;
  }
  return { endOfToday, endOfSoon };
}

/** The conditions of one dashboard counter, to filter the queue by (the department's own condition is the caller's). */
export function bucketCondition(bucket: QueueBucket, actor: Actor, bounds: { endOfToday: Date; endOfSoon: Date }, now: Date): SQL {
  const running = inArray(reviewTasks.status, [...runningTaskStatuses]);
  switch (bucket) {
    case "unclaimed":
      return eq(reviewTasks.status, "open");
    case "inReview":
      return eq(reviewTasks.status, "claimed");
    case "mine":
      // Theirs, and those of the reviewers they stand in for today (代岗).
      return and(eq(reviewTasks.status, "claimed"), heldByCondition(actor.userId, now)) as SQL;
    case "overdue":
      // A task whose clock a hearing, inspection or expert review stops is not overdue (art. 45).
      return and(running, isNotNull(reviewTasks.dueAt), lt(reviewTasks.dueAt, now), taskNotPaused()) as SQL;
    case "dueToday":
      return and(running, gte(reviewTasks.dueAt, now), lte(reviewTasks.dueAt, bounds.endOfToday)) as SQL;
    case "dueSoon":
      return and(running, gt(reviewTasks.dueAt, bounds.endOfToday), lte(reviewTasks.dueAt, bounds.endOfSoon)) as SQL;
  }
}

export type DepartmentCounts = Record<QueueBucket, number>;

/**
 * The department's dashboard: how many tasks wait to be claimed, are under review, fall due today,
 * fall due within the next two working days, are overdue, and are the reviewer's own. One
 * aggregate over the department's running tasks (the queue index: department, status, due date).
 */
export async function departmentCounts(db: Db, actor: Actor & { departmentId: string }, now: Date = new Date()): Promise<DepartmentCounts> {
  const bounds = bucketBounds(await cachedCalendar(db), now);
  const [row] = await db
    .select({
      unclaimed: countWhere(bucketCondition("unclaimed", actor, bounds, now)),
      inReview: countWhere(bucketCondition("inReview", actor, bounds, now)),
      dueToday: countWhere(bucketCondition("dueToday", actor, bounds, now)),
      dueSoon: countWhere(bucketCondition("dueSoon", actor, bounds, now)),
      overdue: countWhere(bucketCondition("overdue", actor, bounds, now)),
      mine: countWhere(bucketCondition("mine", actor, bounds, now)),
    })
    .from(reviewTasks)
    .where(and(eq(reviewTasks.departmentId, actor.departmentId), inArray(reviewTasks.status, [...runningTaskStatuses])));
  return {
    unclaimed: Number(row?.unclaimed ?? 0),
    inReview: Number(row?.inReview ?? 0),
    dueToday: Number(row?.dueToday ?? 0),
    dueSoon: Number(row?.dueSoon ?? 0),
    overdue: Number(row?.overdue ?? 0),
    mine: Number(row?.mine ?? 0),
  };
}

/** count(*) of the rows meeting a condition, one column of a single aggregate. */
function countWhere(condition: SQL) {
  return sql<number>`count(*) filter (where ${condition})`.mapWith(Number);
}
