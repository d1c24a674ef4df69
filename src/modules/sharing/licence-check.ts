import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { certificateTypeIdentifying } from "../catalog/certificate-types";
import { shanghaiDate } from "@/lib/dates";
import type { Actor } from "../identity/model";
import type { LicenceFacts } from "../identity/ports";
import { dataAccessLog, dataResources } from "./schema";
import { certificates } from "./registry-schema";

/**
 * Reads an enterprise's valid business licence to check a person's claim to represent it
 * (法人注册). A read of the enterprise's data, so it is logged in its data log like every other,
 * allowed or not found; it returns only what the check needs.
 */
export async function readLicenceForClaim(db: Db, reader: Actor, creditCode: string, now: Date = new Date()): Promise<LicenceFacts | null> {
  const today = shanghaiDate(now);
  // The licence is the type the catalog flags as proving that an entity exists (营业执照).
  const licenceType = await certificateTypeIdentifying(db, "entity");
  const rows = licenceType
    ? await db
        .select({ number: certificates.number, fields: certificates.fields, validUntil: certificates.validUntil, holderName: certificates.holderName })
        .from(certificates)
        .where(and(eq(certificates.holderCode, creditCode), eq(certificates.typeCode, licenceType), eq(certificates.status, "valid")))
        .orderBy(desc(certificates.createdAt))
    : [];
  const licence = rows.find((r) => !r.validUntil || r.validUntil >= today);
  const [resource] = licenceType
    ? await db
        .select({ id: dataResources.id, legalBasis: dataResources.legalBasis })
        .from(dataResources)
        .where(eq(dataResources.certificateTypeCode, licenceType))
    : [];
  await db
    .insert(dataAccessLog)
    .values({
      readerUserId: reader.userId,
      readerRole: reader.role,
      readerDepartmentId: null,
      holderCode: creditCode,
      resourceId: resource?.id ?? null,
      certificateTypeCode: licenceType,
      applicationId: null,
      purpose: "legalRepresentativeCheck",
      legalBasis: resource?.legalBasis ?? null,
      outcome: "allowed",
      recordCount: licence ? 1 : 0,
    });
  if (!licence) return null;
  return {
    number: licence.number,
    creditCode,
    name: licence.fields.name ?? licence.holderName,
    legalRepresentative: licence.fields.legalRepresentative ?? "",
    legalRepresentativeIdNumber: licence.fields.legalRepresentativeIdNumber ?? null,
  };
}
