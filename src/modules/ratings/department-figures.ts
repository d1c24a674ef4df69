import { and, between, count, eq, sql } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { ZDepartmentPeriod } from "./inputs";
import { openRectificationStatuses, ratingLevels, type RatingLevel } from "./model";
import { ratings, rectificationItems } from "./schema";

/** What the service index reads of a department's ratings and rectification for a period. */
export interface DepartmentRatingFigures {
  departmentId: string;
  from: string;
  to: string;
  /** Ratings first given in the period, per level (every level present, 0 when none). */
  levels: Record<RatingLevel, number>;
  ratings: number;
  /** Rectification items opened in the period, and of those: answered by their due day, answered after it, unanswered past it, unanswered and not yet due. */
  rectification: { opened: number; answeredOnTime: number; answeredLate: number; openLate: number; openNotDue: number };
}

/**
 * A department's rating and rectification figures for a period (China dates, both ends included):
 * counts per level of the ratings first given in it, and the timeliness of the items opened in it,
 * judged on `today` for the unanswered ones. Read-only; feeds the service index.
 */
export async function departmentRatingFigures(
  db: Db,
  raw: { departmentId: string; from: string; to: string },
  now: Date = new Date(),
): Promise<DepartmentRatingFigures> {
  const input = ZDepartmentPeriod.parse(raw);
  const today = shanghaiDate(now);
  const ratedOn = sql`(${ratings.firstRatedAt} at time zone 'Asia/Shanghai')::date`;
  const levelRows = await db
    .select({ level: ratings.level, n: count() })
    .from(ratings)
    .where(and(eq(ratings.departmentId, input.departmentId), between(ratedOn, input.from, input.to)))
    .groupBy(ratings.level);
  const levels = Object.fromEntries(ratingLevels.map((l) => [l, 0])) as Record<RatingLevel, number>;
  for (const r of levelRows) levels[r.level] = Number(r.n);

  const open = sql.join(
    openRectificationStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const [items] = await db
    .select({
      opened: count(),
      answeredOnTime: sql<number>`count(*) filter (where ${rectificationItems.answeredOn} <= ${rectificationItems.dueOn})`,
      answeredLate: sql<number>`count(*) filter (where ${rectificationItems.answeredOn} > ${rectificationItems.dueOn})`,
      openLate: sql<number>`count(*) filter (where ${rectificationItems.status} in (${open}) and ${rectificationItems.dueOn} < ${today})`,
      openNotDue: sql<number>`count(*) filter (where ${rectificationItems.status} in (${open}) and ${rectificationItems.dueOn} >= ${today})`,
    })
    .from(rectificationItems)
    .where(and(eq(rectificationItems.departmentId, input.departmentId), between(rectificationItems.openedOn, input.from, input.to)));
  return {
    departmentId: input.departmentId,
    from: input.from,
    to: input.to,
    levels,
    ratings: Object.values(levels).reduce((a, b) => a + b, 0),
    rectification: {
      opened: Number(items?.opened ?? 0),
      answeredOnTime: Number(items?.answeredOnTime ?? 0),
      answeredLate: Number(items?.answeredLate ?? 0),
      openLate: Number(items?.openLate ?? 0),
      openNotDue: Number(items?.openNotDue ?? 0),
    },
  };
}
