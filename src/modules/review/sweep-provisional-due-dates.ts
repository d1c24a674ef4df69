import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { calendarFor } from "./clock";
import { datedTaskStatuses } from "./model";
import { recomputeProvisionalDueDates, type RecomputeResult } from "./recompute-due-dates";
import { reviewTasks } from "./schema";

/**
 * The safety net behind the recompute at publication, run by the deadline job: a task opened or
 * reopened on the calendar as it was just before a year was published, and committed just after,
 * was not seen by the publication's recompute and still carries a provisional date computed on
 * the calendar before it: wherever that date ends (inside the newly published year, or through
 * it in a later provisional one), it was computed against an earlier last published year
 * (`due_calendar_year`), and is recomputed here by the system (audit actor null), with the same
 * notices. A date without that year (computed before it was recorded) is recomputed once.
 */
export async function sweepStaleProvisionalDueDates(db: Db, now: Date, options: { batchSize?: number } = {}): Promise<RecomputeResult> {
  const cal = await calendarFor(db);
  const stale = await db
    .select({ id: reviewTasks.id })
    .from(reviewTasks)
    .where(
      and(
        eq(reviewTasks.dueProvisional, true),
        inArray(reviewTasks.status, [...datedTaskStatuses]),
        or(isNull(reviewTasks.dueCalendarYear), lt(reviewTasks.dueCalendarYear, cal.lastPublishedYear)),
      ),
    )
    .limit(options.batchSize ?? 100);
  if (stale.length === 0) return { recomputed: 0, moved: 0 };
  return db.transaction(async (tx) =>
    recomputeProvisionalDueDates(tx, {
      calendar: await calendarFor(tx),
      now,
      actor: null,
      calendarYear: cal.lastPublishedYear,
      taskIds: stale.map((t) => t.id),
    }),
  );
}
