import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { assertMayView } from "../applications/get-application";
import { applications } from "../applications/schema";
import { cachedCalendar } from "../calendar/load-calendar";
import { CalendarRangeError, dueDate, shanghaiDate, workingDaysBetween, type WorkCalendar } from "../calendar/model";
import { caseDocuments } from "../documents/schema";
import type { Actor } from "../identity/model";
import { departments, users } from "../identity/schema";
import { promisedDaysOf, statutoryDaysOf } from "./clock-facts";
import { datedTaskStatuses, isDecidedTask, liveTaskStatuses, type ExtensionStatus, type TaskStatus } from "./model";
import { reviewTasks, taskExtensions, taskPauses } from "./schema";

type PauseReason = (typeof taskPauses.$inferSelect)["reason"];

/** A pause as shown: its kind, why, when, and the working days it stopped the clock (so far, while running). */
export interface PauseView {
  id: string;
  kind: PauseReason;
  note: string | null;
  startedAt: Date;
  endedAt: Date | null;
  running: boolean;
  workingDays: number | null;
}

/** An extension as shown; the applicant sees only granted ones (a request is the office's internal business). */
export interface ExtensionView {
  id: string;
  status: ExtensionStatus;
  days: number;
  reason: string;
  requestedAt: Date;
  requestedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  previousDueAt: Date | null;
  newDueAt: Date | null;
  document: { id: string; number: string } | null;
}

/** One department's clocks on a case: the statutory and the promised limit, each in working days and as a date. */
export interface TaskClockView {
  taskId: string;
  stepKey: string;
  serviceNameZh: string;
  serviceNameEn: string;
  departmentNameZh: string;
  departmentNameEn: string;
  status: TaskStatus;
  startedAt: Date | null;
  /** The catalog's promised limit, and the days an approved extension added. */
  promisedDays: number;
  statutoryDays: number;
  extensionDays: number;
  /** The promised limit's date (the reviewer's countdown): while a pause runs, as if it ended today. */
  promisedDueAt: Date | null;
  /** The statutory limit's date (art. 42, plus any extension, less every pause). */
  statutoryDueAt: Date | null;
  provisional: boolean;
  paused: boolean;
  pauses: PauseView[];
  extensions: ExtensionView[];
}

export interface CaseClocksView {
  /** The latest statutory and promised date over the case's live tasks, or null when none has one. */
  statutoryDueAt: Date | null;
  promisedDueAt: Date | null;
  tasks: TaskClockView[];
}

/** Pauses count the working days from their first day up to, not including, their last: `dueDate`'s rule. */
function pausedWorkingDays(cal: WorkCalendar, from: Date, to: Date): number | null {
  const first = shanghaiDate(from);
  const last = shanghaiDate(to);
  if (last <= first) return 0;
  try {
    // workingDaysBetween counts (a, b]; [first, last) is (the day before first, the day before last].
    return workingDaysBetween(cal, previousDay(first), previousDay(last));
  } catch (e) {
    if (e instanceof CalendarRangeError) return null;
    throw e;
  }
}

function previousDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function safeDue(cal: WorkCalendar, startedAt: Date, budgetDays: number, pauses: Array<{ from: Date; to: Date | null }>, now: Date) {
  try {
    return dueDate(cal, { startedAt, budgetDays, pauses }, now);
  } catch (e) {
    if (e instanceof CalendarRangeError) return null;
    throw e;
  }
}

/**
 * The clocks of a case for whoever may see it (the applicant, the window, a department with a task
 * on it): for each department, the statutory limit (法定时限, art. 42: the service's own or 20
 * working days) and the promised one (承诺时限), with their dates on the official calendar; the
 * pauses that stopped them (art. 45) and the extensions granted (art. 42). Derived from the facts
 * (start, budgets, pauses, extensions), nothing stored twice. Staff also see extension requests
 * still undecided or refused.
 */
export async function caseClocks(db: Db, actor: Actor, applicationId: string, now: Date = new Date()): Promise<CaseClocksView> {
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) throw new DomainError("notFound", "errors.notFound");
  await assertMayView(db, app, actor);
  const staffView = actor.role === "reviewer" || actor.role === "windowClerk";
  const rows = await db
    .select({ task: reviewTasks, deptZh: departments.nameZh, deptEn: departments.nameEn })
    .from(reviewTasks)
    .innerJoin(departments, eq(departments.id, reviewTasks.departmentId))
    .where(eq(reviewTasks.applicationId, app.id))
    .orderBy(asc(reviewTasks.createdAt));
  const ids = rows.map((r) => r.task.id);
  const [pauseRows, extensionRows] = ids.length
    ? await Promise.all([
        db.select().from(taskPauses).where(inArray(taskPauses.taskId, ids)).orderBy(asc(taskPauses.startedAt)),
        db
          .select({ ext: taskExtensions, requesterName: users.displayName, documentNumber: caseDocuments.number })
          .from(taskExtensions)
          .leftJoin(users, eq(users.id, taskExtensions.requestedBy))
          .leftJoin(caseDocuments, eq(caseDocuments.id, taskExtensions.documentId))
          .where(and(inArray(taskExtensions.taskId, ids), staffView ? undefined : eq(taskExtensions.status, "approved")))
          .orderBy(desc(taskExtensions.requestedAt)),
      ])
    : [[], []];
  const cal = await cachedCalendar(db);
  const order = new Map(app.plan.map((s, i) => [s.key, i]));
  const tasks = rows
    .map(({ task, deptZh, deptEn }): TaskClockView => {
      const step = app.plan.find((s) => s.key === task.stepKey);
      const pauses = pauseRows.filter((p) => p.taskId === task.id);
      const extensions = extensionRows.filter((e) => e.ext.taskId === task.id);
      const extensionDays = extensions.filter((e) => e.ext.status === "approved").reduce((sum, e) => sum + e.ext.days, 0);
      const statutoryDays = statutoryDaysOf(app, task.stepKey);
      const running = pauses.some((p) => p.endedAt === null && p.reason !== "supplement");
      const dated = datedTaskStatuses.includes(task.status) || isDecidedTask(task.status);
      const ledger = pauses.map((p) => ({ from: p.startedAt, to: p.endedAt }));
      // The promised date is the stored one, except while a reviewer's pause runs: then it is the
      // date the task would be due if the pause ended today (it moves each paused working day).
      const promisedLive = task.clockStartedAt && running ? safeDue(cal, task.clockStartedAt, task.budgetDays, ledger, now) : null;
      const statutory = task.clockStartedAt && dated ? safeDue(cal, task.clockStartedAt, statutoryDays + extensionDays, ledger, now) : null;
      return {
        taskId: task.id,
        stepKey: task.stepKey,
        serviceNameZh: step?.serviceNameZh ?? task.stepKey,
        serviceNameEn: step?.serviceNameEn ?? task.stepKey,
        departmentNameZh: deptZh,
        departmentNameEn: deptEn,
        status: task.status,
        startedAt: task.clockStartedAt,
        promisedDays: promisedDaysOf(app, task),
        statutoryDays,
        extensionDays,
        promisedDueAt: promisedLive?.at ?? task.dueAt,
        statutoryDueAt: statutory?.at ?? null,
        provisional: (promisedLive?.provisional ?? task.dueProvisional) || (statutory?.provisional ?? false),
        paused: running,
        pauses: pauses.map((p) => ({
          id: p.id,
          kind: p.reason,
          note: p.note,
          startedAt: p.startedAt,
          endedAt: p.endedAt,
          running: p.endedAt === null,
          workingDays: pausedWorkingDays(cal, p.startedAt, p.endedAt ?? now),
        })),
        extensions: extensions.map(({ ext, requesterName, documentNumber }) => ({
          id: ext.id,
          status: ext.status,
          days: ext.days,
          reason: ext.reason,
          requestedAt: ext.requestedAt,
          requestedByName: staffView ? requesterName : null,
          decidedAt: ext.decidedAt,
          decisionNote: staffView ? ext.decisionNote : null,
          previousDueAt: ext.previousDueAt,
          newDueAt: ext.newDueAt,
          document: ext.documentId && documentNumber ? { id: ext.documentId, number: documentNumber } : null,
        })),
      };
    })
    .sort((a, b) => (order.get(a.stepKey) ?? 0) - (order.get(b.stepKey) ?? 0));
  const live = tasks.filter((t) => liveTaskStatuses.includes(t.status));
  const latest = (dates: Array<Date | null>) => dates.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);
  return { statutoryDueAt: latest(live.map((t) => t.statutoryDueAt)), promisedDueAt: latest(live.map((t) => t.promisedDueAt)), tasks };
}
