import { and, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { ApplicationRow } from "../applications/transition";
import { shanghaiDate, type WorkCalendar } from "../calendar/model";
import { staff, users } from "../identity/schema";
import { computeDueAt, pausesOf } from "./clock";
import { defaultStatutoryDays } from "./model";
import { reviewTasks, taskPauses } from "./schema";
import type { TaskRow } from "./transition";

/**
 * A step's statutory limit (法定时限): the catalog's own for the service, copied into the plan at
 * submission, or Administrative Licensing Law art. 42's 20 working days where none was copied.
 */
export function statutoryDaysOf(app: Pick<ApplicationRow, "plan">, stepKey: string): number {
  const step = app.plan.find((s) => s.key === stepKey);
  return step?.statutoryDays && step.statutoryDays > 0 ? step.statutoryDays : defaultStatutoryDays;
}

/** A step's promised limit (承诺时限) as the catalog set it when the case was submitted. */
export function promisedDaysOf(app: Pick<ApplicationRow, "plan">, task: Pick<TaskRow, "stepKey" | "budgetDays">): number {
  return app.plan.find((s) => s.key === task.stepKey)?.promisedDays ?? task.budgetDays;
}

/** The reviewer's pause (hearing, inspection, expert review) running on a task, if any. */
export async function runningReviewerPause(tx: Db, taskId: string) {
  const [pause] = await tx
    .select()
    .from(taskPauses)
    .where(and(eq(taskPauses.taskId, taskId), isNull(taskPauses.endedAt), ne(taskPauses.reason, "supplement")));
  return pause ?? null;
}

/**
 * Recomputes a task's due date from its facts (start, budget, the closed pauses) after one of them
 * changed: an extension granted or a pause ended. Not a status change, so the version stays (a
 * claim or a decision racing this keeps its compare-and-set). A reminder or an overdue notice sent
 * for the old day says nothing about the new one, so both are cleared when the day moves.
 */
export async function refreshDueAt(tx: Db, cal: WorkCalendar, task: TaskRow, budgetDays: number, now: Date) {
  if (!task.clockStartedAt) return { previousDueAt: task.dueAt, dueAt: task.dueAt, moved: false };
  const closed = ((await pausesOf(tx, [task.id])).get(task.id) ?? []).filter((p) => p.endedAt !== null);
  const due = computeDueAt(cal, { startedAt: task.clockStartedAt, budgetDays, pauses: closed }, now);
  const moved = !task.dueAt || shanghaiDate(task.dueAt) !== shanghaiDate(due.dueAt);
  await tx
    .update(reviewTasks)
    .set({
      budgetDays,
      dueAt: due.dueAt,
      dueProvisional: due.dueProvisional,
      dueCalendarYear: due.dueCalendarYear,
      ...(moved ? { reminderSentAt: null, overdueNotifiedAt: null } : {}),
    })
    .where(eq(reviewTasks.id, task.id));
  return { previousDueAt: task.dueAt, dueAt: due.dueAt, moved };
}

/** The active heads of a department: who decides its extensions. */
export async function departmentHeadIds(tx: Db, departmentId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(staff)
    .innerJoin(users, eq(users.id, staff.userId))
    .where(and(eq(staff.departmentId, departmentId), eq(staff.departmentHead, true), eq(users.active, true), inArray(users.role, ["reviewer"])));
  return rows.map((r) => r.id);
}

/** Ends a reviewer's pause still running on a task (a decision taken during it), by whoever decided. */
export async function endReviewerPauses(tx: Db, taskId: string, actor: { userId: string } | null, now: Date): Promise<void> {
  await tx
    .update(taskPauses)
    .set({ endedAt: now, endedBy: actor?.userId ?? null })
    .where(and(eq(taskPauses.taskId, taskId), isNull(taskPauses.endedAt), ne(taskPauses.reason, "supplement")));
}

/**
 * Of these tasks, the ones whose clock a reviewer's pause stops right now: not overdue, whatever
 * their stored date says, until the pause ends and the date moves (art. 45).
 */
export async function pausedTaskIds(db: Db, taskIds: string[]): Promise<Set<string>> {
  if (taskIds.length === 0) return new Set();
  const rows = await db
    .select({ taskId: taskPauses.taskId })
    .from(taskPauses)
    .where(and(inArray(taskPauses.taskId, taskIds), isNull(taskPauses.endedAt), ne(taskPauses.reason, "supplement")));
  return new Set(rows.map((r) => r.taskId));
}

/** SQL: the task has no reviewer's pause running (for the queue's and the dashboard's overdue filters). */
export function taskNotPaused(): SQL {
  return sql`not exists (select 1 from ${taskPauses} where ${taskPauses.taskId} = ${reviewTasks.id} and ${taskPauses.endedAt} is null and ${taskPauses.reason} <> 'supplement')`;
}
