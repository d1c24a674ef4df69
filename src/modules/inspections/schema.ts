import { boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { services } from "../catalog/schema";
import { creditRecords } from "../credit/schema";
import { departments, users } from "../identity/schema";
import { riskClassEnum } from "../risk/schema";
import type { RiskClass } from "../risk/model";
import { conflictReasons, inspectionOutcomes, planScopes, planStatuses } from "./model";

/** The database enums are the model's lists: same values, same order. */
export const inspectionPlanStatusEnum = pgEnum("inspection_plan_status", planStatuses);
export const inspectionPlanScopeEnum = pgEnum("inspection_plan_scope", planScopes);
export const inspectionOutcomeEnum = pgEnum("inspection_outcome", inspectionOutcomes);
export const inspectorConflictEnum = pgEnum("inspector_conflict", conflictReasons);

/**
 * An inspection plan (双随机抽查计划). Its seed, weights and candidates are fixed and public from
 * creation (`published`); the draw is a later action. Nothing about the seed is ever updated.
 */
export const inspectionPlans = pgTable(
  "inspection_plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    /** The inspecting department; its reviewers are the inspectors drawn. */
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    scope: inspectionPlanScopeEnum("scope").notNull(),
    /** For scope `service`: the enterprises licensed by (with an approved application of) this service. */
    serviceId: uuid("service_id").references(() => services.id),
    /** Only enterprises registered in this GB/T 2260 division (a city's or the province's code covers its counties); null: all. */
    divisionCode: text("division_code"),
    /** The class weights w of the key u^(1/w), as published. */
    weights: jsonb("weights").$type<Record<RiskClass, number>>().notNull(),
    /** How many entities are drawn (k). */
    sampleSize: integer("sample_size").notNull(),
    inspectorsPerEntity: integer("inspectors_per_entity").notNull(),
    periodFrom: date("period_from", { mode: "string" }).notNull(),
    periodUntil: date("period_until", { mode: "string" }).notNull(),
    /** 64 hex digits from the operating system's random source, published before the draw. */
    seed: text("seed").notNull(),
    candidateCount: integer("candidate_count").notNull(),
    status: inspectionPlanStatusEnum("status").notNull(),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    drawnBy: uuid("drawn_by").references(() => users.id),
    drawnAt: timestamp("drawn_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    /** Marks the demo's seeded plan. */
    demo: boolean("demo").notNull().default(false),
  },
  (t) => [
    index("inspection_plans_department_idx").on(t.departmentId, t.publishedAt),
    index("inspection_plans_service_idx").on(t.serviceId),
    index("inspection_plans_status_idx").on(t.status, t.publishedAt),
    index("inspection_plans_created_by_idx").on(t.createdBy),
    index("inspection_plans_drawn_by_idx").on(t.drawnBy),
  ],
);

/**
 * A plan's candidate entities as they were at publication (the draw reads only these): credit
 * code, name, risk class (`classAssumed`: none computed, drawn as B), weight. The draw fills `key`
 * and `rank`; `drawn` marks the k largest keys.
 */
export const inspectionCandidates = pgTable(
  "inspection_candidates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => inspectionPlans.id),
    entityCode: text("entity_code").notNull(),
    entityName: text("entity_name").notNull(),
    riskClass: riskClassEnum("risk_class").notNull(),
    classAssumed: boolean("class_assumed").notNull(),
    weight: integer("weight").notNull(),
    key: text("key"),
    rank: integer("rank"),
    drawn: boolean("drawn").notNull().default(false),
  },
  (t) => [unique("inspection_candidates_plan_entity_key").on(t.planId, t.entityCode), index("inspection_candidates_entity_idx").on(t.entityCode)],
);

/**
 * The inspector draw of one drawn entity: every inspector of the department at the draw, with
 * their key (weight 1) or the conflict that excluded them; `drawn` the ones assigned.
 */
export const inspectionInspectors = pgTable(
  "inspection_inspectors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => inspectionPlans.id),
    entityCode: text("entity_code").notNull(),
    inspectorId: uuid("inspector_id")
      .notNull()
      .references(() => users.id),
    inspectorName: text("inspector_name").notNull(),
    conflict: inspectorConflictEnum("conflict"),
    key: text("key"),
    rank: integer("rank"),
    drawn: boolean("drawn").notNull().default(false),
  },
  (t) => [
    unique("inspection_inspectors_plan_entity_inspector_key").on(t.planId, t.entityCode, t.inspectorId),
    index("inspection_inspectors_inspector_idx").on(t.inspectorId, t.drawn),
    index("inspection_inspectors_entity_idx").on(t.entityCode, t.drawn),
  ],
);

/** The result of inspecting one drawn entity, recorded once by one of its drawn inspectors; it makes a credit record. */
export const inspectionResults = pgTable(
  "inspection_results",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => inspectionPlans.id),
    entityCode: text("entity_code").notNull(),
    outcome: inspectionOutcomeEnum("outcome").notNull(),
    findings: text("findings").notNull(),
    inspectedOn: date("inspected_on", { mode: "string" }).notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    creditRecordId: uuid("credit_record_id")
      .notNull()
      .references(() => creditRecords.id),
  },
  (t) => [
    unique("inspection_results_plan_entity_key").on(t.planId, t.entityCode),
    index("inspection_results_recorded_by_idx").on(t.recordedBy),
    index("inspection_results_credit_record_idx").on(t.creditRecordId),
  ],
);
