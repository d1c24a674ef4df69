import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { certificateTypes } from "../catalog/schema";
import { departments, users } from "../identity/schema";
import { certificates } from "./registry-schema";
import { consentBases, dataObjectionStatuses, grantStatuses } from "./model";

export const shareTypeEnum = pgEnum("share_type", ["unconditional", "conditional", "notShared"]);
export const openTypeEnum = pgEnum("open_type", ["open", "conditionalOpen", "notOpen"]);
export const updateFrequencyEnum = pgEnum("update_frequency", ["realtime", "daily", "weekly", "monthly", "quarterly", "yearly"]);

/** The data-sharing catalog (政务数据资源目录): what each department provides, and on what terms. */
export const dataResources = pgTable(
  "data_resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    providerDepartmentId: uuid("provider_department_id")
      .notNull()
      .references(() => departments.id),
    fields: jsonb("fields").$type<string[]>().notNull(),
    shareType: shareTypeEnum("share_type").notNull(),
    openType: openTypeEnum("open_type").notNull(),
    updateFrequency: updateFrequencyEnum("update_frequency").notNull(),
    lastUpdatedAt: timestamp("last_updated_at", { withTimezone: true }).notNull(),
    /** The law that lets the provider hold and share it. */
    legalBasis: text("legal_basis").notNull(),
    /** Set when the resource is a certificate type of the registry. */
    certificateTypeCode: text("certificate_type_code")
      .unique()
      .references(() => certificateTypes.code),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("data_resources_provider_idx").on(t.providerDepartmentId)],
);

export const grantStatusEnum = pgEnum("grant_status", grantStatuses);

/** Lets a consumer department read a resource for the named services (共享授权). */
export const grants = pgTable(
  "grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => dataResources.id),
    consumerDepartmentId: uuid("consumer_department_id")
      .notNull()
      .references(() => departments.id),
    serviceCodes: text("service_codes").array().notNull(),
    status: grantStatusEnum("status").notNull(),
    /** Why the consumer needs it, citing its legal basis. */
    purpose: text("purpose").notNull(),
    requestedBy: uuid("requested_by").references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    /**
     * The day (China) by which the provider must answer a conditional request
     * (`grantAnswerWorkingDays` working days after it was asked). Null where no answer is owed:
     * an unconditional grant, or one loaded from a province file.
     */
    answerDueOn: date("answer_due_on", { mode: "string" }),
    /** The day (China) the provider approved or rejected the request; a later revocation does not move it. */
    answeredOn: date("answered_on", { mode: "string" }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("grants_resource_consumer_key").on(t.resourceId, t.consumerDepartmentId),
    index("grants_status_idx").on(t.status),
    index("grants_answer_due_idx").on(t.answerDueOn),
  ],
);

/**
 * Lets a department of another region (a peer node, issue 14) read a resource through the
 * exchange for the named services of its own catalog: the grant model (`grantStatuses`) for a
 * consumer that is not a department of this node, named by region and department code.
 */
export const foreignGrants = pgTable(
  "foreign_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => dataResources.id),
    consumerRegion: text("consumer_region").notNull(),
    consumerDepartmentCode: text("consumer_department_code").notNull(),
    /** The consumer region's service codes (its catalog, not this node's). */
    serviceCodes: text("service_codes").array().notNull(),
    status: grantStatusEnum("status").notNull(),
    /** Why the consumer needs it, citing its legal basis. */
    purpose: text("purpose").notNull(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("foreign_grants_resource_consumer_key").on(t.resourceId, t.consumerRegion, t.consumerDepartmentCode)],
);

/**
 * Why a holder's data was read. `identityVerification`: a registration matched a name and ID
 * number against the population register; `legalRepresentativeCheck`: a person claiming an
 * enterprise (法人注册) was checked against the legal representative named on its licence.
 */
export const accessPurposeEnum = pgEnum("access_purpose", [
  "ownRecord",
  "prefill",
  "submission",
  "acceptance",
  "review",
  "publicVerification",
  "identityVerification",
  "legalRepresentativeCheck",
  "crossRegion",
  "objectionFiled",
  "objectionAnswered",
  "objectionCorrected",
]);
export const accessOutcomeEnum = pgEnum("access_outcome", ["allowed", "refused"]);

/** Every read of a holder's data through the gate, allowed or refused (数据访问日志). Append-only. */
export const dataAccessLog = pgTable(
  "data_access_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Null for an anonymous public verification. */
    readerUserId: uuid("reader_user_id").references(() => users.id),
    readerRole: text("reader_role"),
    readerDepartmentId: uuid("reader_department_id").references(() => departments.id),
    holderCode: text("holder_code").notNull(),
    resourceId: uuid("resource_id").references(() => dataResources.id),
    /** The certificate type read (kept even where no resource is catalogued). */
    certificateTypeCode: text("certificate_type_code"),
    applicationId: uuid("application_id"),
    purpose: accessPurposeEnum("purpose").notNull(),
    legalBasis: text("legal_basis"),
    outcome: accessOutcomeEnum("outcome").notNull(),
    /** Message key of the refusal reason. */
    refusalReason: text("refusal_reason"),
    recordCount: integer("record_count").notNull().default(0),
    /**
     * What was read, as a digest (reader, purpose, application, type, outcome, the certificates
     * and their status): the log records reads, not page views, so the same read again (a page
     * opened twice) writes no second row. Null for rows written before it, and for reads outside
     * the gate (identity checks, public verification).
     */
    readKey: text("read_key"),
    /**
     * A read across regions (issue 14, purpose `crossRegion`): the other node's region. On the
     * node that answered, the reader is that region's department (`peerDepartmentCode`, which is
     * not a department of this node); on the node that asked, the reader is its own department
     * and this names the region whose registry was read.
     */
    peerRegion: text("peer_region"),
    peerDepartmentCode: text("peer_department_code"),
  },
  (t) => [
    index("data_access_log_holder_idx").on(t.holderCode, t.at),
    index("data_access_log_resource_idx").on(t.resourceId, t.at),
    uniqueIndex("data_access_log_read_key").on(t.holderCode, t.readKey),
  ],
);

/** A holder's question about one read of their data, answered by the data office. */
export const accessQuestions = pgTable(
  "access_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    logId: uuid("log_id")
      .notNull()
      .references(() => dataAccessLog.id),
    holderCode: text("holder_code").notNull(),
    askedBy: uuid("asked_by")
      .notNull()
      .references(() => users.id),
    question: text("question").notNull(),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull().defaultNow(),
    answer: text("answer"),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [
    // One question per read; the answer is shown beside it.
    uniqueIndex("access_questions_log_key").on(t.logId),
    index("access_questions_holder_idx").on(t.holderCode, t.askedAt),
    index("access_questions_open_idx").on(t.answeredAt, t.askedAt),
  ],
);

export const sexEnum = pgEnum("sex", ["male", "female"]);

/**
 * Public security's population register (人口库), a data resource of the registry: who a resident
 * ID number belongs to. Registration matches name and ID number against it; public security
 * staff add people; the demo seeds it from a data file. Adding a person issues their resident ID
 * card into the registry, signed by public security.
 */
export const populationRecords = pgTable(
  "population_records",
  {
    idNumber: text("id_number").primaryKey(),
    name: text("name").notNull(),
    sex: sexEnum("sex").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    /** GB/T 2260 code of the household registration (户籍) division. */
    householdDivisionCode: text("household_division_code").notNull(),
    /** Null when loaded from the register's data file. */
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("population_records_recorded_at_idx").on(t.recordedAt)],
);

/**
 * Anonymous public verifications (证照核验) of a certificate, counted per day rather than one log
 * row each, so a verification page that anyone can open cannot flood the holder's data log.
 */
export const publicVerificationCounts = pgTable(
  "public_verification_counts",
  {
    certificateId: uuid("certificate_id")
      .notNull()
      .references(() => certificates.id),
    /** The day in China (YYYY-MM-DD). */
    day: date("day", { mode: "string" }).notNull(),
    holderCode: text("holder_code").notNull(),
    certificateTypeCode: text("certificate_type_code").notNull(),
    count: integer("count").notNull().default(0),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.certificateId, t.day] }), index("public_verification_counts_holder_idx").on(t.holderCode, t.day)],
);

export const dataObjectionStatusEnum = pgEnum("data_objection_status", dataObjectionStatuses);

/**
 * An objection to a field of a shared certificate (数据异议): who objected (the holder, or a using
 * department's reviewer), which field, what is wrong, and the issuing department's outcome — the
 * corrected certificate, or its answer — by the due day on the official calendar.
 */
export const dataObjections = pgTable(
  "data_objections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    certificateId: uuid("certificate_id")
      .notNull()
      .references(() => certificates.id),
    certificateNumber: text("certificate_number").notNull(),
    typeCode: text("type_code").notNull(),
    holderCode: text("holder_code").notNull(),
    /** The department that issued the certificate: it verifies and answers. */
    sourceDepartmentId: uuid("source_department_id")
      .notNull()
      .references(() => departments.id),
    fieldKey: text("field_key").notNull(),
    /** What the field says now, as filed. */
    currentValue: text("current_value").notNull(),
    /** What is wrong, in the objector's words. */
    claim: text("claim").notNull(),
    /** The value the objector says is right, where they know it. */
    proposedValue: text("proposed_value"),
    filedBy: uuid("filed_by")
      .notNull()
      .references(() => users.id),
    /** Null when the holder objected; the using department otherwise. */
    filedByDepartmentId: uuid("filed_by_department_id").references(() => departments.id),
    filedAt: timestamp("filed_at", { withTimezone: true }).notNull(),
    filedOn: date("filed_on", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    status: dataObjectionStatusEnum("status").notNull(),
    /** The department's answer: why the data stands, or what was corrected. */
    answer: text("answer"),
    correctedCertificateId: uuid("corrected_certificate_id").references(() => certificates.id),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredOn: date("answered_on", { mode: "string" }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("data_objections_holder_idx").on(t.holderCode, t.filedAt),
    index("data_objections_source_idx").on(t.sourceDepartmentId, t.status),
    index("data_objections_due_idx").on(t.status, t.dueOn),
    // One open objection per field of a certificate.
    uniqueIndex("data_objections_open_key")
      .on(t.certificateId, t.fieldKey)
      .where(sql`status = 'open'`),
  ],
);

export const consentBasisEnum = pgEnum("consent_basis", consentBases);

/**
 * The holder's consent to staff reading one certificate for one purpose (数据使用授权): the
 * application it serves, given on the form's consent step (or at the window, with its evidence),
 * withdrawable while it rests on consent (see `consentBases`). The gate refuses a staff read of a
 * certificate type whose consent for the application was withdrawn.
 */
export const dataConsents = pgTable(
  "data_consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    holderCode: text("holder_code").notNull(),
    certificateTypeCode: text("certificate_type_code").notNull(),
    /** The certificate consented to; null for a backfilled row whose certificate is unknown. */
    certificateId: uuid("certificate_id").references(() => certificates.id),
    /** The purpose: the application the read serves (its departments' acceptance and review). */
    applicationId: uuid("application_id").notNull(),
    basis: consentBasisEnum("basis").notNull(),
    givenAt: timestamp("given_at", { withTimezone: true }).notNull(),
    /** Who gave it: the holder's account, or the window keying in (then `evidenceKind`). */
    givenBy: uuid("given_by").references(() => users.id),
    /** The window's evidence of a walk-in applicant's consent (a signed form, or in person). */
    evidenceKind: text("evidence_kind", { enum: ["signedForm", "inPerson"] }),
    evidenceReference: text("evidence_reference"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnBy: uuid("withdrawn_by").references(() => users.id),
  },
  (t) => [
    index("data_consents_holder_idx").on(t.holderCode, t.givenAt),
    index("data_consents_certificate_idx").on(t.certificateId),
    uniqueIndex("data_consents_application_type_key").on(t.applicationId, t.certificateTypeCode),
  ],
);
