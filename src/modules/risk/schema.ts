import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { riskClasses, riskSignalRules, riskSignalStatuses, type RiskEvidence } from "./model";

export const riskClassEnum = pgEnum("risk_class", riskClasses);
export const riskSignalRuleEnum = pgEnum("risk_signal_rule", riskSignalRules);
/** The database enum is the machine's one list (model.ts): same values, same order. */
export const riskSignalStatusEnum = pgEnum("risk_signal_status", riskSignalStatuses);

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

/**
 * Risk signals (the big-data supervision model): what a rule found about an enterprise, with the
 * parameters of its explanation and its evidence. Recomputed daily and on demand: one row per
 * (rule, subject, key), kept when no longer found (`cleared`) and made active again when found
 * again. A signal decides nothing by itself.
 */
export const riskSignals = pgTable(
  "risk_signals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    rule: riskSignalRuleEnum("rule").notNull(),
    subjectCode: text("subject_code").notNull(),
    subjectName: text("subject_name").notNull(),
    /** Tells two signals of one rule and subject apart (the address, the linked entity…); never a person's ID number or anything derived from it. */
    key: text("key").notNull(),
    /** The explanation's message parameters. */
    params: jsonb("params").$type<Record<string, string | number>>().notNull(),
    /** The rows the rule saw, by id or number; a person only by a masked ID number. */
    evidence: jsonb("evidence").$type<RiskEvidence[]>().notNull(),
    status: riskSignalStatusEnum("status").notNull(),
    /** Compare-and-set counter. */
    version: integer("version").notNull().default(1),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
  },
  (t) => [unique("risk_signals_rule_subject_key").on(t.rule, t.subjectCode, t.key), index("risk_signals_subject_idx").on(t.subjectCode, t.status)],
);
