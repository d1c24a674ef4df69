import { and, inArray, isNull } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { loadCalendar } from "../calendar/load-calendar";
import { CalendarRangeError, dueDate, type WorkCalendar } from "../calendar/model";
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
