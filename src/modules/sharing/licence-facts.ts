import { inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { certificates } from "./registry-schema";

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
