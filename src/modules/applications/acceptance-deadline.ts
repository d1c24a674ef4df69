import type { Db } from "@/server/db/client";
import { cachedCalendar } from "../calendar/load-calendar";
import { CalendarRangeError, dueDate } from "../calendar/model";
import { acceptanceLimitWorkingDays } from "./model";

/**
 * The window's acceptance deadline for an application received at `receivedAt`: the end of the
 * 5th working day after it on the official calendar (art. 32), and whether it rests on a
 * provisional year. A receipt past the calendar's range stores no deadline rather than a guess;
 * submission does not fail for it.
 */
export async function acceptanceDeadline(db: Db, receivedAt: Date): Promise<{ acceptanceDueAt: Date | null; acceptanceDueProvisional: boolean }> {
  try {
    const due = dueDate(await cachedCalendar(db), { startedAt: receivedAt, budgetDays: acceptanceLimitWorkingDays, pauses: [] }, receivedAt);
    return { acceptanceDueAt: due.at, acceptanceDueProvisional: due.provisional };
  } catch (e) {
    if (e instanceof CalendarRangeError) return { acceptanceDueAt: null, acceptanceDueProvisional: false };
    throw e;
  }
}
