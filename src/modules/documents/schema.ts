import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { applications, supplementNotices } from "../applications/schema";
import { departments } from "../identity/schema";
import { documentKinds, type DocumentContent } from "./model";

export const documentKindEnum = pgEnum("document_kind", documentKinds);

/**
 * The documents with legal weight a case produced (受理通知书, 补正告知书, 决定书, 办结通知): each
 * written in the transaction of the event that caused it, numbered per department, signed by the
 * issuing department's key like a certificate, and kept (never updated or deleted).
 */
export const caseDocuments = pgTable(
  "case_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The document number (文号), see documentNumber in model.ts. */
    number: text("number").notNull(),
    kind: documentKindEnum("kind").notNull(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    issuerDepartmentId: uuid("issuer_department_id")
      .notNull()
      .references(() => departments.id),
    /** The 补正 notice a 补正告知书 renders; null for every other kind. */
    supplementNoticeId: uuid("supplement_notice_id").references(() => supplementNotices.id),
    /** The extension a 延期办理告知书 announces (a task_extensions row); null for every other kind. */
    taskExtensionId: uuid("task_extension_id"),
    content: jsonb("content").$type<DocumentContent>().notNull(),
    /** Ed25519 over documentPayload(...) (see sharing/signing.ts documentSignedBytes), base64. */
    signature: text("signature").notNull(),
    /** The department key that signed (a department_keys row; no foreign key: the registry's tables stay behind the gate). */
    signingKeyId: uuid("signing_key_id").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("case_documents_number_key").on(t.number),
    index("case_documents_application_id_idx").on(t.applicationId, t.signedAt),
    index("case_documents_issuer_department_id_idx").on(t.issuerDepartmentId),
    // One document of each kind per case (issuing twice returns the first), except 补正告知书:
    // one per notice, and 延期办理告知书: one per extension.
    uniqueIndex("case_documents_application_kind_key")
      .on(t.applicationId, t.kind)
      .where(sql`${t.supplementNoticeId} is null and ${t.taskExtensionId} is null`),
    uniqueIndex("case_documents_supplement_notice_id_key").on(t.supplementNoticeId),
    uniqueIndex("case_documents_task_extension_id_key").on(t.taskExtensionId),
  ],
);

/** The last serial per department, kind and year, bumped atomically (no gaps from races, no duplicates). */
export const documentSequences = pgTable(
  "document_sequences",
  {
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    kind: documentKindEnum("kind").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.kind, t.year] })],
);
