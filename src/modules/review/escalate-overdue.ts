import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { lockApplication } from "../applications/transition";
import { bundles } from "../catalog/schema";
import { addWorkingDays, CalendarRangeError, endOfShanghaiDay, type WorkCalendar } from "../calendar/model";
import { departments, staff, users } from "../identity/schema";
import { notify } from "../notifications/notify";
import { calendarFor } from "./clock";
import { escalationLadder, runningTaskStatuses, topEscalationRung, type EscalationTarget } from "./model";
import { onThisNode } from "./remote-tasks";
import { reviewTasks } from "./schema";
import type { TaskRow } from "./transition";

/**
 * The highest rung of the ladder an overdue task has reached at `now`: the rungs whose working
 * days after the due date have all ended. A rung past the published calendar cannot be timed and
 * is not reached (a date past the last published year is an error, never a guess).
 */
export function reachedRung(cal: WorkCalendar, dueAt: Date, now: Date): number {
  let reached = 0;
  for (const step of escalationLadder) {
    try {
      if (now > endOfShanghaiDay(addWorkingDays(cal, shanghaiDate(dueAt), step.workingDaysOverdue))) reached = step.rung;
    } catch (e) {
      if (!(e instanceof CalendarRangeError)) throw e;
      break;
    }
  }
  return reached;
}

/** Who a rung tells: the heads of the task's department, the heads of the lead department, the data office. */
async function recipientsOf(tx: Db, target: EscalationTarget, task: TaskRow, leadDepartmentId: string | null): Promise<string[]> {
  if (target === "dataOffice") {
    return (
      await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, "dataOffice"), eq(users.active, true)))
    ).map((u) => u.id);
  }
  const departmentId = target === "head" ? task.departmentId : leadDepartmentId;
  // The lead department is the task's own: its head has already been told at the rung before.
  if (!departmentId || (target === "leadDepartment" && departmentId === task.departmentId)) return [];
  const heads = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(staff, eq(staff.userId, users.id))
    .where(and(eq(users.role, "reviewer"), eq(users.active, true), eq(staff.departmentId, departmentId), eq(staff.departmentHead, true)));
  // A department without a head: its reviewers are told instead.
  if (heads.length > 0) return heads.map((h) => h.id);
  return (
    await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(staff, eq(staff.userId, users.id))
      .where(and(eq(users.role, "reviewer"), eq(users.active, true), eq(staff.departmentId, departmentId)))
  ).map((u) => u.id);
}

/**
 * The deadline job's escalation ladder (督办): each running task overdue by a rung's working days
 * is reported to that rung once — the head, the lead department of the bundle (the bundle's lead
 * in the catalog, else the department of the first step), the data office. Each move up is a
 * conditional update on the rung the scan saw, in the transaction that writes the notices, so a
 * scan run twice, or on two nodes at once, tells each rung once. A job that missed days tells
 * every rung it skipped.
 */
export async function escalateOverdueTasks(db: Db, now: Date, options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  const cal = await calendarFor(db);
  // Overdue by at least a calendar day (a working day is never shorter) and not at the top yet.
  // Tasks below the next rung are looked at again on the next run: a few per department.
  const candidates = await db
    .select()
    .from(reviewTasks)
    .where(
      and(
        inArray(reviewTasks.status, [...runningTaskStatuses]),
        lt(reviewTasks.escalationRung, topEscalationRung),
        lt(reviewTasks.dueAt, new Date(now.getTime() - 86_400_000)),
        onThisNode(db),
      ),
    )
    .orderBy(asc(reviewTasks.dueAt))
    .limit(batchSize);
  let told = 0;
  for (const seen of candidates) {
    if (!seen.dueAt) continue;
    const target = reachedRung(cal, seen.dueAt, now);
    if (target <= seen.escalationRung) continue;
    await db.transaction(async (tx) => {
      const app = await lockApplication(tx, seen.applicationId);
      const [task] = await tx
        .update(reviewTasks)
        .set({ escalationRung: target })
        .where(and(eq(reviewTasks.id, seen.id), eq(reviewTasks.escalationRung, seen.escalationRung), inArray(reviewTasks.status, [...runningTaskStatuses])))
        .returning();
      if (!task?.dueAt) return;
      const [lead] = app.bundleId ? await tx.select({ id: bundles.leadDepartmentId }).from(bundles).where(eq(bundles.id, app.bundleId)) : [];
      const leadDepartmentId = lead?.id ?? app.plan[0]?.departmentId ?? null;
      const [dept] = await tx.select({ nameZh: departments.nameZh }).from(departments).where(eq(departments.id, task.departmentId));
      for (const step of escalationLadder.filter((s) => s.rung > seen.escalationRung && s.rung <= target)) {
        const userIds = await recipientsOf(tx, step.to, task, leadDepartmentId);
        await notify(tx, {
          kind: "taskEscalated",
          to: { userIds },
          applicationId: app.id,
          params: {
            trackingNumber: app.trackingNumber ?? "",
            title: app.titleZh,
            department: dept?.nameZh ?? "",
            dueDate: shanghaiDate(task.dueAt),
            count: step.workingDaysOverdue,
          },
        });
        if (userIds.length > 0) told += 1;
      }
    });
  }
  return told;
}
