import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { lockApplication } from "../applications/transition";
import { recordAudit } from "../audit/record-audit";
import type { CalendarPublished } from "../calendar/effects";
import { shanghaiDate, type WorkCalendar } from "../calendar/model";
import { applicantUserIds } from "../identity/recipients";
import { departments } from "../identity/schema";
import { notify } from "../notifications/notify";
import { computeDueAt, pausesOf } from "./clock";
import { datedTaskStatuses, type TaskAuditAction } from "./model";
import { reviewTasks } from "./schema";

export interface RecomputeResult {
  /** Tasks whose date was recomputed (each has an audit row). */
  recomputed: number;
  /** Of those, tasks whose due day moved (each told to the applicant and the department). */
  moved: number;
}

/**
 * After the data office publishes a calendar year (run by the calendar's `runCalendarPublished`
 * inside the publishing transaction, registered in src/root/effects.ts): every task whose due
 * date rested on a provisional year is recomputed on the published calendar, from its facts
 * (start, budget, closed pauses: the same facts the date was computed from when the task opened
 * or reopened; a supplement pause still open is added when the task reopens). Each recomputed
 * task gets an audit row; where the due day moved, the applicant, the department's reviewers
 * and the reviewer holding the task are told. A date that stays in a later provisional year
 * stays marked.
 *
 * Applications are locked first, in id order, as every decision locks its application before
 * its tasks: a reviewer deciding at the same moment waits, it does not deadlock.
 */
export async function recomputeDueDates(tx: Db, event: CalendarPublished): Promise<RecomputeResult> {
  return recomputeProvisionalDueDates(tx, {
    calendar: event.calendar,
    now: event.now,
    actor: { userId: event.actorId, role: "dataOffice" },
    calendarYear: event.year,
  });
}

/**
 * The recomputation itself, for `recomputeDueDates` (all provisional dates, at publication) and
 * `sweepStaleProvisionalDueDates` (the stragglers, from the deadline job): the provisional due
 * dates of running or waiting tasks, limited to `taskIds` when given. Inside the caller's transaction.
 */
export async function recomputeProvisionalDueDates(
  tx: Db,
  options: { calendar: WorkCalendar; now: Date; actor: { userId: string; role: string } | null; calendarYear: number; taskIds?: string[] },
): Promise<RecomputeResult> {
  const { calendar, now } = options;
  const result: RecomputeResult = { recomputed: 0, moved: 0 };
  if (options.taskIds?.length === 0) return result;
  const candidates = await tx
    .select({ id: reviewTasks.id, applicationId: reviewTasks.applicationId })
    .from(reviewTasks)
    .where(
      and(
        eq(reviewTasks.dueProvisional, true),
        inArray(reviewTasks.status, [...datedTaskStatuses]),
        isNotNull(reviewTasks.clockStartedAt),
        options.taskIds ? inArray(reviewTasks.id, options.taskIds) : undefined,
      ),
    )
    .orderBy(asc(reviewTasks.applicationId), asc(reviewTasks.id));
  const byApplication = new Map<string, string[]>();
  for (const c of candidates) byApplication.set(c.applicationId, [...(byApplication.get(c.applicationId) ?? []), c.id]);

  for (const [applicationId, taskIds] of byApplication) {
    const app = await lockApplication(tx, applicationId);
    // Re-read under the lock: a decision that committed meanwhile has closed the task.
    const tasks = await tx
      .select()
      .from(reviewTasks)
      .where(and(inArray(reviewTasks.id, taskIds), eq(reviewTasks.dueProvisional, true), inArray(reviewTasks.status, [...datedTaskStatuses])));
    const pauses = await pausesOf(
      tx,
      tasks.map((t) => t.id),
    );
    for (const task of tasks) {
      if (!task.clockStartedAt || !task.dueAt) continue;
      const closedPauses = (pauses.get(task.id) ?? []).filter((p) => p.endedAt !== null);
      const { dueAt, dueProvisional } = computeDueAt(calendar, { startedAt: task.clockStartedAt, budgetDays: task.budgetDays, pauses: closedPauses }, now);
      const previousDueDate = shanghaiDate(task.dueAt);
      const dueDate = shanghaiDate(dueAt);
      const moved = previousDueDate !== dueDate;
      // Not a status change, so the version stays: a claim or decision racing this keeps its compare-and-set.
      const [updated] = await tx
        .update(reviewTasks)
        .set({
          dueAt,
          dueProvisional,
          dueCalendarYear: calendar.lastPublishedYear,
          // A reminder or overdue notice sent for the old day says nothing about the new one.
          ...(moved ? { reminderSentAt: null, overdueNotifiedAt: null } : {}),
        })
        .where(and(eq(reviewTasks.id, task.id), inArray(reviewTasks.status, [...datedTaskStatuses])))
        .returning({ id: reviewTasks.id });
      if (!updated) continue;
      await recordAudit<TaskAuditAction>(tx, {
        streamId: app.id,
        actor: options.actor,
        action: "task.dueDateRecomputed",
        entityType: "reviewTask",
        entityId: task.id,
        data: {
          stepKey: task.stepKey,
          calendarYear: options.calendarYear,
          previousDueAt: task.dueAt.toISOString(),
          dueAt: dueAt.toISOString(),
          dueProvisional,
        },
        at: now,
      });
      result.recomputed += 1;
      if (!moved) continue;
      result.moved += 1;
      const [dept] = await tx.select({ nameZh: departments.nameZh }).from(departments).where(eq(departments.id, task.departmentId));
      await notify(tx, {
        kind: "dueDateChanged",
        to: { userIds: [...(await applicantUserIds(tx, app, now)), ...(task.claimedBy ? [task.claimedBy] : [])], departmentIds: [task.departmentId] },
        applicationId: app.id,
        params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, department: dept?.nameZh ?? "", previousDueDate, dueDate },
      });
    }
  }
  return result;
}
