import { date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { unitKinds } from "./compute-inputs";
import type { IndicatorResult } from "./model";

export const indexUnitKindEnum = pgEnum("index_unit_kind", unitKinds);

/**
 * The service index as published: one row per unit, period and day it was computed (the daily
 * snapshot is the history). Keeps the inputs it was computed from and the methodology version, so
 * a published value can be recomputed by anyone; recomputing on the same day replaces that day's.
 */
export const serviceIndexValues = pgTable(
  "service_index_values",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitKind: indexUnitKindEnum("unit_kind").notNull(),
    unitCode: text("unit_code").notNull(),
    /** `YYYY-MM` or `last30`. */
    period: text("period").notNull(),
    computedOn: date("computed_on", { mode: "string" }).notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
    methodologyVersion: text("methodology_version").notNull(),
    cases: integer("cases").notNull(),
    inputs: jsonb("inputs").$type<Record<string, number>>().notNull(),
    indicators: jsonb("indicators").$type<IndicatorResult[]>().notNull(),
    composite: doublePrecision("composite"),
    band: text("band"),
    primaryShortfall: text("primary_shortfall"),
  },
  (t) => [
    unique("service_index_values_unit_period_day_key").on(t.unitKind, t.unitCode, t.period, t.computedOn),
    index("service_index_values_period_idx").on(t.period, t.unitKind, t.computedOn),
  ],
);
