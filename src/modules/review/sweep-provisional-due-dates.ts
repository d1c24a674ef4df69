import { and, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { endOfShanghaiDay } from "../calendar/model";
import { calendarFor } from "./clock";
import { datedTaskStatuses } from "./model";
import { recomputeProvisionalDueDates, type RecomputeResult } from "./recompute-due-dates";
import { reviewTasks } from "./schema";

/**
 * The safety net behind the recompute at publication, run by the deadline job: a task opened or
 * reopened on the calendar as it was just before a year was published, and committed just after,
 * was not seen by the publication's recompute and still carries a provisional date inside a year
 * that is now published. Such dates are recomputed here, by the system (audit actor null), with
 * the same notices. Only dates that end in a published year can be recognised this way; one that
 * ran through the newly published year into a later provisional one is corrected at the next
 * publication.
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
        lte(reviewTasks.dueAt, endOfShanghaiDay(`${cal.lastPublishedYear}-12-31`)),
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
