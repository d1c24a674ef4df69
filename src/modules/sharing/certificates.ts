import { randomInt } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { certificateTypes } from "../catalog/schema";
import { departments } from "../identity/schema";
import { certificates } from "./schema";

export interface HeldCertificate {
  id: string;
  number: string;
  typeCode: string;
  holderCode: string;
  holderName: string;
  issuerNameZh: string;
  issuerNameEn: string;
  issuedOn: string;
  validUntil: string | null;
  /** `expired` is derived from `validUntil` as well as stored, so a lapsed date counts at once. */
  status: "valid" | "expired" | "revoked";
  fields: Record<string, string>;
}

function effectiveStatus(row: { status: "valid" | "expired" | "revoked"; validUntil: string | null }, today: string) {
  if (row.status === "valid" && row.validUntil && row.validUntil < today) return "expired" as const;
  return row.status;
}

/** Certificates with their issuer's names: the one projection every registry read uses. */
function selectCertificates(db: Db) {
  return db
    .select({
      id: certificates.id,
      number: certificates.number,
      typeCode: certificates.typeCode,
      holderCode: certificates.holderCode,
      holderName: certificates.holderName,
      issuerNameZh: departments.nameZh,
      issuerNameEn: departments.nameEn,
      issuedOn: certificates.issuedOn,
      validUntil: certificates.validUntil,
      status: certificates.status,
      fields: certificates.fields,
      createdAt: certificates.createdAt,
    })
    .from(certificates)
    .innerJoin(departments, eq(departments.id, certificates.issuerDepartmentId));
}

/**
 * The certificates a holder has of the given types, newest first per type. The only reader of
 * the registry besides the public verification: callers say whose data and why.
 */
export async function readHeldCertificates(
  db: Db,
  input: { holderCode: string; typeCodes: string[]; today: string },
): Promise<HeldCertificate[]> {
  if (input.typeCodes.length === 0) return [];
  const rows = await selectCertificates(db).where(and(eq(certificates.holderCode, input.holderCode), inArray(certificates.typeCode, input.typeCodes)));
  rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const best = new Map<string, HeldCertificate>();
  for (const { createdAt: _createdAt, ...row } of rows) {
    const cert: HeldCertificate = { ...row, status: effectiveStatus(row, input.today) };
    const current = best.get(cert.typeCode);
    // Prefer a valid one; otherwise keep the newest so the applicant is told why it cannot be used.
    if (!current || (current.status !== "valid" && cert.status === "valid")) best.set(cert.typeCode, cert);
  }
  return [...best.values()];
}

/** Reads certificates by id, for showing an application's materials to its reviewers. */
export async function readCertificatesById(db: Db, ids: string[], today: string): Promise<HeldCertificate[]> {
  if (ids.length === 0) return [];
  const rows = await selectCertificates(db).where(inArray(certificates.id, ids));
  return rows.map(({ createdAt: _createdAt, ...r }) => ({ ...r, status: effectiveStatus(r, today) }));
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
 * Writes a certificate into the registry, issued by its type's department. Idempotent per
 * (application, type): issuing again returns the existing one.
 */
export async function issueCertificate(tx: Db, input: IssueCertificateInput): Promise<{ id: string; number: string; created: boolean }> {
  const [type] = await tx.select().from(certificateTypes).where(eq(certificateTypes.code, input.typeCode));
  if (!type) throw new Error(`unknown certificate type ${input.typeCode}`);
  const validUntil = type.validityYears
    ? `${Number(input.issuedOn.slice(0, 4)) + type.validityYears}${input.issuedOn.slice(4)}`
    : null;
  const number = `${input.issuedOn.replaceAll("-", "")}${String(randomInt(1_000_000_000)).padStart(9, "0")}`;
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
    })
    .onConflictDoNothing()
    .returning({ id: certificates.id, number: certificates.number });
  if (row) return { ...row, created: true };
  const [existing] = await tx
    .select({ id: certificates.id, number: certificates.number })
    .from(certificates)
    .where(and(eq(certificates.typeCode, input.typeCode), eq(certificates.sourceApplicationId, input.sourceApplicationId ?? "")));
  if (!existing) throw new Error("certificate number collision");
  return { ...existing, created: false };
}

/** Certificates issued by approving an application, for its case page. */
export async function certificatesOfApplication(db: Db, applicationId: string, today: string): Promise<HeldCertificate[]> {
  const ids = await db.select({ id: certificates.id }).from(certificates).where(eq(certificates.sourceApplicationId, applicationId));
  return readCertificatesById(
    db,
    ids.map((r) => r.id),
    today,
  );
}
