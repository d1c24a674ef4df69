import { and, inArray, isNull } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { loadCalendar } from "../calendar/load-calendar";
import { CalendarRangeError, dueDate, type WorkCalendar } from "../calendar/model";
import { isDecidedTask, liveTaskStatuses, type TaskStatus } from "./model";
import { taskPauses } from "./schema";

/**
 * A task's due date from its facts: start, budget and the ledger of pauses, on the official
 * calendar, and whether it rests on a provisional year (computed from the holiday rules, to be
 * recomputed when the State Council's notice is published). A date past the last provisional
 * year is an error for the caller to report, never a guess.
 */
export function computeDueAt(
  cal: WorkCalendar,
  clock: { startedAt: Date; budgetDays: number; pauses: Array<{ startedAt: Date; endedAt: Date | null }> },
  now: Date,
): { dueAt: Date; dueProvisional: boolean; dueCalendarYear: number } {
  try {
    const due = dueDate(
      cal,
      { startedAt: clock.startedAt, budgetDays: clock.budgetDays, pauses: clock.pauses.map((p) => ({ from: p.startedAt, to: p.endedAt })) },
      now,
    );
    return { dueAt: due.at, dueProvisional: due.provisional, dueCalendarYear: cal.lastPublishedYear };
  } catch (e) {
    if (e instanceof CalendarRangeError) {
      throw new DomainError("unavailable", "errors.calendarNotPublished", { params: { year: cal.lastYear + 1 } });
    }
    throw e;
  }
}

export function calendarFor(db: Db): Promise<WorkCalendar> {
  return loadCalendar(db);
}

export async function pausesOf(db: Db, taskIds: string[]) {
  if (taskIds.length === 0) return new Map<string, Array<{ startedAt: Date; endedAt: Date | null }>>();
  const rows = await db.select().from(taskPauses).where(inArray(taskPauses.taskId, taskIds));
  const byTask = new Map<string, Array<{ startedAt: Date; endedAt: Date | null }>>();
  for (const r of rows) {
    const list = byTask.get(r.taskId) ?? [];
    list.push({ startedAt: r.startedAt, endedAt: r.endedAt });
    byTask.set(r.taskId, list);
  }
  return byTask;
}

/** Closes the open supplement pauses of these tasks. */
export async function endPauses(tx: Db, taskIds: string[], now: Date): Promise<void> {
  if (taskIds.length === 0) return;
  await tx
    .update(taskPauses)
    .set({ endedAt: now })
    .where(and(inArray(taskPauses.taskId, taskIds), isNull(taskPauses.endedAt)));
}

export async function startPauses(tx: Db, taskIds: string[], now: Date, reason: "supplement" = "supplement"): Promise<void> {
  if (taskIds.length === 0) return;
  await tx.insert(taskPauses).values(taskIds.map((taskId) => ({ taskId, reason, startedAt: now })));
}

/** One task as the expected finish of its case needs it. */
export interface ExpectedTaskClock {
  stepKey: string;
  needs: readonly string[];
  status: TaskStatus;
  budgetDays: number;
  dueAt: Date | null;
  dueProvisional: boolean;
  decidedAt: Date | null;
}

type Finish = { at: Date; provisional: boolean };

/**
 * When the whole case is expected to finish (预计办结): a decided task ended when it was decided,
 * a live one with a due date by that date, and one still waiting its promised budget after the
 * last of the steps it needs is expected to end (or from now). The latest of them, and whether
 * any rests on a provisional year. Null when no task is live, or the calendar does not reach
 * that far (no honest estimate).
 */
export function expectedFinish(cal: WorkCalendar, tasks: readonly ExpectedTaskClock[], now: Date): Finish | null {
  const live = (t: ExpectedTaskClock) => liveTaskStatuses.includes(t.status);
  if (!tasks.some(live)) return null;
  const byKey = new Map(tasks.map((t) => [t.stepKey, t]));
  const memo = new Map<string, Finish | null>();
  const finishOf = (key: string, path: ReadonlySet<string>): Finish | null => {
    if (memo.has(key)) return memo.get(key) ?? null;
    const t = byKey.get(key);
    if (!t || path.has(key)) return null;
    let result: Finish | null = null;
    if (isDecidedTask(t.status)) result = t.decidedAt ? { at: t.decidedAt, provisional: false } : null;
    else if (live(t) && t.dueAt) result = { at: t.dueAt, provisional: t.dueProvisional };
    else if (live(t)) {
      const before = t.needs.map((n) => finishOf(n, new Set([...path, key]))).filter((f): f is Finish => f !== null);
      const start = before.reduce((latest, f) => (f.at > latest ? f.at : latest), now);
      try {
        const due = dueDate(cal, { startedAt: start, budgetDays: t.budgetDays, pauses: [] }, now);
        result = { at: due.at, provisional: due.provisional || before.some((f) => f.provisional) };
      } catch (e) {
        if (!(e instanceof CalendarRangeError)) throw e;
      }
    }
    memo.set(key, result);
    return result;
  };
  const counted = tasks.filter((t) => live(t) || isDecidedTask(t.status)).map((t) => ({ live: live(t), finish: finishOf(t.stepKey, new Set()) }));
  if (counted.some((c) => c.live && c.finish === null)) return null;
  const known = counted.flatMap((c) => (c.finish ? [c.finish] : []));
  return known.reduce<Finish | null>((latest, f) => (!latest || f.at > latest.at ? f : latest), null);
}

/**
 * The due date of a task while a pause runs: as if the pause ended today (the date moves by each
 * paused working day); nothing when no pause runs (the stored date stands). Pages and the expected
 * finish use it; the stored date moves when the pause ends.
 */
export function livePausedDue(
  cal: WorkCalendar,
  startedAt: Date | null,
  budgetDays: number,
  pauses: Array<{ startedAt: Date; endedAt: Date | null }>,
  now: Date,
): { dueAt: Date; dueProvisional: boolean } | Record<string, never> {
  if (!startedAt || !pauses.some((p) => p.endedAt === null)) return {};
  try {
    const due = dueDate(cal, { startedAt, budgetDays, pauses: pauses.map((p) => ({ from: p.startedAt, to: p.endedAt })) }, now);
    return { dueAt: due.at, dueProvisional: due.provisional };
  } catch (e) {
    if (e instanceof CalendarRangeError) return {};
    throw e;
  }
}
