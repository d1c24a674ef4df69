import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { regionCodes } from "@/lib/regions";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { sharingCatalogStream } from "./grant-transition";
import { grantInForceStatus, type SharingAuditAction } from "./model";
import { dataAccessLog, dataResources, foreignGrants } from "./schema";

// Reads across regions (issue 14): grants to another region's departments, and the asking node's
// own record of a read it made of a peer's registry.

const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/);

export const ZGrantForeignInput = z.object({
  resourceCode: code,
  consumerRegion: z.enum(regionCodes),
  consumerDepartmentCode: code,
  serviceCodes: z.array(code).min(1).max(50),
  purpose: z.string().trim().min(4).max(500),
});

/**
 * The data office grants a resource of this node to a department of another region for services
 * of that region's catalog (in force at once, audited); granting again replaces the services and
 * purpose. A resource that is not shared cannot be granted.
 */
export async function grantForeignDepartment(db: Db, actor: Actor, input: z.output<typeof ZGrantForeignInput>, now: Date = new Date()) {
  if (actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const [resource] = await tx
      .select({ id: dataResources.id, shareType: dataResources.shareType })
      .from(dataResources)
      .where(eq(dataResources.code, input.resourceCode));
    if (!resource) throw new DomainError("notFound", "errors.notFound", { field: "resourceCode" });
    if (resource.shareType === "notShared") throw new DomainError("invalidInput", "sharing.errors.notShared", { field: "resourceCode" });
    const values = {
      resourceId: resource.id,
      consumerRegion: input.consumerRegion,
      consumerDepartmentCode: input.consumerDepartmentCode,
      serviceCodes: [...new Set(input.serviceCodes)],
      purpose: input.purpose,
      status: grantInForceStatus,
      decidedBy: actor.userId,
      decidedAt: now,
    };
    const [existing] = await tx
      .select({ id: foreignGrants.id, version: foreignGrants.version })
      .from(foreignGrants)
      .where(
        and(
          eq(foreignGrants.resourceId, resource.id),
          eq(foreignGrants.consumerRegion, input.consumerRegion),
          eq(foreignGrants.consumerDepartmentCode, input.consumerDepartmentCode),
        ),
      )
      .for("update");
    const [row] = existing
      ? await tx
          .update(foreignGrants)
          .set({ ...values, version: existing.version + 1 })
          .where(and(eq(foreignGrants.id, existing.id), eq(foreignGrants.version, existing.version)))
          .returning({ id: foreignGrants.id })
      : await tx.insert(foreignGrants).values(values).returning({ id: foreignGrants.id });
    if (!row) throw new DomainError("conflict", "errors.staleVersion");
    await recordAudit<SharingAuditAction>(tx, {
      streamId: sharingCatalogStream,
      actor: { userId: actor.userId, role: actor.role },
      action: "foreignGrant.approve",
      entityType: "foreignGrant",
      entityId: row.id,
      from: existing ? grantInForceStatus : null,
      to: grantInForceStatus,
      data: {
        resourceCode: input.resourceCode,
        consumerRegion: input.consumerRegion,
        consumerDepartmentCode: input.consumerDepartmentCode,
        serviceCodes: values.serviceCodes,
      },
      at: now,
    });
    return { id: row.id };
  });
}

export interface CrossRegionReadRecord {
  /** The department of this node that asked. */
  readerDepartmentId: string;
  readerUserId: string | null;
  readerRole: string | null;
  holderCode: string;
  peerRegion: string;
  typeCodes: readonly string[];
  applicationId: string | null;
  legalBasis: string;
  outcome: "allowed" | "refused";
  /** Message key of why it failed (a peer's refusal, or the peer being down). */
  refusalReason: string | null;
  /** Certificates received, per type. */
  counts: Record<string, number>;
  requestId: string;
  at: Date;
}

/**
 * The asking node's side of a read across regions: one row per type asked for in the holder's
 * data log, naming the region whose registry was read, so the holder sees the read on both nodes.
 */
export async function recordCrossRegionRead(db: Db, r: CrossRegionReadRecord): Promise<void> {
  const typeCodes = [...new Set(r.typeCodes)];
  if (typeCodes.length === 0) return;
  await db
    .insert(dataAccessLog)
    .values(
      typeCodes.map((typeCode) => ({
        at: r.at,
        readerUserId: r.readerUserId,
        readerRole: r.readerRole,
        readerDepartmentId: r.readerDepartmentId,
        holderCode: r.holderCode,
        resourceId: null,
        certificateTypeCode: typeCode,
        applicationId: r.applicationId,
        purpose: "crossRegion" as const,
        legalBasis: r.outcome === "allowed" ? r.legalBasis : null,
        outcome: r.outcome,
        refusalReason: r.refusalReason,
        recordCount: r.counts[typeCode] ?? 0,
        readKey: `exchange:${r.peerRegion}:${r.requestId}:${typeCode}`,
        peerRegion: r.peerRegion,
        peerDepartmentCode: null,
      })),
    )
    .onConflictDoNothing({ target: [dataAccessLog.holderCode, dataAccessLog.readKey] });
}
