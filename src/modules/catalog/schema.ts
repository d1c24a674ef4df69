import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { departments, users } from "../identity/schema";
import {
  answerUnits,
  certificateIdentities,
  type AppliesWhen,
  type CertificateField,
  type MaterialCommitment,
  type ServiceCompetence,
  type SituationQuestion,
} from "./model";

export const applicantKindEnum = pgEnum("applicant_kind", ["enterprise", "citizen"]);
export const materialSourceEnum = pgEnum("material_source", ["formField", "upload", "certificate"]);
export const certificateIdentityEnum = pgEnum("certificate_identity", certificateIdentities);

/** Kinds of certificate government issues (business licence, resident ID card, permits…). */
export const certificateTypes = pgTable(
  "certificate_types",
  {
    code: text("code").primaryKey(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    issuerDepartmentId: uuid("issuer_department_id")
      .notNull()
      .references(() => departments.id),
    /**
     * The fields a certificate of this type carries, each with its names, type, source and whether
     * it is shared (see `CertificateField`): a certificate carries exactly these, signed.
     */
    fields: jsonb("fields")
      .$type<CertificateField[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Validity in years from issue; null: no expiry. */
    validityYears: integer("validity_years"),
    /** What a certificate of this type proves about its holder (see `certificateIdentities`); null for most types. */
    identifies: certificateIdentityEnum("identifies"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One type per kind; NULLs are distinct, so any number of types prove nothing in particular.
  (t) => [uniqueIndex("certificate_types_identifies_key").on(t.identifies)],
);

/** A catalogued service (政务服务事项) with its legal basis and time limits in working days. */
export const services = pgTable(
  "services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    legalBasis: text("legal_basis").notNull(),
    conditionsZh: text("conditions_zh").notNull(),
    conditionsEn: text("conditions_en").notNull(),
    /** 法定时限: the limit the law sets, in working days. */
    statutoryDays: integer("statutory_days").notNull(),
    /** 承诺时限: the limit the department promises, never more than the statutory one. */
    promisedDays: integer("promised_days").notNull(),
    feeFen: integer("fee_fen").notNull().default(0),
    /**
     * 补正期限: the working days an applicant has to answer a one-time notice for this service
     * (the province's rule; 10 unless the catalog says otherwise). After it the data office and the
     * asking departments are told; a later answer is still accepted, and marked late.
     */
    supplementDays: integer("supplement_days").notNull().default(10),
    issuesCertificateType: text("issues_certificate_type").references(() => certificateTypes.code),
    applicantKinds: applicantKindEnum("applicant_kinds").array().notNull(),
    /** Accepted without a clerk when every required material is complete. */
    autoAcceptance: boolean("auto_acceptance").notNull().default(false),
    /** 逾期视为同意: a missed due date counts as approval. Off unless a law provides for it. */
    deemedApprovalOnTimeout: boolean("deemed_approval_on_timeout").notNull().default(false),
    /**
     * Approval registers a new market entity (a credit code and its business licence): such a
     * service is applied for only through its own path (name declaration, start a business), so
     * the naming rules and the registration always run.
     */
    registersEntity: boolean("registers_entity").notNull().default(false),
    /**
     * 办理情形: the questions the guide and the form ask first (申请人类型, 经营场所…); each answer
     * decides which materials apply (`materials.appliesWhen`). Empty: every material applies.
     */
    situations: jsonb("situations")
      .$type<SituationQuestion[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /**
     * Other departments competent for the service besides its own (e.g. where a province lets a
     * planning department set signboards): a review task may be transferred (转办) to the service's
     * department or to one of these, never elsewhere.
     */
    otherDepartmentIds: uuid("other_department_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /**
     * 管辖层级: the level that decides it and by which division (see `ServiceCompetence`); at
     * acceptance each task goes to the competent city or county body of the department's
     * function. Null: the service's own department decides.
     */
    competence: jsonb("competence").$type<ServiceCompetence>(),
    published: boolean("published").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("services_department_id_idx").on(t.departmentId),
    check("services_promised_within_statutory", sql`${t.promisedDays} between 1 and ${t.statutoryDays}`),
    check("services_fee_not_negative", sql`${t.feeFen} >= 0`),
    check("services_supplement_days_positive", sql`${t.supplementDays} between 1 and 365`),
  ],
);

/**
 * What a service asks for. `key` names the piece of data across services: two services asking
 * for `businessAddress` get it once. A material without a legal basis is not allowed (奇葩证明).
 */
export const materials = pgTable(
  "materials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    key: text("key").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    legalBasis: text("legal_basis").notNull(),
    source: materialSourceEnum("source").notNull(),
    /** For `formField`: text, textarea, number, date, select; with options for select. */
    fieldType: text("field_type", { enum: ["text", "textarea", "number", "date", "select"] }),
    options: jsonb("options").$type<Array<{ value: string; labelZh: string; labelEn: string }>>(),
    /** For a `number` field: the unit its answers are in (square metres, 10,000 yuan…), shown with every answer. */
    unit: text("unit", { enum: answerUnits }),
    certificateType: text("certificate_type").references(() => certificateTypes.code),
    required: boolean("required").notNull().default(true),
    /** For conditional materials: when they are needed. */
    conditionZh: text("condition_zh"),
    conditionEn: text("condition_en"),
    /**
     * The situations this service asks the material in (question key → the answers it applies
     * to; every question named must hold). Null: always. The server derives what is required
     * from the applicant's stored answers, never from the form's list.
     */
    appliesWhen: jsonb("applies_when").$type<AppliesWhen>(),
    /**
     * 告知承诺: a commitment may replace this material — the notice the applicant accepts and the
     * verification rule (department, working days, method). Null: it must be supplied.
     */
    commitment: jsonb("commitment").$type<MaterialCommitment>(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    uniqueIndex("materials_service_key_key").on(t.serviceId, t.key),
    check("materials_legal_basis_present", sql`length(trim(${t.legalBasis})) > 0`),
    check("materials_commitment_not_form_field", sql`${t.commitment} is null or ${t.source} <> 'formField'`),
    check(
      "materials_source_consistent",
      sql`(${t.source} <> 'certificate' or ${t.certificateType} is not null) and (${t.source} <> 'formField' or ${t.fieldType} is not null)`,
    ),
  ],
);

/** 一件事: several services one life or business event needs, applied for once. */
export const bundles = pgTable(
  "bundles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionZh: text("description_zh").notNull(),
    descriptionEn: text("description_en").notNull(),
    leadDepartmentId: uuid("lead_department_id")
      .notNull()
      .references(() => departments.id),
    applicantKinds: applicantKindEnum("applicant_kinds").array().notNull(),
    /** A certificate the applicant must already hold, e.g. a business licence to open a restaurant. */
    requiresCertificateType: text("requires_certificate_type").references(() => certificateTypes.code),
    /**
     * Asks each stage's materials when that stage opens, not at submission (a construction
     * project's completion documents): the later stages' steps wait for them. Off: one form asks
     * everything (start a business, whose later steps need the answers at once).
     */
    stagedMaterials: boolean("staged_materials").notNull().default(false),
    published: boolean("published").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("bundles_lead_department_id_idx").on(t.leadDepartmentId)],
);

/**
 * One step of a bundle: a service handled by its department. `needs` lists the keys of steps
 * that must be approved first; the steps form a directed acyclic graph (不得互为前置).
 */
export const bundleSteps = pgTable(
  "bundle_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bundleId: uuid("bundle_id")
      .notNull()
      .references(() => bundles.id),
    key: text("key").notNull(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    needs: text("needs")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Display only: the stage a step belongs to (construction projects have four). */
    stage: integer("stage").notNull().default(1),
    sortOrder: integer("sort_order").notNull().default(0),
    /**
     * 多地联办: the region whose department decides this step on its own node, and that region's
     * service code; null for a step of this node. `serviceId` is then this node's catalog entry
     * describing the step (its name, time limits, and the lead department that follows it).
     */
    partnerRegion: text("partner_region"),
    partnerServiceCode: text("partner_service_code"),
  },
  (t) => [uniqueIndex("bundle_steps_bundle_key_key").on(t.bundleId, t.key), index("bundle_steps_service_id_idx").on(t.serviceId)],
);

/**
 * The catalog's versions: each change to what applying takes (an import that changed something,
 * the data office's edit of a service or of a bundle's steps) makes a new one. An application
 * records the version it was submitted under, beside the copy of its plan.
 */
export const catalogVersions = pgTable("catalog_versions", {
  version: integer("version").primaryKey(),
  /** What made it: one of the catalog's audit actions (`catalog.import`, `catalog.createService`, …). */
  reason: text("reason").notNull(),
  /** The service, bundle or file it concerns (a code, or the file's content hash). */
  subject: text("subject").notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
