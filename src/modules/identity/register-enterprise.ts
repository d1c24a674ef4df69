import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { identityRegisters } from "./ports";
import type { ZRegisterEnterpriseInput } from "./inputs";
import type { IdentityAuditAction, Actor } from "./model";
import { citizens, entities } from "./schema";

/**
 * 法人注册: the signed-in person registers an enterprise by its credit code. The portal reads the
 * enterprise's business licence in the registry and registers the enterprise only if this person
 * is the legal representative named on it; name and representative are copied from the licence.
 * A code without a valid licence cannot be claimed. Registering again (the enterprise is already
 * known) only confirms it. The caller then lets the person act for it.
 */
export async function registerEnterprise(db: Db, actor: Actor, input: z.output<typeof ZRegisterEnterpriseInput>, now: Date = new Date()) {
  if (actor.role !== "citizen" || actor.agency || !actor.personId) throw new DomainError("forbidden", "identity.errors.registerAsPerson");
  const [me] = await db.select({ idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.id, actor.personId));
  if (!me) throw new DomainError("forbidden", "identity.errors.registerAsPerson");
  return db.transaction(async (tx) => {
    const licence = await identityRegisters.get().readLicenceForClaim(tx, actor, input.creditCode, now);
    if (!licence) throw new DomainError("invalidInput", "identity.errors.noLicence", { field: "creditCode" });
    if (licence.legalRepresentativeIdNumber !== me.idNumber)
      throw new DomainError("forbidden", "identity.errors.notLegalRepresentative", { field: "creditCode" });
    await tx
      .insert(entities)
      .values({
        creditCode: licence.creditCode,
        name: licence.name,
        legalRepresentative: licence.legalRepresentative,
        legalRepresentativeIdNumber: licence.legalRepresentativeIdNumber,
        contactName: licence.legalRepresentative,
        contactPhone: "",
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: entities.creditCode,
        // The licence is the source: a stale name or representative is corrected from it.
        set: { name: licence.name, legalRepresentative: licence.legalRepresentative, legalRepresentativeIdNumber: licence.legalRepresentativeIdNumber },
      });
    const [entity] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.creditCode, licence.creditCode));
    if (!entity) throw new Error("entity missing after upsert");
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: `entity:${entity.id}`,
      actor: { userId: actor.userId, role: actor.role },
      action: "entity.register",
      entityType: "entity",
      entityId: entity.id,
      data: { creditCode: licence.creditCode, licence: licence.number },
      at: now,
    });
    return { entityId: entity.id, creditCode: licence.creditCode, name: licence.name };
  });
}
