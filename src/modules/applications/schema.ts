import { sql } from "drizzle-orm";
import {
  bigint,
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
import { entities, users } from "../identity/schema";

export const applicationStatusEnum = pgEnum("application_status", [
  "draft",
  "submitted",
  "inReview",
  "supplementRequired",
  "approved",
  "completed",
  "notAccepted",
  "denied",
  "withdrawn",
]);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** One step of an application's plan, copied from the catalog at submission. */
export interface PlanStep {
  key: string;
  serviceId: string;
  serviceCode: string;
  serviceNameZh: string;
  serviceNameEn: string;
  departmentId: string;
  needs: string[];
  promisedDays: number;
  statutoryDays: number;
  deemedApprovalOnTimeout: boolean;
  issuesCertificateType: string | null;
  stage: number;
}

export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Division code + date + sequence, assigned at submission (see tracking-number.ts). */
    trackingNumber: text("tracking_number"),
    /** The secret that lets anyone holding it follow the case at /track. */
    queryCode: text("query_code"),
    applicantUserId: uuid("applicant_user_id")
      .notNull()
      .references(() => users.id),
    applicantKind: applicantKindEnum("applicant_kind").notNull(),
    entityId: uuid("entity_id").references(() => entities.id),
    /** The enterprise this application registered (starting a business), once market regulation approved. */
    registeredEntityId: uuid("registered_entity_id").references(() => entities.id),
    /** Credit code or ID number of the applicant: whose certificates the application may use. */
    holderCode: text("holder_code").notNull(),
    applicantName: text("applicant_name").notNull(),
    serviceId: uuid("service_id").references(() => services.id),
    bundleId: uuid("bundle_id").references(() => bundles.id),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull(),
    status: applicationStatusEnum("status").notNull().default("draft"),
    /** Bumped by every transition: the compare-and-set token. */
    version: integer("version").notNull().default(1),
    idempotencyKey: text("idempotency_key"),
    formData: jsonb("form_data").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    plan: jsonb("plan").$type<PlanStep[]>().notNull(),
    divisionCode: text("division_code").notNull(),
    /** The applicant agreed that government-held certificates are used for this application. */
    consentedAt: timestamp("consented_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    refusalReason: text("refusal_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("applications_tracking_number_key").on(t.trackingNumber),
    uniqueIndex("applications_applicant_idempotency_key").on(t.applicantUserId, t.idempotencyKey),
    index("applications_applicant_user_id_idx").on(t.applicantUserId),
    index("applications_status_idx").on(t.status, t.submittedAt),
    index("applications_entity_id_idx").on(t.entityId),
    index("applications_service_id_idx").on(t.serviceId),
    index("applications_bundle_id_idx").on(t.bundleId),
  ],
);

/** Uploaded files, content in the database so an upload and its application commit together. */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerUserId: uuid("owner_user_id")
      .notNull()
      .references(() => users.id),
    fileName: text("file_name").notNull(),
    /** Sniffed from the content, never taken from the browser. */
    mediaType: text("media_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("uploads_owner_user_id_idx").on(t.ownerUserId)],
);

/** How each material of an application is supplied: an upload or a registry certificate. */
export const applicationMaterials = pgTable(
  "application_materials",
  {
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    materialKey: text("material_key").notNull(),
    uploadId: uuid("upload_id").references(() => uploads.id),
    certificateId: uuid("certificate_id"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.materialKey] }), index("application_materials_upload_id_idx").on(t.uploadId)],
);

export interface NoticeItem {
  /** The department that asks; null when the window asks at acceptance. */
  departmentId: string | null;
  taskId: string | null;
  /** Materials to supply again, by key, and what is wrong. */
  materialKeys: string[];
  text: string;
}

/** 一次性告知: every request for more material, merged into one notice to the applicant. */
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
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [index("supplement_notices_application_id_idx").on(t.applicationId)],
);

/** The last tracking-number sequence per division and day, bumped atomically. */
export const trackingSequences = pgTable(
  "tracking_sequences",
  {
    divisionCode: text("division_code").notNull(),
    day: text("day").notNull(),
    last: bigint("last", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.day] })],
);
