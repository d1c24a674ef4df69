import { date, index, integer, pgEnum, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { applications } from "../applications/schema";
import { departments, users } from "../identity/schema";
import { creditRecordKinds, creditRecordStatuses, creditSubjectKinds, objectionStatuses, penaltySeverities, repairStatuses } from "./model";

export const creditRecordKindEnum = pgEnum("credit_record_kind", creditRecordKinds);
export const creditSubjectKindEnum = pgEnum("credit_subject_kind", creditSubjectKinds);
export const penaltySeverityEnum = pgEnum("penalty_severity", penaltySeverities);
/** The database enums are the machines' one lists (model.ts): same values, same order. */
export const creditRecordStatusEnum = pgEnum("credit_record_status", creditRecordStatuses);
export const creditObjectionStatusEnum = pgEnum("credit_objection_status", objectionStatuses);
export const creditRepairStatusEnum = pgEnum("credit_repair_status", repairStatuses);

/**
 * Credit records (信用记录), versioned: a correction after an objection is a new row (`recordVersion`
 * + 1, `previousId` the row it replaces, the same `lineageId`), and the old row is kept with status
 * `corrected`. Nothing is deleted; publication is a window of days (`publishedFrom`..`publishedUntil`).
 */
export const creditRecords = pgTable(
  "credit_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The first version's id, shared by every version of the record. */
    lineageId: uuid("lineage_id").notNull(),
    recordVersion: integer("record_version").notNull().default(1),
    previousId: uuid("previous_id").references((): AnyPgColumn => creditRecords.id),
    kind: creditRecordKindEnum("kind").notNull(),
    subjectKind: creditSubjectKindEnum("subject_kind").notNull(),
    /** The credit code of an enterprise, or the ID number of a person (never shown publicly). */
    subjectCode: text("subject_code").notNull(),
    subjectName: text("subject_name").notNull(),
    /** The source department (认定部门), which answers objections and decides repairs. */
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    title: text("title").notNull(),
    content: text("content").notNull(),
    /** The decision's document number (处罚决定书文号, licence number…), if any. */
    documentNumber: text("document_number"),
    legalBasis: text("legal_basis").notNull(),
    severity: penaltySeverityEnum("severity"),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }),
    /** Null: never published (a person's record). */
    publishedFrom: date("published_from", { mode: "string" }),
    /** Null with `publishedFrom` set: published without end. Shortened by a granted repair. */
    publishedUntil: date("published_until", { mode: "string" }),
    status: creditRecordStatusEnum("status").notNull(),
    /** Compare-and-set counter of the row (not the record's version). */
    version: integer("version").notNull().default(1),
    /** Who writes it automatically and once (`licence:<number>`, …); null for a department's entry. */
    sourceKey: text("source_key").unique(),
    sourceApplicationId: uuid("source_application_id").references(() => applications.id),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    /** Set when the row was replaced by a correction or ended by a repair. */
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("credit_records_subject_idx").on(t.subjectCode, t.decidedOn),
    index("credit_records_department_idx").on(t.departmentId, t.recordedAt),
    index("credit_records_lineage_idx").on(t.lineageId, t.recordVersion),
    index("credit_records_previous_idx").on(t.previousId),
    index("credit_records_application_idx").on(t.sourceApplicationId),
    index("credit_records_recorded_by_idx").on(t.recordedBy),
  ],
);

/** An objection (异议) to one version of a record, answered by its source department within 5 working days. */
export const creditObjections = pgTable(
  "credit_objections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recordId: uuid("record_id")
      .notNull()
      .references(() => creditRecords.id),
    lineageId: uuid("lineage_id").notNull(),
    subjectCode: text("subject_code").notNull(),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    status: creditObjectionStatusEnum("status").notNull(),
    version: integer("version").notNull().default(1),
    reason: text("reason").notNull(),
    filedBy: uuid("filed_by")
      .notNull()
      .references(() => users.id),
    filedAt: timestamp("filed_at", { withTimezone: true }).notNull(),
    filedOn: date("filed_on", { mode: "string" }).notNull(),
    /** The last day to answer: filing day + 5 working days on the official calendar. */
    dueOn: date("due_on", { mode: "string" }).notNull(),
    answer: text("answer"),
    /** The version written by a correction. */
    correctedRecordId: uuid("corrected_record_id").references(() => creditRecords.id),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredOn: date("answered_on", { mode: "string" }),
  },
  (t) => [
    index("credit_objections_record_idx").on(t.recordId),
    index("credit_objections_subject_idx").on(t.subjectCode, t.filedAt),
    index("credit_objections_department_idx").on(t.departmentId, t.status, t.dueOn),
    index("credit_objections_corrected_idx").on(t.correctedRecordId),
    index("credit_objections_filed_by_idx").on(t.filedBy),
    index("credit_objections_answered_by_idx").on(t.answeredBy),
  ],
);

/** An application for credit repair (信用修复) of a record, decided by its source department. */
export const creditRepairs = pgTable(
  "credit_repairs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recordId: uuid("record_id")
      .notNull()
      .references(() => creditRecords.id),
    subjectCode: text("subject_code").notNull(),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    status: creditRepairStatusEnum("status").notNull(),
    version: integer("version").notNull().default(1),
    /** What the subject did to correct the behaviour (履行义务、纠正失信行为). */
    reason: text("reason").notNull(),
    appliedBy: uuid("applied_by")
      .notNull()
      .references(() => users.id),
    appliedAt: timestamp("applied_at", { withTimezone: true }).notNull(),
    appliedOn: date("applied_on", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    decisionReason: text("decision_reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedOn: date("decided_on", { mode: "string" }),
  },
  (t) => [
    index("credit_repairs_record_idx").on(t.recordId),
    index("credit_repairs_subject_idx").on(t.subjectCode, t.appliedAt),
    index("credit_repairs_department_idx").on(t.departmentId, t.status, t.dueOn),
    index("credit_repairs_applied_by_idx").on(t.appliedBy),
    index("credit_repairs_decided_by_idx").on(t.decidedBy),
  ],
);
