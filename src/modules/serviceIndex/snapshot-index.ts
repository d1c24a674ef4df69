import { sql } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { ratingFactsByPlace, type RatedPlace } from "../ratings/unit-figures";
import { cityOf, computeInputs, type UnitKey } from "./compute-inputs";
import { computeIndex, methodology } from "./model";
import { monthOf, periodRange } from "./periods";
import { serviceIndexValues } from "./schema";

/**
 * Computes and publishes the index of every unit for the given periods (default: this month and
 * the last 30 days; in the first five days of a month also the month before, which is still
 * filling with late decisions), as today's snapshot in one transaction. Run daily by the
 * `serviceIndex.snapshot` job and on demand by the data office; running again the same day
 * replaces that day's values.
 */
export async function snapshotIndex(db: Db, now: Date = new Date(), periods?: string[]): Promise<{ periods: string[]; units: number }> {
  const today = shanghaiDate(now);
  const month = monthOf(now);
  const chosen = periods ?? ["last30", month, ...(Number(today.slice(8, 10)) <= 5 ? [monthOf(new Date(now.getTime() - 6 * 86_400_000))] : [])];
  let written = 0;
  const rows: Array<typeof serviceIndexValues.$inferInsert> = [];
  for (const period of [...new Set(chosen)]) {
    const range = periodRange(period, now);
    if (!range) throw new Error(`not a period: ${period}`);
    for (const u of await computeInputs(db, range.from, range.to, await ratingInputs(db, range.from, range.to, now))) {
      const r = computeIndex(u.inputs, u.cases);
      rows.push({
        unitKind: u.kind,
        unitCode: u.code,
        period,
        computedOn: today,
        computedAt: now,
        methodologyVersion: methodology.version,
        cases: u.cases,
        inputs: u.inputs,
        indicators: r.indicators,
        composite: r.composite,
        band: r.band,
        primaryShortfall: r.primaryShortfall,
      });
    }
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      await tx
        .insert(serviceIndexValues)
        .values(batch)
        .onConflictDoUpdate({
          target: [serviceIndexValues.unitKind, serviceIndexValues.unitCode, serviceIndexValues.period, serviceIndexValues.computedOn],
          set: {
            computedAt: sql`excluded.computed_at`,
            methodologyVersion: sql`excluded.methodology_version`,
            cases: sql`excluded.cases`,
            inputs: sql`excluded.inputs`,
            indicators: sql`excluded.indicators`,
            composite: sql`excluded.composite`,
            band: sql`excluded.band`,
            primaryShortfall: sql`excluded.primary_shortfall`,
          },
        });
      written += batch.length;
    }
  });
  return { periods: [...new Set(chosen)], units: written };
}

/**
 * The ratings inputs of every unit for [from, to) (China days): a department rating counts for
 * the department, for each service of that department's tasks on the application and for the
 * application's city; so does its rectification item. Satisfied or very satisfied of all ratings
 * first given in the period; rectification items opened in the period and due, answered on time
 * (an open item past its due day counts as due and late).
 */
async function ratingInputs(db: Db, from: Date, to: Date, now: Date): Promise<Map<UnitKey, Record<string, number>>> {
  const out = new Map<UnitKey, Record<string, number>>();
  const facts = await ratingFactsByPlace(db, { from: shanghaiDate(from), to: shanghaiDate(new Date(to.getTime() - 1)) }, now);
  const add = (place: RatedPlace, counts: Record<string, number>) => {
    const keys = new Set<UnitKey>([
      `department:${place.departmentCode}`,
      `city:${cityOf(place.divisionCode)}`,
      ...place.serviceCodes.map((c) => `service:${c}` as const),
    ]);
    for (const key of keys) {
      const u = out.get(key) ?? { ratings: 0, ratingsSatisfied: 0, rectificationsOnTime: 0, rectificationsDue: 0 };
      for (const [name, n] of Object.entries(counts)) u[name] = (u[name] ?? 0) + n;
      out.set(key, u);
    }
  };
  for (const r of facts.ratings) add(r, { ratings: 1, ratingsSatisfied: r.satisfied ? 1 : 0 });
  for (const r of facts.rectifications) {
    if (r.timeliness === "openNotDue") continue;
    add(r, { rectificationsDue: 1, rectificationsOnTime: r.timeliness === "answeredOnTime" ? 1 : 0 });
  }
  return out;
}
