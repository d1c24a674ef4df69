import { and, desc, eq, like } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Db } from "@/server/db/client";
import { services } from "../catalog/schema";
import { divisions } from "../divisions/schema";
import { departments } from "../identity/schema";
import type { UnitRef } from "./inputs";
import type { IndicatorResult } from "./model";
import { serviceIndexValues } from "./schema";

/** At most this many calendar months and daily snapshots in a history. */
export const historyBounds = { months: 24, days: 90 } as const;

/** One published value in a unit's history. */
export interface HistoryPoint {
  /** `YYYY-MM`, or `last30` for a daily snapshot of the last 30 days. */
  period: string;
  computedOn: string;
  methodologyVersion: string;
  cases: number;
  inputs: Record<string, number>;
  indicators: IndicatorResult[];
  /** Null when 数据不足: a gap in the history, never 0. */
  composite: number | null;
  band: string | null;
  primaryShortfall: string | null;
}

export interface IndexHistory {
  kind: UnitRef["kind"];
  code: string;
  nameZh: string;
  nameEn: string;
  /** Every published month, oldest first, each as its latest snapshot (at most 24, the newest). */
  months: HistoryPoint[];
  /** The last-30-days value of each daily snapshot, oldest first (at most 90, the newest). */
  days: HistoryPoint[];
}

/** The unit's name, or null when no department, service or division has that code. */
async function unitName(db: Db, { kind, code }: UnitRef): Promise<{ nameZh: string; nameEn: string } | null> {
  const [row] =
    kind === "department"
      ? await db.select({ nameZh: departments.nameZh, nameEn: departments.nameEn }).from(departments).where(eq(departments.code, code))
      : kind === "service"
        ? await db.select({ nameZh: services.nameZh, nameEn: services.nameEn }).from(services).where(eq(services.code, code))
        : await db.select({ nameZh: divisions.nameZh, nameEn: divisions.nameEn }).from(divisions).where(eq(divisions.code, code));
  return row ? { nameZh: row.nameZh, nameEn: row.nameEn ?? row.nameZh } : null;
}

/**
 * A unit's published history, for its page and the open history: each calendar month's latest
 * snapshot, and the last-30-days value of every daily snapshot; one query, bounded (24 months,
 * 90 days). `unknownUnit` when no department, service or city has the code (a unit that exists
 * but was never computed has an empty history).
 */
export async function readIndexHistory(db: Db, unit: UnitRef): Promise<IndexHistory | "unknownUnit"> {
  const name = await unitName(db, unit);
  if (!name) return "unknownUnit";
  const v = serviceIndexValues;
  const columns = {
    period: v.period,
    computedOn: v.computedOn,
    methodologyVersion: v.methodologyVersion,
    cases: v.cases,
    inputs: v.inputs,
    indicators: v.indicators,
    composite: v.composite,
    band: v.band,
    primaryShortfall: v.primaryShortfall,
  };
  const mine = and(eq(v.unitKind, unit.kind), eq(v.unitCode, unit.code));
  // Served by the unique index on (unit_kind, unit_code, period, computed_on).
  const months = db
    .selectDistinctOn([v.period], columns)
    .from(v)
    .where(and(mine, like(v.period, "____-__")))
    .orderBy(desc(v.period), desc(v.computedOn))
    .limit(historyBounds.months);
  const days = db
    .select(columns)
    .from(v)
    .where(and(mine, eq(v.period, "last30")))
    .orderBy(desc(v.computedOn))
    .limit(historyBounds.days);
  const rows: HistoryPoint[] = await unionAll(months, days);
  return {
    kind: unit.kind,
    code: unit.code,
    ...name,
    months: rows.filter((r) => r.period !== "last30").sort((a, b) => a.period.localeCompare(b.period)),
    days: rows.filter((r) => r.period === "last30").sort((a, b) => a.computedOn.localeCompare(b.computedOn)),
  };
}
