import { asc, desc, eq } from "drizzle-orm";
import { regionCodes, regions, type RegionCode } from "@/lib/regions";
import type { Db } from "@/server/db/client";
import { certificateTypes, materials, services } from "../catalog/schema";
import { isCurrentRecognition, type RecognitionStatus } from "./model";
import { recognitions } from "./schema";

/** An entry as the pages and the open JSON show it (no staff ids). */
export interface RecognitionView {
  id: string;
  version: number;
  serviceCode: string;
  serviceNameZh: string;
  serviceNameEn: string;
  foreignRegion: string;
  foreignTypeCode: string;
  foreignTypeNameZh: string;
  foreignTypeNameEn: string;
  localTypeCode: string;
  localTypeNameZh: string;
  localTypeNameEn: string;
  legalBasis: string;
  validFrom: string;
  validUntil: string | null;
  status: RecognitionStatus;
  endedAt: string | null;
}

/** Every entry, current first (by service, region, foreign type), then the ended ones, latest ended first. */
export async function listRecognitions(db: Db): Promise<RecognitionView[]> {
  const rows = await db
    .select({
      id: recognitions.id,
      version: recognitions.version,
      serviceCode: recognitions.serviceCode,
      serviceNameZh: services.nameZh,
      serviceNameEn: services.nameEn,
      foreignRegion: recognitions.foreignRegion,
      foreignTypeCode: recognitions.foreignTypeCode,
      foreignTypeNameZh: recognitions.foreignTypeNameZh,
      foreignTypeNameEn: recognitions.foreignTypeNameEn,
      localTypeCode: recognitions.localTypeCode,
      localTypeNameZh: certificateTypes.nameZh,
      localTypeNameEn: certificateTypes.nameEn,
      legalBasis: recognitions.legalBasis,
      validFrom: recognitions.validFrom,
      validUntil: recognitions.validUntil,
      status: recognitions.status,
      endedAt: recognitions.endedAt,
    })
    .from(recognitions)
    .innerJoin(services, eq(services.code, recognitions.serviceCode))
    .innerJoin(certificateTypes, eq(certificateTypes.code, recognitions.localTypeCode))
    .orderBy(
      asc(recognitions.status),
      asc(recognitions.serviceCode),
      asc(recognitions.foreignRegion),
      asc(recognitions.foreignTypeCode),
      desc(recognitions.endedAt),
      asc(recognitions.id),
    );
  return rows.map((r) => ({ ...r, endedAt: r.endedAt ? r.endedAt.toISOString() : null }));
}

/** The current matrix (entries not ended, including those whose validity starts later). */
export async function currentRecognitions(db: Db): Promise<RecognitionView[]> {
  return (await listRecognitions(db)).filter((r) => isCurrentRecognition(r.status));
}

/**
 * `GET /api/open/recognition.json`: this node's region, when the answer was made, and its current
 * matrix, so other nodes and anyone can read which of their certificates this region accepts.
 */
export async function openRecognitionJson(db: Db, region: RegionCode, now: Date) {
  const entries = await currentRecognitions(db);
  return {
    region,
    regionNameZh: regions[region].nameZh,
    regionNameEn: regions[region].nameEn,
    generatedAt: now.toISOString(),
    entries: entries.map((e) => ({
      service: { code: e.serviceCode, nameZh: e.serviceNameZh, nameEn: e.serviceNameEn },
      foreignRegion: e.foreignRegion,
      foreignCertificateType: { code: e.foreignTypeCode, nameZh: e.foreignTypeNameZh, nameEn: e.foreignTypeNameEn },
      inPlaceOf: { code: e.localTypeCode, nameZh: e.localTypeNameZh, nameEn: e.localTypeNameEn },
      legalBasis: e.legalBasis,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
    })),
  };
}

/**
 * What the data office's form offers: the other regions, each service with the certificate types
 * it asks for (the types a foreign certificate may stand for).
 */
export async function recognitionOptions(db: Db, ownRegion: RegionCode) {
  const rows = await db
    .select({
      code: services.code,
      nameZh: services.nameZh,
      nameEn: services.nameEn,
      typeCode: certificateTypes.code,
      typeNameZh: certificateTypes.nameZh,
      typeNameEn: certificateTypes.nameEn,
    })
    .from(services)
    .innerJoin(materials, eq(materials.serviceId, services.id))
    .innerJoin(certificateTypes, eq(certificateTypes.code, materials.certificateType))
    .orderBy(asc(services.code), asc(certificateTypes.code));
  const byService = new Map<string, { code: string; nameZh: string; nameEn: string; types: { code: string; nameZh: string; nameEn: string }[] }>();
  for (const r of rows) {
    const s = byService.get(r.code) ?? { code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, types: [] };
    if (!s.types.some((t) => t.code === r.typeCode)) s.types.push({ code: r.typeCode, nameZh: r.typeNameZh, nameEn: r.typeNameEn });
    byService.set(r.code, s);
  }
  const types = new Map<string, { code: string; nameZh: string; nameEn: string }>();
  for (const s of byService.values()) for (const t of s.types) types.set(t.code, t);
  return {
    ownRegion,
    regions: regionCodes.filter((r) => r !== ownRegion).map((r) => ({ code: r, nameZh: regions[r].nameZh, nameEn: regions[r].nameEn })),
    services: [...byService.values()],
    certificateTypes: [...types.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
  };
}
