import { and, eq, isNull } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor, IdentityAuditAction } from "./model";
import { entities } from "./schema";

/** What a change registration may change of an entity's record. */
export interface EntityChange {
  name?: string;
  legalRepresentative?: string;
  /** Who acts for the entity by right from now on (the licence names them). */
  legalRepresentativeIdNumber?: string;
}

/**
 * Records the particulars market regulation approved in a change registration (变更登记), in the
 * approving transaction. A new legal representative acts for the entity by right at once, and the
 * former one no longer does (acting is derived from the entity row each time an actor is made).
 */
export async function recordEntityChange(tx: Db, entityId: string, change: EntityChange, actor: Actor | null, now: Date, streamId: string): Promise<void> {
  const patch = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as EntityChange;
  if (Object.keys(patch).length === 0) return;
  const [before] = await tx.select({ name: entities.name, legalRepresentative: entities.legalRepresentative }).from(entities).where(eq(entities.id, entityId));
  const [row] = await tx
    .update(entities)
    .set(patch)
    .where(and(eq(entities.id, entityId), isNull(entities.deregisteredAt)))
    .returning({ id: entities.id });
  if (!row || !before) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<IdentityAuditAction>(tx, {
    streamId,
    actor: actor ? { userId: actor.userId, role: actor.role } : null,
    action: "entity.change",
    entityType: "entity",
    entityId,
    // The ID number is not written to the log: the licence keeps it.
    data: {
      before: { name: before.name, legalRepresentative: before.legalRepresentative },
      after: { name: patch.name, legalRepresentative: patch.legalRepresentative },
    },
    at: now,
  });
}

/**
 * Marks an entity deregistered (注销登记), in the approving transaction: from then on it may not
 * apply, and its public record says so. Deregistering twice is a conflict.
 */
export async function deregisterEntity(tx: Db, entityId: string, actor: Actor | null, now: Date, streamId: string): Promise<void> {
  const [row] = await tx
    .update(entities)
    .set({ deregisteredAt: now })
    .where(and(eq(entities.id, entityId), isNull(entities.deregisteredAt)))
    .returning({ creditCode: entities.creditCode });
  if (!row) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<IdentityAuditAction>(tx, {
    streamId,
    actor: actor ? { userId: actor.userId, role: actor.role } : null,
    action: "entity.deregister",
    entityType: "entity",
    entityId,
    to: "deregistered",
    data: { creditCode: row.creditCode },
    at: now,
  });
}

/** An entity's public standing by its credit code (企业信息公示): its name and whether it was deregistered. */
export async function entityStanding(db: Db, creditCode: string): Promise<{ name: string; deregisteredAt: Date | null } | null> {
  const [row] = await db.select({ name: entities.name, deregisteredAt: entities.deregisteredAt }).from(entities).where(eq(entities.creditCode, creditCode));
  return row ?? null;
}
