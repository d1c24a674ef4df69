import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { riskClasses } from "./model";

export const riskClassEnum = pgEnum("risk_class", riskClasses);

/** One contributing factor of a class, as shown to staff: what, how many points, and the evidence. */
export type RiskFactor = { factor: string; points: number; detail: string; evidence: string[] };

/**
 * An enterprise's credit risk class for one calendar month (China time), written by the monthly
 * job. One row per enterprise and month; the newest month is its current class.
 */
export const riskAssessments = pgTable(
  "risk_assessments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The enterprise's unified social credit code. */
    subjectCode: text("subject_code").notNull(),
    subjectName: text("subject_name").notNull(),
    /** YYYY-MM, the month the class holds for. */
    month: text("month").notNull(),
    riskClass: riskClassEnum("risk_class").notNull(),
    score: integer("score").notNull(),
    factors: jsonb("factors").$type<RiskFactor[]>().notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("risk_assessments_subject_month_key").on(t.subjectCode, t.month), index("risk_assessments_month_idx").on(t.month, t.riskClass)],
);
