import { and, asc, between, eq, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import { shanghaiDate } from "@/lib/dates";
import { msg } from "@/lib/message";
import type { Db } from "@/server/db/client";
import { applications } from "../applications/schema";
import { services } from "../catalog/schema";
import { departments } from "../identity/schema";
import { reviewTasks } from "../review/schema";
import { openRectificationStatuses, type RatingLevel } from "./model";
import { ratings, rectificationItems } from "./schema";

/** The levels the satisfaction indicator counts as satisfied (满意, 非常满意), as `departmentRatingFigures`' sum. */
const satisfiedLevels: readonly RatingLevel[] = ["verySatisfied", "satisfied"];

/** A period of China dates, both ends included. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg("ratings.errors.date"));
const ZPeriod = z.object({ from: day, to: day }).refine((v) => v.from <= v.to, { message: msg("ratings.errors.range"), path: ["to"] });

/** Where a department's rating or rectification item belongs: the department, the services of its tasks on the case, the case's division. */
export interface RatedPlace {
  /** The rating's (or the item's) id: one fact, however many services it is spread over. */
  id: string;
  departmentCode: string;
  /** The services of the department's tasks on the application (none when it has no task on it). */
  serviceCodes: string[];
  divisionCode: string;
}

export interface RatingFact extends RatedPlace {
  /** Rated 满意 or 非常满意. */
  satisfied: boolean;
}

export interface RectificationFact extends RatedPlace {
  timeliness: "answeredOnTime" | "answeredLate" | "openLate" | "openNotDue";
}

/**
 * Every department rating first given in a period and every rectification item opened in it (China
 * dates, both ends included), each with the department, the services of that department's tasks on
 * the application and the application's division, so the service index can count them for
 * departments, services and cities alike. The same filters and timeliness as
 * `departmentRatingFigures` (unanswered items judged on `now`'s China day). Read-only.
 */
export async function ratingFactsByPlace(
  db: Db,
  raw: { from: string; to: string },
  now: Date = new Date(),
): Promise<{ ratings: RatingFact[]; rectifications: RectificationFact[] }> {
  const input = ZPeriod.parse(raw);
  const today = shanghaiDate(now);
  const ratedOn = sql`(${ratings.firstRatedAt} at time zone 'Asia/Shanghai')::date`;
  const satisfied = sql.join(
    satisfiedLevels.map((l) => sql`${l}`),
    sql`, `,
  );
  const open = sql.join(
    openRectificationStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  // The department's tasks on the application give the services; a left join keeps a rating whose
  // department has no task (the department still counts it).
  const taskOf = and(eq(reviewTasks.applicationId, ratings.applicationId), eq(reviewTasks.departmentId, ratings.departmentId));
  const ratingRows = await db
    .selectDistinct({
      id: ratings.id,
      departmentCode: departments.code,
      divisionCode: applications.divisionCode,
      serviceCode: services.code,
      satisfied: sql<boolean>`${ratings.level} in (${satisfied})`,
    })
    .from(ratings)
    .innerJoin(departments, eq(departments.id, ratings.departmentId))
    .innerJoin(applications, eq(applications.id, ratings.applicationId))
    .leftJoin(reviewTasks, taskOf)
    .leftJoin(services, eq(services.id, reviewTasks.serviceId))
    .where(and(isNotNull(ratings.departmentId), between(ratedOn, input.from, input.to)))
    .orderBy(asc(ratings.id), asc(services.code));

  const itemTaskOf = and(eq(reviewTasks.applicationId, rectificationItems.applicationId), eq(reviewTasks.departmentId, rectificationItems.departmentId));
  const itemRows = await db
    .selectDistinct({
      id: rectificationItems.id,
      departmentCode: departments.code,
      divisionCode: applications.divisionCode,
      serviceCode: services.code,
      timeliness: sql<RectificationFact["timeliness"] | null>`case
        when ${rectificationItems.answeredOn} is not null and ${rectificationItems.answeredOn} <= ${rectificationItems.dueOn} then 'answeredOnTime'
        when ${rectificationItems.answeredOn} is not null then 'answeredLate'
        when ${rectificationItems.status} in (${open}) and ${rectificationItems.dueOn} < ${today} then 'openLate'
        when ${rectificationItems.status} in (${open}) then 'openNotDue'
        end`,
    })
    .from(rectificationItems)
    .innerJoin(departments, eq(departments.id, rectificationItems.departmentId))
    .innerJoin(applications, eq(applications.id, rectificationItems.applicationId))
    .leftJoin(reviewTasks, itemTaskOf)
    .leftJoin(services, eq(services.id, reviewTasks.serviceId))
    .where(between(rectificationItems.openedOn, input.from, input.to))
    .orderBy(asc(rectificationItems.id), asc(services.code));

  const group = <R extends { id: string; departmentCode: string; divisionCode: string; serviceCode: string | null }, F>(
    rows: R[],
    fact: (r: R) => F,
  ): Array<RatedPlace & F> => {
    const byId = new Map<string, RatedPlace & F>();
    for (const r of rows) {
      let f = byId.get(r.id);
      if (!f) {
        f = { id: r.id, departmentCode: r.departmentCode, divisionCode: r.divisionCode, serviceCodes: [], ...fact(r) };
        byId.set(r.id, f);
      }
      if (r.serviceCode && !f.serviceCodes.includes(r.serviceCode)) f.serviceCodes.push(r.serviceCode);
    }
    return [...byId.values()];
  };
  return {
    ratings: group(ratingRows, (r) => ({ satisfied: Boolean(r.satisfied) })),
    rectifications: group(
      itemRows.filter((r): r is typeof r & { timeliness: RectificationFact["timeliness"] } => r.timeliness !== null),
      (r) => ({ timeliness: r.timeliness }),
    ),
  };
}
