import { and, asc, eq, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import { cappedCount } from "@/server/db/capped-count";
import { onThisNode } from "./remote-tasks";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { cachedCalendar } from "../calendar/load-calendar";
import { isOverdue, remainingWorkingDays } from "../calendar/model";
import { applications } from "../applications/schema";
import { applicantNameContains } from "../applications/name-search";
import { services } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { users } from "../identity/schema";
import type { ZQueueInput } from "./inputs";
import { decidedTaskStatuses, isRunningTask, onHoldTaskStatuses, runningTaskStatuses, type TaskStatus } from "./model";
import { bucketBounds, bucketCondition } from "./dashboard";
import { reviewTasks } from "./schema";
import { pausedTaskIds, taskNotPaused } from "./clock-facts";

const statusFilter: Record<z.output<typeof ZQueueInput>["status"], readonly TaskStatus[] | null> = {
  pending: runningTaskStatuses,
  open: ["open"],
  claimed: ["claimed"],
  waiting: onHoldTaskStatuses,
  decided: decidedTaskStatuses,
  all: null,
};

export const queuePageSize = 50;

/**
 * A search of the department's tasks: the exact tracking number, the applicant's exact code
 * (credit code or ID number, upper-cased; both indexed), or a part of the applicant's name. The
 * department's condition comes first, so the name match runs over the department's own tasks.
 */
export function searchCondition(q: string): SQL {
  return or(eq(applications.trackingNumber, q), eq(applications.holderCode, q.toUpperCase()), applicantNameContains(q)) as SQL;
}

/**
 * The department's queue, by due date, overdue marked and the working days left counted on the
 * official calendar, a page at a time with the total; filters (a status, a dashboard counter, a
 * search) come from the URL. A dashboard counter replaces the status filter.
 */
export async function listDepartmentQueue(db: Db, actor: Actor & { departmentId: string }, input: z.output<typeof ZQueueInput>, now: Date = new Date()) {
  const cal = await cachedCalendar(db);
  const conditions: SQL[] = [
    eq(reviewTasks.departmentId, actor.departmentId),
    // 多地联办: remote tasks are in the partner node's queue, not here.
    onThisNode(db),
  ];
  if (input.bucket) {
    conditions.push(bucketCondition(input.bucket, actor, bucketBounds(cal, now), now));
  } else {
    const statuses = statusFilter[input.status];
    if (statuses) conditions.push(inArray(reviewTasks.status, [...statuses]));
  }
  if (input.overdueOnly)
    conditions.push(isNotNull(reviewTasks.dueAt), lt(reviewTasks.dueAt, now), inArray(reviewTasks.status, [...runningTaskStatuses]), taskNotPaused());
  if (input.q) conditions.push(searchCondition(input.q));
  const order = [asc(reviewTasks.dueAt), asc(reviewTasks.createdAt)];
  // Counted in the queue's order (`review_tasks_department_due_idx`), up to a bound (see cappedCount):
  // a search that matches most of a department's cases stops early instead of counting them all.
  const { total, capped } = await cappedCount(
    db,
    db
      .select({ one: sql`1` })
      .from(reviewTasks)
      .innerJoin(applications, eq(applications.id, reviewTasks.applicationId))
      .where(and(...conditions))
      .orderBy(...order)
      .getSQL(),
    (input.page - 1) * queuePageSize,
  );
  const rows = await db
    .select({
      task: reviewTasks,
      trackingNumber: applications.trackingNumber,
      titleZh: applications.titleZh,
      titleEn: applications.titleEn,
      applicantName: applications.applicantName,
      serviceNameZh: services.nameZh,
      serviceNameEn: services.nameEn,
      claimedByName: users.displayName,
    })
    .from(reviewTasks)
    .innerJoin(applications, eq(applications.id, reviewTasks.applicationId))
    .innerJoin(services, eq(services.id, reviewTasks.serviceId))
    .leftJoin(users, eq(users.id, reviewTasks.claimedBy))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(queuePageSize)
    .offset((input.page - 1) * queuePageSize);
  const paused = await pausedTaskIds(
    db,
    rows.map((r) => r.task.id),
  );
  const items = rows.map((r) => ({
    taskId: r.task.id,
    applicationId: r.task.applicationId,
    version: r.task.version,
    status: r.task.status,
    trackingNumber: r.trackingNumber,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    applicantName: r.applicantName,
    serviceNameZh: r.serviceNameZh,
    serviceNameEn: r.serviceNameEn,
    dueAt: r.task.dueAt,
    dueProvisional: r.task.dueAt ? r.task.dueProvisional : false,
    overdue: Boolean(r.task.dueAt && isRunningTask(r.task.status) && !paused.has(r.task.id) && isOverdue(r.task.dueAt, now)),
    /** Working days left (negative: overdue by), only while the department's clock runs. */
    remainingDays: r.task.dueAt && isRunningTask(r.task.status) ? remainingWorkingDays(cal, r.task.dueAt, now) : null,
    claimedByMe: r.task.claimedBy === actor.userId,
    claimedByName: r.claimedByName,
  }));
  return { total, totalCapped: capped, page: input.page, pageSize: queuePageSize, rows: items };
}
