import { and, gte, inArray, isNotNull, sql } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { grantedApplicationStatuses } from "../applications/model";
import { applications } from "../applications/schema";
import type { Actor } from "../identity/model";
import { earlierDay, firstOfMonth, lastDays, volumeSeriesDays, volumesFrom, type DailyCount, type VolumeKind, type Volumes } from "./model";
import { assertDataOffice } from "./office";

/** One of the application's movement instants. */
type MovementColumn = typeof applications.submittedAt | typeof applications.acceptedAt | typeof applications.decidedAt;

/** The China date of a timestamp column, as text. */
const chinaDay = (column: MovementColumn) => sql<string>`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

/**
 * Applications submitted, accepted and decided (approved, denied, refused at the window) today,
 * this month and on each of the last 30 days, by China date. One grouped query per kind over the
 * applications moved since the earlier of the month's first day and the series' first day: at
 * most 31 days of cases. Decided counts each case once, on the day of its decision (`decidedAt`),
 * by its outcome: granted (approved or completed since), denied, or not accepted.
 */
export async function readVolumes(db: Db, actor: Actor, now: Date = new Date()): Promise<Volumes> {
  assertDataOffice(actor);
  const today = shanghaiDate(now);
  const fromDay = earlierDay(firstOfMonth(today), lastDays(today, volumeSeriesDays)[0]!);
  const since = new Date(`${fromDay}T00:00:00+08:00`);

  const counted = sql<number>`count(*)::int`.mapWith(Number);
  const movedSince = (column: MovementColumn) => and(isNotNull(column), gte(column, since));
  const byDay = async (column: MovementColumn, kind: VolumeKind): Promise<DailyCount[]> => {
    const day = chinaDay(column);
    const rows = await db.select({ day, count: counted }).from(applications).where(movedSince(column)).groupBy(day);
    return rows.map((r) => ({ kind, day: r.day, count: r.count }));
  };
  // The outcome by the named predicate for granted, and the two single statuses of the other outcomes.
  const outcome = sql<VolumeKind | null>`case when ${inArray(applications.status, [...grantedApplicationStatuses])} then 'approved'
    when ${applications.status} = 'denied' then 'denied' when ${applications.status} = 'notAccepted' then 'refused' end`;
  const byDayAndOutcome = async (): Promise<DailyCount[]> => {
    // Grouped by position: the outcome's expression carries parameters, which PostgreSQL would not match to a repeated one.
    const rows = await db
      .select({ day: chinaDay(applications.decidedAt), kind: outcome, count: counted })
      .from(applications)
      .where(movedSince(applications.decidedAt))
      .groupBy(sql`1`, sql`2`);
    return rows.flatMap((r) => (r.kind ? [{ kind: r.kind, day: r.day, count: r.count }] : []));
  };
  const [submitted, accepted, decided] = await Promise.all([
    byDay(applications.submittedAt, "submitted"),
    byDay(applications.acceptedAt, "accepted"),
    byDayAndOutcome(),
  ]);
  return volumesFrom([...submitted, ...accepted, ...decided], today);
}
