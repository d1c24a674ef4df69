import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { FileDataResource, FileGrant } from "./inputs";
import { ensureDepartmentKeys } from "./registry";
import { dataResources, grants } from "./schema";

type ImportMode = "upsert" | "insertOnly";

interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const dayMs = 86_400_000;

/**
 * Loads the data-sharing part of a province file inside the caller's transaction: resources by
 * code, grants by (resource, consumer department). A resource's `lastUpdatedAt` is the provider's
 * fact, set only when the resource is created. A grant already there is left as it is, whatever
 * the file says: once it exists it moves only through its machine (the provider approves,
 * rejects or revokes it, audited), never by an import. Gives every department a signing key.
 */
export async function importSharing(
  tx: Db,
  part: { dataResources: readonly FileDataResource[]; grants: readonly FileGrant[] },
  departmentId: ReadonlyMap<string, string>,
  mode: ImportMode,
  now: Date,
): Promise<{ dataResources: ImportCounts; grants: ImportCounts }> {
  const result = { dataResources: { created: 0, updated: 0, unchanged: 0 }, grants: { created: 0, updated: 0, unchanged: 0 } };
  const dept = (code: string) => {
    const id = departmentId.get(code);
    if (!id) throw new Error(`department ${code} not loaded`);
    return id;
  };
  const rows = new Map((await tx.select().from(dataResources)).map((r) => [r.code, r]));
  for (const r of part.dataResources) {
    const values = {
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      providerDepartmentId: dept(r.provider),
      fields: r.fields,
      shareType: r.shareType,
      openType: r.openType,
      updateFrequency: r.updateFrequency,
      legalBasis: r.legalBasis,
      certificateTypeCode: r.certificateType,
    };
    const row = rows.get(r.code);
    if (!row) {
      await tx.insert(dataResources).values({ code: r.code, ...values, lastUpdatedAt: new Date(now.getTime() - r.lastUpdatedDaysAgo * dayMs) });
      result.dataResources.created++;
    } else if (
      mode === "upsert" &&
      JSON.stringify([
        row.nameZh,
        row.nameEn,
        row.providerDepartmentId,
        row.fields,
        row.shareType,
        row.openType,
        row.updateFrequency,
        row.legalBasis,
        row.certificateTypeCode,
      ]) !== JSON.stringify(Object.values(values))
    ) {
      await tx
        .update(dataResources)
        .set({ ...values, updatedAt: now })
        .where(eq(dataResources.id, row.id));
      result.dataResources.updated++;
    } else result.dataResources.unchanged++;
  }

  const resourceId = new Map((await tx.select({ id: dataResources.id, code: dataResources.code }).from(dataResources)).map((r) => [r.code, r.id]));
  const have = new Set(
    (await tx.select({ resourceId: grants.resourceId, consumer: grants.consumerDepartmentId }).from(grants)).map((g) => `${g.resourceId}|${g.consumer}`),
  );
  for (const g of part.grants) {
    const rid = resourceId.get(g.resource);
    if (!rid) throw new Error(`data resource ${g.resource} not loaded`);
    const consumer = dept(g.consumer);
    if (have.has(`${rid}|${consumer}`)) {
      result.grants.unchanged++;
      continue;
    }
    await tx
      .insert(grants)
      .values({
        resourceId: rid,
        consumerDepartmentId: consumer,
        serviceCodes: g.services,
        status: g.status,
        purpose: g.purpose,
        decidedAt: g.status === "approved" ? now : null,
      });
    have.add(`${rid}|${consumer}`);
    result.grants.created++;
  }
  await ensureDepartmentKeys(tx);
  return result;
}
