import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { newCatalogVersion } from "./catalog-version";
import type { ZRemoveMaterialInput } from "./inputs";
import type { CatalogAuditAction } from "./model";
import { materials, services } from "./schema";

/**
 * The data office stops a service asking for a material. The row goes (nothing references it:
 * an application holds its own copy of the plan, materials included), with a new catalog version
 * and an audit event that keeps what it said, in one transaction.
 */
export async function removeMaterial(db: Db, actor: Actor, input: z.output<typeof ZRemoveMaterialInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const [service] = await tx.select({ id: services.id, code: services.code }).from(services).where(eq(services.code, input.serviceCode)).for("update");
    if (!service) throw new DomainError("notFound", "errors.notFound");
    const [removed] = await tx
      .delete(materials)
      .where(and(eq(materials.serviceId, service.id), eq(materials.key, input.key)))
      .returning();
    if (!removed) throw new DomainError("notFound", "errors.notFound");
    const catalogVersion = await newCatalogVersion(tx, {
      reason: "catalog.removeMaterial",
      subject: `${service.code}.${input.key}`,
      actorUserId: actor.userId,
      now,
    });
    const { id: _id, serviceId: _serviceId, ...before } = removed;
    await recordAudit<CatalogAuditAction>(tx, {
      streamId: "catalog",
      actor: { userId: actor.userId, role: actor.role },
      action: "catalog.removeMaterial",
      entityType: "material",
      entityId: removed.id,
      data: { serviceCode: service.code, key: input.key, before, catalogVersion },
      at: now,
    });
    return { serviceCode: service.code, key: input.key, catalogVersion };
  });
}
