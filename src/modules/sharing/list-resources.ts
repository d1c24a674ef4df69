import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { certificateTypes } from "../catalog/schema";
import { departments } from "../identity/schema";
import { isUpdateOverdue, nextUpdateDue } from "./model";
import { dataResources, grants } from "./schema";

/** The data-sharing catalog with each resource's overdue flag and its grants. */
export async function listResources(db: Db, now: Date = new Date()) {
  const rows = await db
    .select({
      r: dataResources,
      providerCode: departments.code,
      providerNameZh: departments.nameZh,
      providerNameEn: departments.nameEn,
      typeFields: certificateTypes.fields,
    })
    .from(dataResources)
    .innerJoin(departments, eq(departments.id, dataResources.providerDepartmentId))
    .leftJoin(certificateTypes, eq(certificateTypes.code, dataResources.certificateTypeCode))
    .orderBy(asc(departments.code), asc(dataResources.code));
  const grantCounts = await db
    .select({ resourceId: grants.resourceId, status: grants.status, n: sql<number>`count(*)::int` })
    .from(grants)
    .groupBy(grants.resourceId, grants.status);
  const countsOf = (id: string, status: string) => grantCounts.find((g) => g.resourceId === id && g.status === status)?.n ?? 0;
  return rows.map(({ r, providerCode, providerNameZh, providerNameEn, typeFields }) => ({
    id: r.id,
    code: r.code,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    provider: { code: providerCode, nameZh: providerNameZh, nameEn: providerNameEn },
    // A certificate resource holds its type's shared fields (one definition, the catalog's); another
    // resource lists its own.
    fields: typeFields
      ? typeFields.filter((f) => f.shared).map((f) => ({ key: f.key, nameZh: f.nameZh as string | null, nameEn: f.nameEn as string | null }))
      : r.fields.map((key) => ({ key, nameZh: null, nameEn: null })),
    shareType: r.shareType,
    openType: r.openType,
    updateFrequency: r.updateFrequency,
    lastUpdatedAt: r.lastUpdatedAt,
    nextUpdateDue: nextUpdateDue(r.updateFrequency, r.lastUpdatedAt),
    overdue: isUpdateOverdue(r.updateFrequency, r.lastUpdatedAt, now),
    legalBasis: r.legalBasis,
    certificateTypeCode: r.certificateTypeCode,
    grants: { approved: countsOf(r.id, "approved"), requested: countsOf(r.id, "requested") },
  }));
}
