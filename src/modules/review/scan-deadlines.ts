import { and, asc, eq, gte, inArray, isNull, lt, lte, notExists } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { lockApplication } from "../applications/transition";
import { endOfShanghaiDay, nextWorkingDay, shanghaiDate, CalendarRangeError } from "../calendar/model";
import { departments } from "../identity/schema";
import { applicantUserIds } from "../identity/recipients";
import { notify } from "../notifications/notify";
import { applications } from "../applications/schema";
import { applyTaskEvent } from "./transition";
import { calendarFor } from "./clock";
import { runningTaskStatuses } from "./model";
import { runFanIn } from "./fan-in";
import { decisions, reviewTasks, taskPauses } from "./schema";
import { escalateOverdueTasks } from "./escalate-overdue";
import { sweepStaleProvisionalDueDates } from "./sweep-provisional-due-dates";
import { onThisNode } from "./remote-tasks";

export interface ScanResult {
  /** Provisional due dates left behind by a publication and recomputed (sweep-provisional-due-dates.ts). */
  dueDatesRecomputed: number;
  reminded: number;
  overdue: number;
  deemedApproved: number;
  /** Rungs of the escalation ladder told (escalate-overdue.ts). */
  escalated: number;
}

/**
 * The deadline job: a reminder one working day before a task's due date, an overdue notice once
 * it has passed, and — only where the catalog provides for it (逾期视为同意) — deemed approval.
 * Every step is a conditional update, so a scan run twice, or on two nodes at once, acts once.
 */
/**
 * Not paused: a task whose clock a hearing, an inspection or expert review stopped (art. 45) is
 * neither reminded nor overdue until the pause ends and its due date moves. Nor remote: a step a
 * partner region decides (多地联办) runs on the partner's clock, which reminds and escalates there.
 */
function notPaused(db: Db) {
  return and(
    notExists(
      db
        .select({ id: taskPauses.id })
        .from(taskPauses)
        .where(and(eq(taskPauses.taskId, reviewTasks.id), isNull(taskPauses.endedAt))),
    ),
    onThisNode(db),
  );
}

export async function scanDeadlines(db: Db, now: Date = new Date(), options: { batchSize?: number } = {}): Promise<ScanResult> {
  const batchSize = options.batchSize ?? 100;
  // First, so reminders and overdue notices go by the recomputed dates.
  const swept = await sweepStaleProvisionalDueDates(db, now, { batchSize });
  const result: ScanResult = { dueDatesRecomputed: swept.recomputed, reminded: 0, overdue: 0, deemedApproved: 0, escalated: 0 };
  const cal = await calendarFor(db);
  let horizon: Date;
  try {
    horizon = endOfShanghaiDay(nextWorkingDay(cal, shanghaiDate(now)));
  } catch (e) {
    if (!(e instanceof CalendarRangeError)) throw e;
    horizon = now; // Past the published calendar: no reminders can be timed, overdue still works.
  }

  const dueSoon = await db
    .select({ id: reviewTasks.id })
    .from(reviewTasks)
    .where(
      and(
        inArray(reviewTasks.status, [...runningTaskStatuses]),
        isNull(reviewTasks.reminderSentAt),
        gte(reviewTasks.dueAt, now),
        lte(reviewTasks.dueAt, horizon),
        notPaused(db),
      ),
    )
    .orderBy(asc(reviewTasks.dueAt))
    .limit(batchSize);
  for (const { id } of dueSoon) {
    await db.transaction(async (tx) => {
      const [task] = await tx
        .update(reviewTasks)
        .set({ reminderSentAt: now })
        .where(and(eq(reviewTasks.id, id), isNull(reviewTasks.reminderSentAt), inArray(reviewTasks.status, [...runningTaskStatuses]), notPaused(tx)))
        .returning();
      if (!task?.dueAt) return;
      const [app] = await tx.select().from(applications).where(eq(applications.id, task.applicationId));
      await notify(tx, {
        kind: "dueReminder",
        to: task.claimedBy ? { userIds: [task.claimedBy] } : { departmentIds: [task.departmentId] },
        applicationId: task.applicationId,
        params: {
          trackingNumber: app?.trackingNumber ?? "",
          title: app?.titleZh ?? "",
          dueDate: shanghaiDate(task.dueAt),
          provisional: task.dueProvisional ? "yes" : "no",
        },
      });
      result.reminded += 1;
    });
  }

  const late = await db
    .select({ id: reviewTasks.id })
    .from(reviewTasks)
    .where(and(inArray(reviewTasks.status, [...runningTaskStatuses]), isNull(reviewTasks.overdueNotifiedAt), lt(reviewTasks.dueAt, now), notPaused(db)))
    .orderBy(asc(reviewTasks.dueAt))
    .limit(batchSize);
  for (const { id } of late) {
    await db.transaction(async (tx) => {
      const [peek] = await tx.select({ applicationId: reviewTasks.applicationId }).from(reviewTasks).where(eq(reviewTasks.id, id));
      if (!peek) return;
      // Lock the application first, as every decision does, then re-check the task.
      const app = await lockApplication(tx, peek.applicationId);
      const [task] = await tx
        .update(reviewTasks)
        .set({ overdueNotifiedAt: now })
        .where(and(eq(reviewTasks.id, id), isNull(reviewTasks.overdueNotifiedAt), inArray(reviewTasks.status, [...runningTaskStatuses]), notPaused(tx)))
        .returning();
      if (!task?.dueAt) return;
      result.overdue += 1;
      const params = {
        trackingNumber: app.trackingNumber ?? "",
        title: app.titleZh,
        dueDate: shanghaiDate(task.dueAt),
        provisional: task.dueProvisional ? "yes" : "no",
      };
      await notify(tx, { kind: "taskOverdue", to: { departmentIds: [task.departmentId] }, applicationId: app.id, params });

      const step = app.plan.find((s) => s.key === task.stepKey);
      if (!step?.deemedApprovalOnTimeout || app.status !== "inReview") return;
      const approved = await applyTaskEvent(tx, task, "deemApprove", {
        actor: null,
        now,
        patch: { deemedApproval: true, decidedAt: now, decidedBy: null, reason: null },
        data: { rule: "deemedApprovalOnTimeout", dueAt: task.dueAt.toISOString() },
      });
      await tx
        .insert(decisions)
        .values({ taskId: task.id, applicationId: app.id, departmentId: task.departmentId, outcome: "approved", decidedBy: null, decidedAt: now });
      const [dept] = await tx.select({ nameZh: departments.nameZh }).from(departments).where(eq(departments.id, task.departmentId));
      await notify(tx, {
        kind: "deemedApproved",
        to: { userIds: await applicantUserIds(tx, app, now), departmentIds: [task.departmentId] },
        applicationId: app.id,
        params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, department: dept?.nameZh ?? "" },
      });
      result.deemedApproved += approved.status === "approved" ? 1 : 0;
      await runFanIn(tx, app, null, now);
    });
  }
  // After the overdue notices: the reviewer's rung comes first, then the ladder above it.
  result.escalated = await escalateOverdueTasks(db, now, { batchSize });
  return result;
}
