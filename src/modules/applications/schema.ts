import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { applicantKindEnum, bundles, services } from "../catalog/schema";
import { citizens, entities, users, windowKeyIns } from "../identity/schema";
import {
  applicationStatuses,
  foreignSupplyOutcomes,
  forwardingStatuses,
  jointPartSides,
  jointPartStatuses,
  noticeItemKinds,
  type NoticeItemKind,
} from "./model";

/** The database enum is the machine's one list (model.ts): same values, same order. */
export const applicationStatusEnum = pgEnum("application_status", applicationStatuses);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

// The plan step is the catalog's (catalog/plan.ts); the application keeps a copy of its plan.
import type { PlanForm, PlanStep } from "../catalog/plan";
export type { PlanStep };

/**
 * How the person who filed an application stood to its applicant: themself, the enterprise's
 * legal representative, a mandate holder, a person's agent (帮办代办), or a window clerk keying it
 * in for a walk-in applicant.
 */
export const filedAsEnum = pgEnum("filed_as", ["self", "legalRepresentative", "mandate", "personalAgent", "window"]);

export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Division code + date + sequence, assigned at submission (see tracking-number.ts). */
    trackingNumber: text("tracking_number"),
    /** The secret that lets anyone holding it follow the case at /track. */
    queryCode: text("query_code"),
    /**
     * The account that filed it. The application belongs to its applicant (the enterprise or the
     * person, see `principalId`), not to this account: who may see and act on it is decided by
     * the applicant's current mandates.
     */
    filedByUserId: uuid("filed_by_user_id")
      .notNull()
      .references(() => users.id),
    filedAs: filedAsEnum("filed_as").notNull().default("self"),
    /** The mandate the filer acted under (legal representatives and people themselves need none). */
    mandateId: uuid("mandate_id"),
    /** The window's key-in record (who keyed it, for whom, the consent evidence). */
    windowKeyInId: uuid("window_key_in_id").references(() => windowKeyIns.id),
    applicantKind: applicantKindEnum("applicant_kind").notNull(),
    entityId: uuid("entity_id").references(() => entities.id),
    /** The person applying (a citizen's application). */
    personId: uuid("person_id").references(() => citizens.id),
    /** The applicant: the enterprise or the person, whichever it is. Drafts and idempotency keys are per applicant. */
    principalId: uuid("principal_id").generatedAlwaysAs(sql`coalesce(entity_id, person_id)`),
    /**
     * The catalog's version when it was submitted (catalog/catalog-version.ts); null for drafts and
     * for applications submitted before versions were kept. The plan copied beside it is what the
     * application is held to.
     */
    catalogVersion: integer("catalog_version"),
    /** The enterprise this application registered (starting a business), once market regulation approved. */
    registeredEntityId: uuid("registered_entity_id").references(() => entities.id),
    /** Credit code or ID number of the applicant: whose certificates the application may use. */
    holderCode: text("holder_code").notNull(),
    applicantName: text("applicant_name").notNull(),
    /** `name_tokens(applicant_name)` (migration 0043): the search by a part of the name, by index. */
    applicantNameTokens: text("applicant_name_tokens")
      .array()
      .notNull()
      .generatedAlwaysAs(sql`name_tokens(applicant_name)`),
    serviceId: uuid("service_id").references(() => services.id),
    bundleId: uuid("bundle_id").references(() => bundles.id),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull(),
    status: applicationStatusEnum("status").notNull().default("draft"),
    /** Bumped by every transition: the compare-and-set token. */
    version: integer("version").notNull().default(1),
    idempotencyKey: text("idempotency_key"),
    formData: jsonb("form_data")
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    plan: jsonb("plan").$type<PlanStep[]>().notNull(),
    /**
     * The form the application was submitted under (its materials and situation questions, as the
     * catalog said then): what it is held to, whatever the catalog says later. Null for drafts and
     * for applications submitted before it was kept (they read the current catalog).
     */
    planForm: jsonb("plan_form").$type<PlanForm>(),
    /**
     * The applicant's answers to the situation questions (办理情形: question key → option value),
     * from which the server derives the materials that apply, at submission and at every stage.
     */
    situations: jsonb("situations")
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    divisionCode: text("division_code").notNull(),
    /** The applicant agreed that government-held certificates are used for this application. */
    consentedAt: timestamp("consented_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /**
     * The window's deadline to accept, refuse or ask for completion: the end of the 5th working
     * day after receipt on the official calendar (art. 32), computed at submission; null before
     * submission and for applications submitted before it was kept.
     */
    acceptanceDueAt: timestamp("acceptance_due_at", { withTimezone: true }),
    /** Whether `acceptanceDueAt` rests on a provisional calendar year. */
    acceptanceDueProvisional: boolean("acceptance_due_provisional").notNull().default(false),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    refusalReason: text("refusal_reason"),
    /** The last time a department sent the case back to the window (退回窗口), and why; kept after it is accepted again. */
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    returnReason: text("return_reason"),
    /**
     * Generated demo history (`npm run demo:history`, src/root/seed/demo-history.ts), not a real
     * case: pages and open data that count cases say so when any exists (`hasDemoHistory`).
     */
    demo: boolean("demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // "Is there demo history?" on every public page: a tiny partial index.
    index("applications_demo_idx")
      .on(t.demo)
      .where(sql`${t.demo}`),
    uniqueIndex("applications_tracking_number_key").on(t.trackingNumber),
    uniqueIndex("applications_principal_idempotency_key").on(t.principalId, t.idempotencyKey),
    index("applications_filed_by_user_id_idx").on(t.filedByUserId),
    index("applications_principal_id_idx").on(t.principalId, t.updatedAt),
    index("applications_person_id_idx").on(t.personId),
    check("applications_one_applicant", sql`(${t.entityId} is not null) <> (${t.personId} is not null)`),
    index("applications_status_idx").on(t.status, t.submittedAt),
    index("applications_entity_id_idx").on(t.entityId),
    index("applications_service_id_idx").on(t.serviceId),
    index("applications_bundle_id_idx").on(t.bundleId),
    // The reviewers' and the window's search by the applicant's code (credit code or ID number).
    index("applications_holder_code_idx").on(t.holderCode),
    // …and by a part of the applicant's name (`searchCondition`).
    index("applications_applicant_name_tokens_idx").using("gin", t.applicantNameTokens),
    // The window's processed cases: those it accepted, newest first.
    index("applications_accepted_by_idx").on(t.acceptedBy, t.acceptedAt),
    // …in the order the list shows them (bench:queries at scale): the page walks this index and
    // stops after a page instead of sorting every case.
    index("applications_processed_order_idx").on(sql`(coalesce(${t.acceptedAt}, ${t.decidedAt}, ${t.submittedAt})) desc`, sql`${t.id} desc`),
  ],
);

/** Uploaded files, content in the database so an upload and its application commit together. */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Who uploaded it. */
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id),
    /** Whose file it is: the enterprise or the person it was uploaded for; only their applications may use it. */
    principalId: uuid("principal_id").notNull(),
    fileName: text("file_name").notNull(),
    /** Sniffed from the content, never taken from the browser. */
    mediaType: text("media_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("uploads_owner_user_id_idx").on(t.ownerUserId), index("uploads_principal_id_idx").on(t.principalId)],
);

/** How each material of an application is supplied: an upload, a registry certificate, or a commitment instead (告知承诺). */
export const applicationMaterials = pgTable(
  "application_materials",
  {
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    materialKey: text("material_key").notNull(),
    uploadId: uuid("upload_id").references(() => uploads.id),
    certificateId: uuid("certificate_id"),
    /**
     * 告知承诺: the applicant accepted the catalog's notice (kept in the application's plan) instead
     * of supplying the material; checked after approval by the rule's department (commitments).
     */
    committedAt: timestamp("committed_at", { withTimezone: true }),
    /** 全程网办: supplied by a certificate another region's node answered (`foreign_supplies`). */
    foreignSupplyId: uuid("foreign_supply_id").references(() => foreignSupplies.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.materialKey] }),
    index("application_materials_upload_id_idx").on(t.uploadId),
    index("application_materials_foreign_supply_id_idx").on(t.foreignSupplyId),
  ],
);

/** The database enum is the model's list (model.ts `foreignSupplyOutcomes`). */
export const foreignSupplyOutcomeEnum = pgEnum("foreign_supply_outcome", foreignSupplyOutcomes);

/**
 * 全程网办 (issue 14): the last time this node asked another region's node for a certificate
 * material of an application whose applicant belongs to that region, and what came of it. One row
 * per (application, material), replaced by a later attempt. `supplied`: the certificate as the
 * peer sent it (`certificate`, every signed field, its issuer's signature and key), with the check
 * of that signature; `notHeld`, `refused`, `down`: the material had to be uploaded instead, and
 * staff see it as a copy not verified, with `reason` (a refusal code or a down reason of
 * exchange/model.ts). Written outside the submission's transaction, so an attempt stays on record
 * even when the submission then fails: the peer did read.
 */
export const foreignSupplies = pgTable(
  "foreign_supplies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    materialKey: text("material_key").notNull(),
    /** The region whose node was asked (`src/lib/regions.ts`). */
    peerRegion: text("peer_region").notNull(),
    /** The certificate type asked for, in the peer region's catalog (the recognition matrix's foreign type). */
    typeCode: text("type_code").notNull(),
    outcome: foreignSupplyOutcomeEnum("outcome").notNull(),
    reason: text("reason"),
    certificateNumber: text("certificate_number"),
    issuerDepartmentCode: text("issuer_department_code"),
    issuerNameZh: text("issuer_name_zh"),
    issuerNameEn: text("issuer_name_en"),
    issuedOn: text("issued_on"),
    validUntil: text("valid_until"),
    /** The issuing department's signature verified inside its key's window when received. */
    signatureValid: boolean("signature_valid").notNull().default(false),
    /** The certificate as received, signed fields, signature and issuer key included. */
    certificate: jsonb("certificate").$type<Record<string, unknown>>(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("foreign_supplies_material_key").on(t.applicationId, t.materialKey)],
);

export { noticeItemKinds, type NoticeItemKind };

/**
 * One item of a one-time notice (补正告知书). Items are kept in the notice in the order they were
 * asked and never change once the notice is issued; an answer names its item by that position.
 * Stored as JSON in `supplement_notices.items`, `review_tasks.supplement_items` and
 * `decisions.items` (migration 0012 gave older items their kind and a null legal basis).
 */
export interface NoticeItem {
  kind: NoticeItemKind;
  /** The department that asks; null when the window asks at acceptance. */
  departmentId: string | null;
  /** The asking department's review task; null at acceptance. */
  taskId: string | null;
  /** `material` items: the catalog materials to supply again, by key (at least one). Empty otherwise. */
  materialKeys: string[];
  /** What is wrong or what is asked, in the asker's words (shown to the applicant as written). */
  text: string;
  /**
   * The law or regulation the request rests on: as the asker gave it, or for a `material` item
   * without one, the catalog materials' own legal basis. Null when none applies.
   */
  legalBasis: string | null;
}

/**
 * 一次性告知: every request for more material, merged into one notice to the applicant. Issued at
 * acceptance by the window, or in review when the last running department has spoken (fan-in).
 */
export const supplementNotices = pgTable(
  "supplement_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    stage: text("stage", { enum: ["acceptance", "review"] }).notNull(),
    items: jsonb("items").$type<NoticeItem[]>().notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    /**
     * 补正期限 in working days, from the catalog (the longest `supplementDays` of the services asked
     * about), and the end of its last day on the official calendar. Null for notices issued before
     * deadlines were kept.
     */
    dueDays: integer("due_days"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    /** When the data office and the asking departments were told the deadline passed (once). */
    overdueNotifiedAt: timestamp("overdue_notified_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    completedBy: uuid("completed_by").references(() => users.id),
    /** Answered after `dueAt`: accepted all the same, and marked. */
    answeredLate: boolean("answered_late").notNull().default(false),
  },
  (t) => [
    index("supplement_notices_application_id_idx").on(t.applicationId),
    index("supplement_notices_completed_by_idx").on(t.completedBy),
    // The window's processed list asks which cases it returned for completion: a small index of those notices.
    index("supplement_notices_acceptance_idx")
      .on(t.applicationId)
      .where(sql`${t.stage} = 'acceptance'`),
    // The deadline job looks for open notices past their due date that nobody was told about.
    index("supplement_notices_overdue_idx")
      .on(t.dueAt)
      .where(sql`${t.completedAt} is null and ${t.overdueNotifiedAt} is null`),
  ],
);

/**
 * The applicant's answer to one `document` or `question` item of a notice: the upload or the text.
 * (`material` items are answered into `application_materials` and the form, like the application.)
 */
export const supplementAnswers = pgTable(
  "supplement_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    noticeId: uuid("notice_id")
      .notNull()
      .references(() => supplementNotices.id),
    /** The item's position in the notice's `items`. */
    itemIndex: integer("item_index").notNull(),
    uploadId: uuid("upload_id").references(() => uploads.id),
    text: text("text"),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("supplement_answers_notice_item_key").on(t.noticeId, t.itemIndex),
    index("supplement_answers_upload_id_idx").on(t.uploadId),
    check("supplement_answers_one_kind", sql`(${t.uploadId} is not null) <> (${t.text} is not null)`),
  ],
);

/** The last tracking-number sequence per division and day, bumped atomically. */
export const trackingSequences = pgTable(
  "tracking_sequences",
  { divisionCode: text("division_code").notNull(), day: text("day").notNull(), last: bigint("last", { mode: "number" }).notNull() },
  (t) => [primaryKey({ columns: [t.divisionCode, t.day] })],
);

export const jointPartSideEnum = pgEnum("joint_part_side", jointPartSides);
export const jointPartStatusEnum = pgEnum("joint_part_status", jointPartStatuses);

/**
 * 多地联办: a step of a bundle that a department of another region decides on its own node. On the
 * lead node `applicationId` is the applicant's application and `taskId` the step's remote task
 * (moved by the partner's updates); on the partner node `applicationId` is the application this
 * node opened for its part, whose tasks are in the competent department's queue. Both sides name
 * the part by the lead's region, tracking number and step key.
 */
export const jointParts = pgTable(
  "joint_parts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    side: jointPartSideEnum("side").notNull(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    taskId: uuid("task_id"),
    /** The other node's region: the partner's on the lead side, the lead's on the partner side. */
    peerRegion: text("peer_region").notNull(),
    leadRegion: text("lead_region").notNull(),
    partnerRegion: text("partner_region").notNull(),
    leadApplicationRef: text("lead_application_ref").notNull(),
    stepKey: text("step_key").notNull(),
    partnerServiceCode: text("partner_service_code").notNull(),
    status: jointPartStatusEnum("status").notNull(),
    /** The partner's tracking number for the part, once it acknowledged opening it. */
    partnerReference: text("partner_reference"),
    /** Why the partner refused to open it (an exchange refusal code). */
    refusalCode: text("refusal_code"),
    /** Certificates the partner issued for the part: number, type, issuer and its signature, as reported. */
    certificates: jsonb("certificates")
      .$type<Array<{ number: string; typeCode: string; issuerDepartmentCode: string; signature: string; signedAt: string }>>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("joint_parts_part_key").on(t.side, t.leadRegion, t.leadApplicationRef, t.stepKey),
    index("joint_parts_application_idx").on(t.applicationId),
    index("joint_parts_task_idx").on(t.taskId),
  ],
);

export const forwardingStatusEnum = pgEnum("forwarding_status", forwardingStatuses);

/**
 * 异地代收代办, the accepting node's side: an application this node's window accepted on behalf of
 * another region (`toRegion`) for one of its services, with the window's check of the applicant
 * and the materials. The outbox: a `waiting` row is delivered by the `forwardings.deliver` job
 * until the competent node answers (idempotent there by this row's id). Once accepted, the
 * competent node's status updates land in the `remote*` columns (facts reported by that node).
 */
export const forwardings = pgTable(
  "forwardings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toRegion: text("to_region").notNull(),
    /** The competent region's service code and names (from the forwarding opening). */
    serviceCode: text("service_code").notNull(),
    serviceNameZh: text("service_name_zh").notNull(),
    serviceNameEn: text("service_name_en").notNull(),
    clerkUserId: uuid("clerk_user_id")
      .notNull()
      .references(() => users.id),
    applicantKind: applicantKindEnum("applicant_kind").notNull(),
    holderCode: text("holder_code").notNull(),
    applicantName: text("applicant_name").notNull(),
    situations: jsonb("situations").$type<Record<string, string>>().notNull(),
    formData: jsonb("form_data").$type<Record<string, string>>().notNull(),
    status: forwardingStatusEnum("status").notNull(),
    version: integer("version").notNull().default(1),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** Failed deliveries (the peer down or too slow), and when the outbox tries again. */
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    lastError: text("last_error"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** Why the competent node returned it (message keys and fields) or the refusal code. */
    reasons: jsonb("reasons").$type<Array<{ code: string; field: string | null }>>(),
    remoteTrackingNumber: text("remote_tracking_number"),
    remoteStatus: text("remote_status"),
    /** The competent node's application version of the last update applied (older updates change nothing). */
    remoteSequence: integer("remote_sequence").notNull().default(0),
    remoteCertificateNumbers: text("remote_certificate_numbers").array(),
    remoteUpdatedAt: timestamp("remote_updated_at", { withTimezone: true }),
  },
  (t) => [
    index("forwardings_due_idx").on(t.status, t.nextAttemptAt),
    index("forwardings_clerk_idx").on(t.clerkUserId, t.createdAt),
    index("forwardings_holder_idx").on(t.holderCode),
  ],
);

/** A forwarded material's file as the window received it, with its SHA-256 (sent with the forwarding). */
export const forwardingFiles = pgTable(
  "forwarding_files",
  {
    forwardingId: uuid("forwarding_id")
      .notNull()
      .references(() => forwardings.id),
    materialKey: text("material_key").notNull(),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
  },
  (t) => [primaryKey({ columns: [t.forwardingId, t.materialKey] })],
);

/**
 * 异地代收代办, the competent node's side: an application that another region's window accepted on
 * this node's behalf and forwarded. One per (region, forwarding id): a repeated delivery finds it
 * and answers with the same tracking number. `sentSequence` is the application version whose
 * status the accepting node has acknowledged; the `forwardings.report` job sends newer ones.
 */
export const forwardedApplications = pgTable(
  "forwarded_applications",
  {
    fromRegion: text("from_region").notNull(),
    forwardingId: uuid("forwarding_id").notNull(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    windowNameZh: text("window_name_zh").notNull(),
    windowNameEn: text("window_name_en").notNull(),
    clerk: text("clerk").notNull(),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    sentSequence: integer("sent_sequence").notNull().default(0),
    reportAttempts: integer("report_attempts").notNull().default(0),
    nextReportAt: timestamp("next_report_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.fromRegion, t.forwardingId] }), uniqueIndex("forwarded_applications_application_key").on(t.applicationId)],
);
