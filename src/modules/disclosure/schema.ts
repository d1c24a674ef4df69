import { boolean, date, index, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { caseDocuments } from "../documents/schema";
import { departments } from "../identity/schema";
import { disclosureKinds } from "./model";

export const disclosureKindEnum = pgEnum("disclosure_kind", disclosureKinds);

/**
 * Published licensing decisions (双公示): one row per licence granted (an approval decision that
 * issued two licences is two rows) and one per denial, written by the publication job from the
 * case's signed 决定书. Holds only what is published: a natural person's name already masked, no
 * ID number. A revocation of the licence updates the row (`revokedAt`); nothing is deleted.
 */
export const disclosures = pgTable(
  "disclosures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The 决定书 published (准予 / 不予行政许可决定书). */
    documentId: uuid("document_id")
      .notNull()
      .references(() => caseDocuments.id),
    kind: disclosureKindEnum("kind").notNull(),
    decisionNumber: text("decision_number").notNull(),
    /** An organisation's name in full; a natural person's masked (张**). */
    counterpartName: text("counterpart_name").notNull(),
    /** The unified social credit code; null for a natural person (no ID number is published). */
    counterpartCode: text("counterpart_code"),
    counterpartIsPerson: boolean("counterpart_is_person").notNull(),
    licenceTypeZh: text("licence_type_zh"),
    licenceTypeEn: text("licence_type_en"),
    /** The certificate's number; null for a denial. */
    licenceNumber: text("licence_number"),
    contentZh: text("content_zh").notNull(),
    contentEn: text("content_en").notNull(),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    validFrom: date("valid_from", { mode: "string" }),
    validUntil: date("valid_until", { mode: "string" }),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    legalBasis: text("legal_basis").notNull(),
    /** The last day publication is due: the decision day plus 7 working days. */
    dueOn: date("due_on", { mode: "string" }).notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    publishedOn: date("published_on", { mode: "string" }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    unique("disclosures_document_licence_key").on(t.documentId, t.licenceNumber).nullsNotDistinct(),
    index("disclosures_counterpart_code_idx").on(t.counterpartCode),
    index("disclosures_department_decided_idx").on(t.departmentId, t.decidedOn),
    index("disclosures_decided_on_idx").on(t.decidedOn, t.id),
    index("disclosures_licence_number_idx").on(t.licenceNumber),
  ],
);
