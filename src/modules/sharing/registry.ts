import { randomInt } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { certificateTypes } from "../catalog/schema";
import { departments } from "../identity/schema";
import { certificates, departmentKeys } from "./schema";
import { newSigningKeyPair, signFacts } from "./signing";

// The registry's write side: keys, issuing and signing. Reads of certificates go through the
// gate (gate.ts); the few reads here serve writing (idempotency, signing) and return no holder data.

/** The department's active signing key, made on first use. */
export async function activeDepartmentKey(tx: Db, departmentId: string): Promise<{ id: string; privateKey: string }> {
  const find = () =>
    tx
      .select({ id: departmentKeys.id, privateKey: departmentKeys.privateKey })
      .from(departmentKeys)
      .where(and(eq(departmentKeys.departmentId, departmentId), isNull(departmentKeys.retiredAt)));
  const [have] = await find();
  if (have) return have;
  // Two first issuers at once: the partial unique index lets one key in; both then use it.
  await tx
    .insert(departmentKeys)
    .values({ departmentId, ...newSigningKeyPair() })
    .onConflictDoNothing();
  const [made] = await find();
  if (!made) throw new Error(`no signing key for department ${departmentId}`);
  return made;
}

/** Makes a signing key for every department that has none (at seed). */
export async function ensureDepartmentKeys(db: Db): Promise<void> {
  const rows = await db.select({ id: departments.id }).from(departments);
  for (const d of rows) await activeDepartmentKey(db, d.id);
}

export interface IssueCertificateInput {
  typeCode: string;
  holderCode: string;
  holderName: string;
  fields: Record<string, string>;
  sourceApplicationId: string | null;
  issuedOn: string;
}

/**
 * Writes a certificate into the registry, issued and signed by its type's department.
 * Idempotent per (application, type): issuing again returns the existing one.
 */
export async function issueCertificate(tx: Db, input: IssueCertificateInput): Promise<{ id: string; number: string; created: boolean }> {
  const [type] = await tx
    .select({ code: certificateTypes.code, validityYears: certificateTypes.validityYears, issuerDepartmentId: certificateTypes.issuerDepartmentId, issuerCode: departments.code })
    .from(certificateTypes)
    .innerJoin(departments, eq(departments.id, certificateTypes.issuerDepartmentId))
    .where(eq(certificateTypes.code, input.typeCode));
  if (!type) throw new Error(`unknown certificate type ${input.typeCode}`);
  const validUntil = type.validityYears ? `${Number(input.issuedOn.slice(0, 4)) + type.validityYears}${input.issuedOn.slice(4)}` : null;
  const number = `${input.issuedOn.replaceAll("-", "")}${String(randomInt(1_000_000_000)).padStart(9, "0")}`;
  const key = await activeDepartmentKey(tx, type.issuerDepartmentId);
  const signature = signFacts(key.privateKey, {
    number,
    typeCode: input.typeCode,
    holderCode: input.holderCode,
    holderName: input.holderName,
    issuerDepartmentCode: type.issuerCode,
    issuedOn: input.issuedOn,
    validUntil,
    fields: input.fields,
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
      fields: input.fields,
      sourceApplicationId: input.sourceApplicationId,
      signature,
      signingKeyId: key.id,
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
    const key = await activeDepartmentKey(db, c.issuerDepartmentId);
    const signature = signFacts(key.privateKey, { ...c, issuerDepartmentCode: issuerCode });
    await db
      .update(certificates)
      .set({ signature, signingKeyId: key.id })
      .where(and(eq(certificates.id, c.id), isNull(certificates.signature)));
  }
  return rows.length;
}


/**
 * Like `issueUnlessHeld`, for a certificate that gained a field: a valid one lacking any of
 * `requiredFields` (a demo database from before the field existed) is revoked as superseded and
 * a new one issued with the field; one that has them all is kept.
 */
export async function issueOrSupersede(db: Db, input: Omit<IssueCertificateInput, "sourceApplicationId">, requiredFields: readonly string[], now: Date = new Date()): Promise<void> {
  const held = await db
    .select({ id: certificates.id, fields: certificates.fields })
    .from(certificates)
    .where(and(eq(certificates.holderCode, input.holderCode), eq(certificates.typeCode, input.typeCode), eq(certificates.status, "valid")));
  if (held.some((c) => requiredFields.every((f) => c.fields[f] !== undefined))) return;
  for (const c of held) {
    await db.update(certificates).set({ status: "revoked", revokedAt: now, revocationReason: "换发：新证照载明法定代表人身份信息（superseded by a reissue）" }).where(and(eq(certificates.id, c.id), eq(certificates.status, "valid")));
  }
  await issueCertificate(db, { ...input, sourceApplicationId: null });
}
