import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import type { ZResourceRef, ZUpdateResourceInput } from "./inputs";
import { dataResources } from "./schema";
import type { SharingAuditAction } from "./model";

/** The data office sets a resource's share and open types, update frequency and legal basis. */
export async function updateResource(db: Db, actor: Actor, input: z.output<typeof ZUpdateResourceInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(dataResources).where(eq(dataResources.code, input.code)).for("update");
    if (!before) throw new DomainError("notFound", "errors.notFound");
    const [after] = await tx
      .update(dataResources)
      .set({ shareType: input.shareType, openType: input.openType, updateFrequency: input.updateFrequency, legalBasis: input.legalBasis, updatedAt: now })
      .where(eq(dataResources.id, before.id))
      .returning();
    await recordAudit<SharingAuditAction>(tx, {
      streamId: "sharing-catalog",
      actor: { userId: actor.userId, role: actor.role },
      action: "resource.update",
      entityType: "dataResource",
      entityId: before.id,
      data: {
        code: before.code,
        from: { shareType: before.shareType, openType: before.openType, updateFrequency: before.updateFrequency, legalBasis: before.legalBasis },
        to: { shareType: input.shareType, openType: input.openType, updateFrequency: input.updateFrequency, legalBasis: input.legalBasis },
      },
      at: now,
    });
    return { code: after!.code, shareType: after!.shareType, openType: after!.openType, updateFrequency: after!.updateFrequency };
  });
}

/**
 * Records that the provider updated a resource (the data office, or a reviewer of the provider
 * department), which clears its overdue flag.
 */
export async function markResourceUpdated(db: Db, actor: Actor, input: z.output<typeof ZResourceRef>, now: Date = new Date()) {
  if (actor.role !== "dataOffice" && actor.role !== "reviewer") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(dataResources)
      .set({ lastUpdatedAt: now, updatedAt: now })
      .where(and(eq(dataResources.code, input.code), actor.role === "reviewer" ? eq(dataResources.providerDepartmentId, actor.departmentId ?? "") : undefined))
      .returning({ id: dataResources.id, code: dataResources.code, lastUpdatedAt: dataResources.lastUpdatedAt });
    if (!row) throw new DomainError("notFound", "errors.notFound");
    await recordAudit<SharingAuditAction>(tx, {
      streamId: "sharing-catalog",
      actor: { userId: actor.userId, role: actor.role },
      action: "resource.updated",
      entityType: "dataResource",
      entityId: row.id,
      data: { code: row.code },
      at: now,
    });
    return row;
  });
}
