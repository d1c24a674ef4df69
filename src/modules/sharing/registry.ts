import { createPrivateKey, generateKeyPairSync, randomInt, randomUUID, sign, type KeyObject } from "node:crypto";
import { and, desc, eq, isNotNull, isNull, max, sql } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { open, seal } from "@/server/envelope";
import { keyEncryptionKey, type KeyEncryptionKey } from "@/server/keys";
import { recordAudit } from "../audit/record-audit";
import { isConvertedDefinition, resolveCertificateFields, type CertificateRegistryFacts } from "../catalog/model";
import { certificateTypes } from "../catalog/schema";
import { caseDocuments } from "../documents/schema";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import type { ZRotateKeyInput } from "./inputs";
import { applyCertificateEventToAll, certificatesStream } from "./certificate-transition";
import { certificates, departmentKeys } from "./registry-schema";
import { documentSignedBytes, signFacts, type SignedFacts } from "./signing";
import { isPersonHolderCode, type CertificateAuditAction, type SharingAuditAction } from "./model";

// The registry's write side: keys, issuing and signing. Reads of certificates go through the
// gate (gate.ts); the few reads here serve writing (idempotency, signing) and return no holder data.
//
// The signing code: the only code that selects a department's private key, and it never hands
// the key out. A private key is stored sealed (envelope encryption under the key-encryption key,
// which is not in the database), opened here just to sign, and destroyed when the key retires.

/** Bound to the sealed key as associated data: a sealed key copied to another row does not open. */
const keyContext = (keyId: string) => `department_keys:${keyId}`;

/** A new Ed25519 key pair as a row: the public key in PEM, the private key sealed. */
function newKeyRow(departmentId: string, validFrom: Date, kek: KeyEncryptionKey = keyEncryptionKey()) {
  const id = randomUUID();
  const pair = generateKeyPairSync("ed25519");
  const der = pair.privateKey.export({ type: "pkcs8", format: "der" });
  try {
    const sealed = seal(der, kek, keyContext(id));
    return {
      id,
      departmentId,
      publicKey: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
      sealedPrivateKey: sealed.ciphertext,
      privateKeyNonce: sealed.nonce,
      privateKeyTag: sealed.tag,
      wrappedDataKey: sealed.wrappedKey,
      kekId: sealed.kekId,
      validFrom,
    };
  } finally {
    der.fill(0);
  }
}

const sealedColumns = {
  id: departmentKeys.id,
  validFrom: departmentKeys.validFrom,
  sealedPrivateKey: departmentKeys.sealedPrivateKey,
  privateKeyNonce: departmentKeys.privateKeyNonce,
  privateKeyTag: departmentKeys.privateKeyTag,
  wrappedDataKey: departmentKeys.wrappedDataKey,
  kekId: departmentKeys.kekId,
};

function openPrivateKey(
  row: {
    id: string;
    sealedPrivateKey: string | null;
    privateKeyNonce: string | null;
    privateKeyTag: string | null;
    wrappedDataKey: string | null;
    kekId: string | null;
  },
  kek: KeyEncryptionKey,
): KeyObject {
  if (!row.sealedPrivateKey || !row.privateKeyNonce || !row.privateKeyTag || !row.wrappedDataKey || !row.kekId) {
    throw new Error(`department key ${row.id} has no sealed private key (not sealed yet: run npm run db:migrate)`);
  }
  const der = open(
    { ciphertext: row.sealedPrivateKey, nonce: row.privateKeyNonce, tag: row.privateKeyTag, wrappedKey: row.wrappedDataKey, kekId: row.kekId },
    kek,
    keyContext(row.id),
  );
  try {
    return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } finally {
    der.fill(0);
  }
}

/** Signs with the department's active key; the private key stays inside. */
interface Signer {
  keyId: string;
  /** The moment of signing: now, but never before the key's window opens (clocks of two nodes differ a little). */
  signedAt: Date;
  sign: (facts: SignedFacts) => string;
  /** Signs a case document's payload (see documentSignedBytes). */
  signDocument: (payload: Record<string, unknown>) => string;
}

/**
 * The department's active signing key, made on first use. The row is locked FOR SHARE until the
 * caller's transaction ends, so a rotation (FOR UPDATE) waits for every signature in flight with
 * the old key and then sets its end after them (see rotateDepartmentKey).
 */
async function activeSigner(tx: Db, departmentId: string, now: Date, kek: KeyEncryptionKey = keyEncryptionKey()): Promise<Signer> {
  const find = () =>
    tx
      .select(sealedColumns)
      .from(departmentKeys)
      .where(and(eq(departmentKeys.departmentId, departmentId), isNull(departmentKeys.retiredAt)))
      .for("share");
  let [row] = await find();
  if (!row) {
    // Two first issuers at once: the partial unique index lets one key in; both then use it.
    await tx
      .insert(departmentKeys)
      .values(newKeyRow(departmentId, now, kek))
      .onConflictDoNothing();
    [row] = await find();
  }
  if (!row) throw new Error(`no signing key for department ${departmentId}`);
  const privateKey = openPrivateKey(row, kek);
  const signedAt = new Date(Math.max(now.getTime(), row.validFrom.getTime()));
  return {
    keyId: row.id,
    signedAt,
    sign: (facts) => signFacts(privateKey, facts),
    signDocument: (payload) => sign(null, documentSignedBytes(payload), privateKey).toString("base64"),
  };
}

/** Makes a signing key for every department that has none (at seed). */
export async function ensureDepartmentKeys(db: Db): Promise<void> {
  const rows = await db.select({ id: departments.id }).from(departments);
  for (const d of rows) await activeSigner(db, d.id, new Date());
}

/**
 * Rotates a department's signing key (one transaction, audited on the `keys` stream): the active
 * key retires and its private half is destroyed (it never signs again); a new key is valid from
 * the same moment. The retired key still verifies what it signed inside its window. The window
 * closes at `now`, or just after the last signature the key made if that is later: signatures in
 * flight hold the key FOR SHARE, so once this transaction has the row FOR UPDATE every one of them
 * has committed and is seen here.
 */
export async function rotateDepartmentKey(
  db: Db,
  departmentId: string,
  now: Date = new Date(),
  actor: { userId: string; role: string } | null = null,
): Promise<{ departmentCode: string; keyId: string; retiredKeyId: string | null; validFrom: Date }> {
  return db.transaction(async (tx) => {
    const [department] = await tx.select({ code: departments.code }).from(departments).where(eq(departments.id, departmentId));
    if (!department) throw new DomainError("notFound", "errors.notFound");
    const [active] = await tx
      .select({ id: departmentKeys.id, validFrom: departmentKeys.validFrom })
      .from(departmentKeys)
      .where(and(eq(departmentKeys.departmentId, departmentId), isNull(departmentKeys.retiredAt)))
      .for("update");
    let switchAt = new Date(Math.floor(now.getTime()));
    if (active) {
      // The key's last signature, on a certificate or on a case document (both hold the key FOR SHARE while signing).
      const [lastCertificate] = await tx
        .select({ at: max(certificates.signedAt) })
        .from(certificates)
        .where(eq(certificates.signingKeyId, active.id));
      const [lastDocument] = await tx
        .select({ at: max(caseDocuments.signedAt) })
        .from(caseDocuments)
        .where(eq(caseDocuments.signingKeyId, active.id));
      for (const last of [lastCertificate, lastDocument]) {
        if (last?.at && last.at.getTime() >= switchAt.getTime()) switchAt = new Date(last.at.getTime() + 1);
      }
      if (active.validFrom.getTime() > switchAt.getTime()) switchAt = active.validFrom;
      await tx
        .update(departmentKeys)
        .set({ retiredAt: switchAt, privateKey: null, sealedPrivateKey: null, privateKeyNonce: null, privateKeyTag: null, wrappedDataKey: null })
        .where(and(eq(departmentKeys.id, active.id), isNull(departmentKeys.retiredAt)));
    }
    const row = newKeyRow(departmentId, switchAt);
    await tx.insert(departmentKeys).values(row);
    await recordAudit<SharingAuditAction>(tx, {
      streamId: "keys",
      actor,
      action: "departmentKey.rotate",
      entityType: "departmentKey",
      entityId: row.id,
      from: active?.id ?? null,
      to: row.id,
      data: { departmentCode: department.code, retiredKeyId: active?.id ?? null, validFrom: switchAt },
      at: now,
    });
    return { departmentCode: department.code, keyId: row.id, retiredKeyId: active?.id ?? null, validFrom: switchAt };
  });
}

/** The data office rotates a department's key from its certificates page (or `npm run keys:rotate`). */
export async function rotateKeyOfDepartment(db: Db, actor: Actor, input: z.output<typeof ZRotateKeyInput>, now: Date = new Date()) {
  if (actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  const [department] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, input.departmentCode));
  if (!department) throw new DomainError("notFound", "sharing.errors.departmentNotFound", { field: "departmentCode" });
  const rotated = await rotateDepartmentKey(db, department.id, now, { userId: actor.userId, role: actor.role });
  return { departmentCode: rotated.departmentCode, keyId: rotated.keyId, validFrom: rotated.validFrom };
}

/**
 * Seals the private keys stored in plaintext before envelope encryption (run after the SQL
 * migrations by every `migrate`, which the SQL cannot do: it has no KEK). Idempotent: only rows
 * that still hold plaintext, locked; a retired key's plaintext is destroyed, not sealed. Fails
 * when any plaintext is left afterwards.
 */
export async function sealPlaintextKeys(db: Db, kek: KeyEncryptionKey = keyEncryptionKey()): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: departmentKeys.id, privateKey: departmentKeys.privateKey, retiredAt: departmentKeys.retiredAt })
      .from(departmentKeys)
      .where(isNotNull(departmentKeys.privateKey))
      .for("update");
    for (const r of rows) {
      if (!r.privateKey) continue;
      let sealed: Partial<typeof departmentKeys.$inferInsert> = {};
      if (!r.retiredAt) {
        const der = createPrivateKey(r.privateKey).export({ type: "pkcs8", format: "der" });
        try {
          const s = seal(der, kek, keyContext(r.id));
          sealed = { sealedPrivateKey: s.ciphertext, privateKeyNonce: s.nonce, privateKeyTag: s.tag, wrappedDataKey: s.wrappedKey, kekId: s.kekId };
        } finally {
          der.fill(0);
        }
      }
      await tx
        .update(departmentKeys)
        .set({ ...sealed, privateKey: null })
        .where(and(eq(departmentKeys.id, r.id), isNotNull(departmentKeys.privateKey)));
    }
    const left = await countPlaintextKeys(tx);
    if (left > 0) throw new Error(`${left} department signing keys are still stored in plaintext`);
    if (rows.length > 0) {
      await recordAudit<SharingAuditAction>(tx, {
        streamId: "keys",
        actor: null,
        action: "departmentKey.seal",
        entityType: "departmentKey",
        entityId: "*",
        data: { keys: rows.length, kekId: kek.id },
        at: new Date(),
      });
    }
    return rows.length;
  });
}

/** Signing keys still stored in plaintext (none once `sealPlaintextKeys` has run). */
export async function countPlaintextKeys(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(departmentKeys)
    .where(isNotNull(departmentKeys.privateKey));
  return Number(row?.n ?? 0);
}

/**
 * Signs a case document (受理通知书, 决定书 …) with the department's active key, like a certificate,
 * inside the caller's transaction (the key row is held FOR SHARE until it commits, so a rotation
 * waits for it). The payload is built by `payloadAt(signedAt)`, because the moment of signing is
 * part of what is signed. The private key never leaves this file.
 */
export async function signAsDepartment(
  tx: Db,
  departmentId: string,
  payloadAt: (signedAt: Date) => Record<string, unknown>,
  now: Date,
): Promise<{ signature: string; keyId: string; signedAt: Date; payload: Record<string, unknown> }> {
  const key = await activeSigner(tx, departmentId, now);
  const payload = payloadAt(key.signedAt);
  return { signature: key.signDocument(payload), keyId: key.keyId, signedAt: key.signedAt, payload };
}

/**
 * Signs many case documents, each with its department's active key, exactly as `signAsDepartment`
 * would one by one (the same signing moment and bytes), but opening each department's key once:
 * for generated history at scale (issue 15). Returns the signatures in the order given.
 */
export async function signManyAsDepartments(
  tx: Db,
  items: ReadonlyArray<{ departmentId: string; payloadAt: (signedAt: Date) => Record<string, unknown>; now: Date }>,
): Promise<Array<{ signature: string; keyId: string; signedAt: Date }>> {
  const signers = new Map<string, Signer>();
  const earliest = new Map<string, Date>();
  for (const i of items) if (!earliest.has(i.departmentId) || i.now < earliest.get(i.departmentId)!) earliest.set(i.departmentId, i.now);
  // Opened at the department's earliest moment, the signer's `signedAt` is max(earliest, valid from):
  // for each later moment, max(it, that) is what signing then would give.
  for (const [departmentId, now] of earliest) signers.set(departmentId, await activeSigner(tx, departmentId, now));
  return items.map((i) => {
    const key = signers.get(i.departmentId)!;
    const signedAt = new Date(Math.max(i.now.getTime(), key.signedAt.getTime()));
    return { signature: key.signDocument(i.payloadAt(signedAt)), keyId: key.keyId, signedAt };
  });
}

export interface IssueCertificateInput {
  typeCode: string;
  holderCode: string;
  holderName: string;
  /**
   * What the certificate's fields are filled from: the application's form answers by key (or,
   * for a registration, what it decided). Only the fields the type declares are taken.
   */
  answers: Readonly<Record<string, unknown>>;
  /** Registry facts the issuer knows besides the holder (a registered enterprise's legal representative, the tracking number). */
  facts?: Pick<CertificateRegistryFacts, "legalRepresentative" | "legalRepresentativeIdNumber" | "trackingNumber">;
  sourceApplicationId: string | null;
  issuedOn: string;
  /**
   * Field values carried over unchanged from the certificate this one supersedes (a licence
   * re-issued after a change keeps its date of establishment); they win over the resolved ones.
   */
  keptFields?: Readonly<Record<string, string>>;
}

/** The registry's facts of a certificate, as its fields' `registry` sources read them. */
function registryFacts(
  c: { number: string; holderCode: string; holderName: string; issuedOn: string; validUntil: string | null },
  facts: CertificateRegistryFacts = {},
) {
  return {
    ...facts,
    number: c.number,
    holderName: c.holderName,
    holderCode: c.holderCode,
    // The credit code of an enterprise holder (a new one for the enterprise the application registered).
    creditCode: isPersonHolderCode(c.holderCode) ? null : c.holderCode,
    issuedOn: c.issuedOn,
    validUntil: c.validUntil,
  } satisfies CertificateRegistryFacts;
}

/**
 * Writes a certificate into the registry, issued and signed by its type's department, with
 * exactly the fields its type declares (each resolved from its source, in its canonical form).
 * Idempotent per (application, type): issuing again returns the existing one.
 */
export async function issueCertificate(
  tx: Db,
  input: IssueCertificateInput,
  clock: Date = new Date(),
): Promise<{ id: string; number: string; created: boolean }> {
  const [type] = await tx
    .select({
      code: certificateTypes.code,
      validityYears: certificateTypes.validityYears,
      issuerDepartmentId: certificateTypes.issuerDepartmentId,
      issuerCode: departments.code,
      fields: certificateTypes.fields,
    })
    .from(certificateTypes)
    .innerJoin(departments, eq(departments.id, certificateTypes.issuerDepartmentId))
    .where(eq(certificateTypes.code, input.typeCode));
  if (!type) throw new Error(`unknown certificate type ${input.typeCode}`);
  const validUntil = type.validityYears ? `${Number(input.issuedOn.slice(0, 4)) + type.validityYears}${input.issuedOn.slice(4)}` : null;
  const number = `${input.issuedOn.replaceAll("-", "")}${String(randomInt(1_000_000_000)).padStart(9, "0")}`;
  const resolved = resolveCertificateFields(
    type.fields,
    input.answers,
    registryFacts({ number, holderCode: input.holderCode, holderName: input.holderName, issuedOn: input.issuedOn, validUntil }, input.facts),
  );
  // The catalog and the form disagree (an option the type does not know): never sign a guess.
  if (resolved.problems.length > 0) {
    throw new Error(`certificate type ${input.typeCode}: ${resolved.problems.map((p) => `field ${p.key} ${p.problem}`).join(", ")}`);
  }
  const fields = { ...resolved.values, ...input.keptFields };
  const key = await activeSigner(tx, type.issuerDepartmentId, clock);
  const signature = key.sign({
    number,
    typeCode: input.typeCode,
    holderCode: input.holderCode,
    holderName: input.holderName,
    issuerDepartmentCode: type.issuerCode,
    issuedOn: input.issuedOn,
    validUntil,
    fields,
  });
  const [row] = await tx
    .insert(certificates)
    .values({
      number,
      typeCode: input.typeCode,
      holderCode: input.holderCode,
      holderName: input.holderName,
      issuerDepartmentId: type.issuerDepartmentId,
      issuedOn: input.issuedOn,
      validUntil,
      status: "valid",
      fields,
      declaredFieldsOnly: true,
      sourceApplicationId: input.sourceApplicationId,
      signature,
      signingKeyId: key.keyId,
      signedAt: key.signedAt,
    })
    .onConflictDoNothing()
    .returning({ id: certificates.id, number: certificates.number });
  if (row) return { ...row, created: true };
  const [existing] = input.sourceApplicationId
    ? await tx
        .select({ id: certificates.id, number: certificates.number })
        .from(certificates)
        .where(and(eq(certificates.typeCode, input.typeCode), eq(certificates.sourceApplicationId, input.sourceApplicationId)))
    : [];
  if (!existing) throw new Error("certificate number collision");
  return { ...existing, created: false };
}

/**
 * Re-issues in place, with only their declared fields, the certificates written before types
 * declared them (whole-form dumps): same number and holder, the fields resolved from what the
 * certificate carried, re-signed by the issuing department's active key (one transaction,
 * audited). Idempotent: each certificate once, marked; types not yet defined are left for later.
 */
export async function reissueWithDeclaredFields(db: Db, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ c: certificates, issuerCode: departments.code, typeFields: certificateTypes.fields })
      .from(certificates)
      .innerJoin(certificateTypes, eq(certificateTypes.code, certificates.typeCode))
      .innerJoin(departments, eq(departments.id, certificates.issuerDepartmentId))
      .where(eq(certificates.declaredFieldsOnly, false))
      .for("update", { of: certificates });
    let done = 0;
    for (const { c, issuerCode, typeFields } of rows) {
      if (isConvertedDefinition(typeFields)) continue;
      const old = c.fields;
      const facts = registryFacts(c, {
        legalRepresentative: old.legalRepresentative ?? null,
        legalRepresentativeIdNumber: old.legalRepresentativeIdNumber ?? null,
        trackingNumber: old.trackingNumber ?? null,
      });
      const resolved = resolveCertificateFields(typeFields, old, facts);
      // What an old certificate carried that no longer fits its type's form is kept as written, not lost.
      const fields = { ...resolved.values };
      for (const p of resolved.problems) fields[p.key] = p.value;
      const key = await activeSigner(tx, c.issuerDepartmentId, now);
      const signature = key.sign({ ...c, fields, issuerDepartmentCode: issuerCode });
      await tx
        .update(certificates)
        .set({ fields, signature, signingKeyId: key.keyId, signedAt: key.signedAt, declaredFieldsOnly: true })
        .where(and(eq(certificates.id, c.id), eq(certificates.declaredFieldsOnly, false)));
      done++;
    }
    if (done > 0) {
      await recordAudit<SharingAuditAction>(tx, {
        streamId: certificatesStream,
        actor: null,
        action: "certificate.reissueDeclaredFields",
        entityType: "certificate",
        entityId: "*",
        data: { certificates: done },
        at: now,
      });
    }
    return done;
  });
}

/**
 * Issues a certificate loaded from outside the portal (the demo's existing licences and ID
 * cards) unless the holder already has one of that type.
 */
export async function issueUnlessHeld(db: Db, input: Omit<IssueCertificateInput, "sourceApplicationId">): Promise<void> {
  const [have] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.holderCode, input.holderCode), eq(certificates.typeCode, input.typeCode)))
    .limit(1);
  if (!have) await issueCertificate(db, { ...input, sourceApplicationId: null });
}

/** Signs certificates written before signing existed (a demo database from an earlier version). */
export async function signUnsigned(db: Db): Promise<number> {
  const rows = await db
    .select({ c: certificates, issuerCode: departments.code })
    .from(certificates)
    .innerJoin(departments, eq(departments.id, certificates.issuerDepartmentId))
    .where(isNull(certificates.signature));
  for (const { c, issuerCode } of rows) {
    const key = await activeSigner(db, c.issuerDepartmentId, new Date());
    const signature = key.sign({ ...c, issuerDepartmentCode: issuerCode });
    await db
      .update(certificates)
      .set({ signature, signingKeyId: key.keyId, signedAt: key.signedAt })
      .where(and(eq(certificates.id, c.id), isNull(certificates.signature)));
  }
  return rows.length;
}

/**
 * Like `issueUnlessHeld`, for a certificate that gained a field: a valid one lacking any of
 * `requiredFields` (a demo database from before the field existed) is revoked as superseded and
 * a new one issued with the field; one that has them all is kept.
 */
export async function issueOrSupersede(
  db: Db,
  input: Omit<IssueCertificateInput, "sourceApplicationId">,
  requiredFields: readonly string[],
  now: Date = new Date(),
): Promise<void> {
  const held = await db
    .select({ id: certificates.id, number: certificates.number, status: certificates.status, fields: certificates.fields })
    .from(certificates)
    .where(and(eq(certificates.holderCode, input.holderCode), eq(certificates.typeCode, input.typeCode), eq(certificates.status, "valid")));
  if (held.some((c) => requiredFields.every((f) => c.fields[f] !== undefined))) return;
  const reason = "换发：新证照载明法定代表人身份信息（superseded by a reissue）";
  await db.transaction(async (tx) => {
    await applyCertificateEventToAll(tx, held, "revoke", { actor: null, now, patch: { revokedAt: now, revocationReason: reason }, data: () => ({ reason }) });
    await issueCertificate(tx, { ...input, sourceApplicationId: null });
  });
}

export interface SupersedeCertificateInput {
  typeCode: string;
  holderCode: string;
  /** The holder's name on the new certificate (a change of name); the old one's when absent. */
  holderName?: string;
  /** The changed form answers, by the answer keys the type's fields name (e.g. `businessAddress`). */
  answers?: Readonly<Record<string, unknown>>;
  /** Changed registry facts (a new legal representative). */
  facts?: Pick<CertificateRegistryFacts, "legalRepresentative" | "legalRepresentativeIdNumber">;
  /** The application whose approval re-issues it. */
  sourceApplicationId: string;
  issuedOn: string;
  /** Why the old one is withdrawn, kept with it (shown on /verify). */
  reason: string;
  actor: Actor | null;
  now: Date;
}

/**
 * Re-issues a holder's certificate with changed particulars (变更换发): a new certificate, signed by
 * the type's department, carrying the old one's fields with the changes applied (its date of
 * establishment kept); the old one is revoked through the certificate machine and records the
 * number that supersedes it. Runs in the caller's transaction; idempotent per (application, type).
 * Null when the holder holds no valid certificate of the type (nothing to re-issue).
 */
export async function supersedeCertificate(
  tx: Db,
  input: SupersedeCertificateInput,
): Promise<{ id: string; number: string; supersededNumbers: string[]; created: boolean } | null> {
  const [already] = await tx
    .select({ id: certificates.id, number: certificates.number })
    .from(certificates)
    .where(and(eq(certificates.typeCode, input.typeCode), eq(certificates.sourceApplicationId, input.sourceApplicationId)));
  if (already) return { ...already, supersededNumbers: [], created: false };
  const held = await tx
    .select()
    .from(certificates)
    .where(and(eq(certificates.holderCode, input.holderCode), eq(certificates.typeCode, input.typeCode), eq(certificates.status, "valid")))
    .orderBy(desc(certificates.createdAt))
    .for("update");
  const old = held[0];
  if (!old) return null;
  const issued = await reissueCertificate(tx, old, held, { ...input, streamId: input.sourceApplicationId });
  return { id: issued.id, number: issued.number, supersededNumbers: held.map((c) => c.number), created: true };
}

/**
 * Issues a new version of `old` (its fields, with `answers`/`facts` changed), signed by its type's
 * department, and revokes `superseded` (old among them) as replaced by it, recording the new
 * number on each. The audit events go to `streamId` (the application, or the objection that
 * corrected the data). Runs in the caller's transaction, which holds the rows locked.
 */
export async function reissueCertificate(
  tx: Db,
  old: typeof certificates.$inferSelect,
  superseded: ReadonlyArray<typeof certificates.$inferSelect>,
  input: {
    typeCode: string;
    holderCode: string;
    holderName?: string;
    answers?: Readonly<Record<string, unknown>>;
    facts?: IssueCertificateInput["facts"];
    sourceApplicationId: string | null;
    streamId: string;
    issuedOn: string;
    reason: string;
    actor: Actor | null;
    now: Date;
  },
): Promise<{ id: string; number: string }> {
  const held = superseded;
  const [type] = await tx.select({ fields: certificateTypes.fields }).from(certificateTypes).where(eq(certificateTypes.code, input.typeCode));
  if (!type) throw new Error(`unknown certificate type ${input.typeCode}`);
  // What the old certificate says, by the sources its fields are filled from, then the changes.
  const answers: Record<string, unknown> = {};
  const facts: CertificateRegistryFacts = {};
  const keptFields: Record<string, string> = {};
  for (const f of type.fields) {
    const value = old.fields[f.key];
    if (value === undefined) continue;
    if ("answer" in f.source) answers[f.source.answer] = value;
    else if (f.source.registry === "issuedOn") keptFields[f.key] = value;
    else if (f.source.registry === "legalRepresentative" || f.source.registry === "legalRepresentativeIdNumber" || f.source.registry === "trackingNumber")
      facts[f.source.registry] = value;
  }
  const issued = await issueCertificate(
    tx,
    {
      typeCode: input.typeCode,
      holderCode: input.holderCode,
      holderName: input.holderName ?? old.holderName,
      answers: { ...answers, ...input.answers },
      facts: { ...facts, ...input.facts },
      sourceApplicationId: input.sourceApplicationId,
      issuedOn: input.issuedOn,
      keptFields,
    },
    input.now,
  );
  await recordAudit<CertificateAuditAction>(tx, {
    streamId: input.streamId,
    actor: input.actor ? { userId: input.actor.userId, role: input.actor.role } : null,
    action: "certificate.issue",
    entityType: "certificate",
    entityId: issued.id,
    to: "valid",
    data: { number: issued.number, type: input.typeCode, supersedes: held.map((c) => c.number) },
    at: input.now,
  });
  await applyCertificateEventToAll(tx, held, "revoke", {
    actor: input.actor,
    now: input.now,
    patch: { revokedAt: input.now, revocationReason: input.reason, supersededByNumber: issued.number },
    data: () => ({ reason: input.reason, supersededBy: issued.number }),
  });
  return { id: issued.id, number: issued.number };
}
