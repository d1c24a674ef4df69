import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { certificates } from "./registry-schema";
import { isPersonHolderCode } from "./model";

/**
 * The public facts of licences (双公示): number, type, issuing department, validity and
 * revocation. No holder data beyond what the decision itself publishes, so these reads are not
 * holder-data reads and write no data-log row; everything else about a certificate goes through
 * the gate.
 */
export interface LicenceFacts {
  number: string;
  typeCode: string;
  issuerDepartmentId: string;
  issuedOn: string;
  validUntil: string | null;
  revokedAt: Date | null;
}

const columns = {
  number: certificates.number,
  typeCode: certificates.typeCode,
  issuerDepartmentId: certificates.issuerDepartmentId,
  issuedOn: certificates.issuedOn,
  validUntil: certificates.validUntil,
  revokedAt: certificates.revokedAt,
};

/** The facts of the licences with these numbers (unknown numbers are left out). */
export async function licenceFacts(db: Db, numbers: readonly string[]): Promise<Map<string, LicenceFacts>> {
  if (numbers.length === 0) return new Map();
  const rows = await db
    .select(columns)
    .from(certificates)
    .where(inArray(certificates.number, [...numbers]));
  return new Map(rows.map((r) => [r.number, r]));
}

/** A withdrawn certificate's public facts (吊销/撤销 are published decisions): not one replaced by a reissue. */
export interface RevokedCertificateFacts {
  id: string;
  number: string;
  typeCode: string;
  /** The enterprise's credit code (a person's certificates are left out: their ID number is not public). */
  holderCode: string;
  holderName: string;
  revokedAt: Date;
  revocationReason: string | null;
}

/**
 * The certificates of enterprises that were revoked, not superseded by a reissue, for the risk
 * signals. Like the licence facts above, these are published decisions, not holder data read for
 * a case, so the read writes no data-log row.
 */
export async function revokedEntityCertificates(db: Db): Promise<RevokedCertificateFacts[]> {
  const rows = await db
    .select({
      id: certificates.id,
      number: certificates.number,
      typeCode: certificates.typeCode,
      holderCode: certificates.holderCode,
      holderName: certificates.holderName,
      revokedAt: certificates.revokedAt,
      revocationReason: certificates.revocationReason,
    })
    .from(certificates)
    .where(and(eq(certificates.status, "revoked"), isNull(certificates.supersededByNumber), isNotNull(certificates.revokedAt)))
    .orderBy(asc(certificates.number));
  return rows.flatMap((r) => (r.revokedAt && !isPersonHolderCode(r.holderCode) ? [{ ...r, revokedAt: r.revokedAt }] : []));
}
