import { and, asc, count, eq, inArray, isNotNull, lt, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { isOverdue } from "../calendar/model";
import { applications } from "../applications/schema";
import { services } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { users } from "../identity/schema";
import type { ZQueueInput } from "./inputs";
import { decidedTaskStatuses, isRunningTask, onHoldTaskStatuses, runningTaskStatuses, type TaskStatus } from "./model";
import { reviewTasks } from "./schema";

const statusFilter: Record<z.output<typeof ZQueueInput>["status"], readonly TaskStatus[] | null> = {
  pending: runningTaskStatuses,
  open: ["open"],
  claimed: ["claimed"],
  waiting: onHoldTaskStatuses,
  decided: decidedTaskStatuses,
  all: null,
};

export const queuePageSize = 50;

/** The department's queue, by due date, overdue marked, a page at a time with the total; filters come from the URL. */
export async function listDepartmentQueue(db: Db, actor: Actor & { departmentId: string }, input: z.output<typeof ZQueueInput>, now: Date = new Date()) {
  const conditions: SQL[] = [eq(reviewTasks.departmentId, actor.departmentId)];
  const statuses = statusFilter[input.status];
  if (statuses) conditions.push(inArray(reviewTasks.status, [...statuses]));
  if (input.overdueOnly) conditions.push(isNotNull(reviewTasks.dueAt), lt(reviewTasks.dueAt, now), inArray(reviewTasks.status, [...runningTaskStatuses]));
  const [{ total }] = (await db
    .select({ total: count() })
    .from(reviewTasks)
    .where(and(...conditions))) as [{ total: number }];
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
    .orderBy(asc(reviewTasks.dueAt), asc(reviewTasks.createdAt))
    .limit(queuePageSize)
    .offset((input.page - 1) * queuePageSize);
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
    overdue: Boolean(r.task.dueAt && isRunningTask(r.task.status) && isOverdue(r.task.dueAt, now)),
    claimedByMe: r.task.claimedBy === actor.userId,
    claimedByName: r.claimedByName,
  }));
  return { total, page: input.page, pageSize: queuePageSize, rows: items };
}
