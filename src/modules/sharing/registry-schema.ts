import { sql } from "drizzle-orm";
import { boolean, check, date, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { certificateTypes } from "../catalog/schema";
import { departments } from "../identity/schema";
import { certificateStatuses } from "./model";

// The certificate registry: issued certificates and the departments' signing keys. Only the
// sharing module's gate, registry and status jobs may touch these tables (the lint enforces it:
// src/.dependency-cruiser.cjs, rule "registry-behind-the-gate"); everyone else reads
// certificates through the gate, which logs every read.

/** The database enum is the machine's list (model.ts): same values, same order. */
export const certificateStatusEnum = pgEnum("certificate_status", certificateStatuses);

/**
 * A department's Ed25519 signing key. The private key never leaves the server: it is stored
 * sealed (envelope encryption, src/server/envelope.ts) under a key-encryption key that is not in
 * the database, and only the signing code (registry.ts) selects and opens it; the public key is
 * published. One active key per department; rotation retires it (its private half is destroyed)
 * and a retired key still verifies what it signed inside its window [validFrom, retiredAt).
 */
export const departmentKeys = pgTable(
  "department_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    /** SPKI, PEM. */
    publicKey: text("public_key").notNull(),
    /**
     * PKCS #8 PEM in plaintext, as keys were stored before sealing: never written now, sealed and
     * nulled at start-up (`sealPlaintextKeys`). Kept nullable so older databases upgrade in order.
     */
    privateKey: text("private_key"),
    /** The PKCS #8 DER private key under AES-256-GCM with its own data key (base64); null once retired. */
    sealedPrivateKey: text("sealed_private_key"),
    privateKeyNonce: text("private_key_nonce"),
    privateKeyTag: text("private_key_tag"),
    /** The data key under the key-encryption key (base64 nonce, tag, ciphertext). */
    wrappedDataKey: text("wrapped_data_key"),
    /** Which key-encryption key wrapped it, so the KEK can rotate. */
    kekId: text("kek_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** From when signatures by this key count. */
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull().defaultNow(),
    /** Until when (exclusive); null while active. */
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("department_keys_active_key")
      .on(t.departmentId)
      .where(sql`${t.retiredAt} is null`),
    check("department_keys_window", sql`${t.retiredAt} is null or ${t.retiredAt} >= ${t.validFrom}`),
  ],
);

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
    /** Exactly the fields its type declares, each in its canonical form (see catalog `CertificateField`). */
    fields: jsonb("fields").$type<Record<string, string>>().notNull(),
    /**
     * False for a certificate from before types declared their fields (a dump of the whole form):
     * the data upgrade re-signs it with only its declared fields once its type is defined.
     */
    declaredFieldsOnly: boolean("declared_fields_only").notNull().default(false),
    /** The application whose approval issued it; null for certificates loaded from elsewhere. */
    sourceApplicationId: uuid("source_application_id"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revocationReason: text("revocation_reason"),
    /**
     * Set when a reissue replaced it (变更换发: a change registration re-issued the licence, or a
     * department re-issued its record with the new particulars): the number of the certificate
     * that supersedes it. Such a certificate is `revoked`; this says it was replaced, not withdrawn.
     */
    supersededByNumber: text("superseded_by_number"),
    /** Ed25519 signature (base64) of the issuing department over the canonical certificate. */
    signature: text("signature"),
    signingKeyId: uuid("signing_key_id").references(() => departmentKeys.id),
    /**
     * When the registry signed it (the clock of the keys' windows, not the issue date: a
     * certificate loaded from elsewhere was issued long before it was signed here). A signature
     * counts only when this falls inside its key's window.
     */
    signedAt: timestamp("signed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("certificates_number_key").on(t.number),
    index("certificates_holder_type_idx").on(t.holderCode, t.typeCode),
    index("certificates_source_application_id_idx").on(t.sourceApplicationId),
    // One certificate of a type per service step of an application: issuing twice is a no-op.
    uniqueIndex("certificates_source_type_key").on(t.sourceApplicationId, t.typeCode),
    index("certificates_expiry_idx").on(t.status, t.validUntil),
  ],
);
