import { date, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { certificateTypes } from "../catalog/schema";
import { departments } from "../identity/schema";

export const certificateStatusEnum = pgEnum("certificate_status", ["valid", "expired", "revoked"]);

/**
 * The electronic certificate registry (电子证照库). Only the sharing module reads this table:
 * every read goes through its gate.
 */
export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: text("number").notNull(),
    typeCode: text("type_code")
      .notNull()
      .references(() => certificateTypes.code),
    /** Credit code of an entity or ID number of a person. */
    holderCode: text("holder_code").notNull(),
    holderName: text("holder_name").notNull(),
    issuerDepartmentId: uuid("issuer_department_id")
      .notNull()
      .references(() => departments.id),
    issuedOn: date("issued_on", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }),
    status: certificateStatusEnum("status").notNull().default("valid"),
    fields: jsonb("fields").$type<Record<string, string>>().notNull(),
    /** The application whose approval issued it; null for certificates loaded from elsewhere. */
    sourceApplicationId: uuid("source_application_id"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revocationReason: text("revocation_reason"),
    /** Ed25519 signature of the issuing department over the canonical certificate. */
    signature: text("signature"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("certificates_number_key").on(t.number),
    index("certificates_holder_type_idx").on(t.holderCode, t.typeCode),
    index("certificates_source_application_id_idx").on(t.sourceApplicationId),
    // One certificate of a type per service step of an application: issuing twice is a no-op.
    uniqueIndex("certificates_source_type_key").on(t.sourceApplicationId, t.typeCode),
  ],
);
