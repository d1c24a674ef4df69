import { and, asc, desc, eq, max } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { services } from "../catalog/schema";
import { divisions } from "../divisions/schema";
import { departments } from "../identity/schema";
import type { UnitKind } from "./compute-inputs";
import type { IndexQuery } from "./inputs";
import type { IndicatorResult } from "./model";
import { serviceIndexValues } from "./schema";

export interface PublishedIndexValue {
  kind: UnitKind;
  code: string;
  nameZh: string;
  nameEn: string;
  period: string;
  computedOn: string;
  methodologyVersion: string;
  cases: number;
  inputs: Record<string, number>;
  indicators: IndicatorResult[];
  composite: number | null;
  band: string | null;
  primaryShortfall: string | null;
}

/** The names of every unit of a kind, by code. */
async function unitNames(db: Db, kind: UnitKind): Promise<Map<string, { nameZh: string; nameEn: string }>> {
  const rows =
    kind === "department"
      ? await db.select({ code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn }).from(departments)
      : kind === "service"
        ? await db.select({ code: services.code, nameZh: services.nameZh, nameEn: services.nameEn }).from(services)
        : await db.select({ code: divisions.code, nameZh: divisions.nameZh, nameEn: divisions.nameEn }).from(divisions);
  return new Map(rows.map((r) => [r.code, { nameZh: r.nameZh, nameEn: r.nameEn ?? r.nameZh }]));
}

/**
 * The latest published values of a period for every unit of a kind (or one unit), best first,
 * the units with 数据不足 last. `unknownUnit` when a unit is asked for that no value names.
 */
export async function readIndex(db: Db, q: IndexQuery): Promise<{ computedOn: string | null; values: PublishedIndexValue[] } | "unknownUnit"> {
  const [latest] = await db
    .select({ on: max(serviceIndexValues.computedOn) })
    .from(serviceIndexValues)
    .where(and(eq(serviceIndexValues.period, q.period), eq(serviceIndexValues.unitKind, q.kind)));
  const computedOn = latest?.on ?? null;
  const names = await unitNames(db, q.kind);
  if (q.unit && !names.has(q.unit)) return "unknownUnit";
  if (!computedOn) return { computedOn, values: [] };
  const rows = await db
    .select()
    .from(serviceIndexValues)
    .where(
      and(
        eq(serviceIndexValues.period, q.period),
        eq(serviceIndexValues.unitKind, q.kind),
        eq(serviceIndexValues.computedOn, computedOn),
        q.unit ? eq(serviceIndexValues.unitCode, q.unit) : undefined,
      ),
    )
    .orderBy(desc(serviceIndexValues.composite), asc(serviceIndexValues.unitCode));
  const values = rows.map((r) => ({
    kind: r.unitKind,
    code: r.unitCode,
    nameZh: names.get(r.unitCode)?.nameZh ?? r.unitCode,
    nameEn: names.get(r.unitCode)?.nameEn ?? r.unitCode,
    period: r.period,
    computedOn: r.computedOn,
    methodologyVersion: r.methodologyVersion,
    cases: r.cases,
    inputs: r.inputs,
    indicators: r.indicators,
    composite: r.composite,
    band: r.band,
    primaryShortfall: r.primaryShortfall,
  }));
  // PostgreSQL sorts NULL first in a descending order: 数据不足 goes last.
  values.sort((a, b) => (a.composite === null ? 1 : 0) - (b.composite === null ? 1 : 0));
  return { computedOn, values };
}

/** The periods that have published values, newest month first, `last30` first of all. */
export async function publishedPeriods(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ period: serviceIndexValues.period }).from(serviceIndexValues);
  return rows.map((r) => r.period).sort((a, b) => (a === "last30" ? -1 : b === "last30" ? 1 : b.localeCompare(a)));
}
