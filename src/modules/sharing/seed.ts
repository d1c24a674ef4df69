import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { materialDefs, serviceDefs } from "../catalog/seed-data";
import { departments } from "../identity/schema";
import { ensureDepartmentKeys } from "./registry";
import { dataResources, grants } from "./schema";
import { pendingGrantDefs, resourceDefs } from "./seed-data";

const dayMs = 86_400_000;

/**
 * Seeds the data-sharing catalog and its grants, and a signing key for every department.
 * Insert-or-nothing on natural keys: what the data office changed since stays. Needs the
 * departments and the service catalog.
 */
export async function seedSharing(db: Db, now: Date = new Date()): Promise<void> {
  await ensureDepartmentKeys(db);
  await db.transaction(async (tx) => {
    const deptRows = await tx.select({ id: departments.id, code: departments.code }).from(departments);
    const dept = new Map(deptRows.map((d) => [d.code, d.id]));
    const deptId = (code: string) => {
      const id = dept.get(code);
      if (!id) throw new Error(`sharing seed: department ${code} does not exist`);
      return id;
    };
    await tx
      .insert(dataResources)
      .values(
        resourceDefs.map((r) => ({
          code: r.code,
          nameZh: r.nameZh,
          nameEn: r.nameEn,
          providerDepartmentId: deptId(r.provider),
          fields: r.fields,
          shareType: r.shareType,
          openType: r.openType,
          updateFrequency: r.updateFrequency,
          lastUpdatedAt: new Date(now.getTime() - r.lastUpdatedDaysAgo * dayMs),
          legalBasis: r.legalBasis,
          certificateTypeCode: r.certificateType,
        })),
      )
      .onConflictDoNothing();
    const resources = await tx
      .select({ id: dataResources.id, code: dataResources.code, certificateTypeCode: dataResources.certificateTypeCode, provider: dataResources.providerDepartmentId })
      .from(dataResources)
      .where(inArray(dataResources.code, resourceDefs.map((r) => r.code)));
    const byType = new Map(resources.flatMap((r) => (r.certificateTypeCode ? [[r.certificateTypeCode, r] as const] : [])));
    const byCode = new Map(resources.map((r) => [r.code, r]));

    // (resource, consumer) → the services it is read for and their legal bases.
    const wanted = new Map<string, { resourceId: string; consumer: string; services: Set<string>; bases: Set<string> }>();
    for (const s of serviceDefs) {
      for (const m of s.materials) {
        const typeCode = (materialDefs as Record<string, { certificateType?: string }>)[m.key]?.certificateType;
        const resource = typeCode ? byType.get(typeCode) : undefined;
        if (!resource) continue;
        const consumer = deptId(s.department);
        if (consumer === resource.provider) continue; // a department reads its own data without a grant
        const key = `${resource.id}|${consumer}`;
        const entry = wanted.get(key) ?? { resourceId: resource.id, consumer, services: new Set(), bases: new Set() };
        entry.services.add(s.code);
        entry.bases.add(m.legalBasis);
        wanted.set(key, entry);
      }
    }
    if (wanted.size > 0) {
      await tx
        .insert(grants)
        .values(
          [...wanted.values()].map((w) => ({
            resourceId: w.resourceId,
            consumerDepartmentId: w.consumer,
            serviceCodes: [...w.services].sort(),
            status: "approved" as const,
            purpose: [...w.bases].join("；"),
            decidedAt: now,
          })),
        )
        .onConflictDoNothing();
    }
    for (const p of pendingGrantDefs) {
      const resource = byCode.get(p.resource);
      if (!resource) continue;
      const [have] = await tx
        .select({ id: grants.id })
        .from(grants)
        .where(and(eq(grants.resourceId, resource.id), eq(grants.consumerDepartmentId, deptId(p.consumer))));
      if (!have) await tx.insert(grants).values({ resourceId: resource.id, consumerDepartmentId: deptId(p.consumer), serviceCodes: p.services, status: "requested", purpose: p.purpose });
    }
  });
}
