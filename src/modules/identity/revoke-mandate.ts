import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { notify } from "../notifications/notify";
import { managesMandate } from "./grant-mandate";
import type { ZRevokeMandateInput } from "./inputs";
import type { IdentityAuditAction, Actor } from "./model";
import { applicantUserIds } from "./recipients";
import { citizens, entities, mandates } from "./schema";

/**
 * Revokes a mandate at once: by whoever may grant it (the enterprise's legal representative or
 * an administrator; the person who authorised an agent), or by its holder giving it up. The
 * holder's very next request no longer acts for the principal, and the principal's cases are no
 * longer theirs to see. Revoking a revoked mandate is a conflict.
 */
export async function revokeMandate(db: Db, actor: Actor, input: z.output<typeof ZRevokeMandateInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const [m] = await tx.select().from(mandates).where(eq(mandates.id, input.mandateId)).for("update");
    if (!m) throw new DomainError("notFound", "errors.notFound");
    const holder = actor.role === "citizen" && !actor.agency && actor.personId === m.agentPersonId;
    if (!managesMandate(actor, m) && !holder) throw new DomainError("notFound", "errors.notFound");
    const [row] = await tx
      .update(mandates)
      .set({ revokedAt: now, revokedBy: actor.userId, revocationReason: input.reason || null })
      .where(and(eq(mandates.id, m.id), isNull(mandates.revokedAt)))
      .returning({ id: mandates.id });
    if (!row) throw new DomainError("conflict", "identity.errors.mandateAlreadyRevoked");
    const streamId = m.entityId ? `entity:${m.entityId}` : `person:${m.principalPersonId}`;
    await recordAudit<IdentityAuditAction>(tx, {
      streamId,
      actor: { userId: actor.userId, role: actor.role },
      action: "mandate.revoke",
      entityType: "mandate",
      entityId: m.id,
      from: "granted",
      to: "revoked",
      data: { reason: input.reason || null, byHolder: holder },
      at: now,
    });
    const [agent] = await tx.select({ name: citizens.name, userId: citizens.userId }).from(citizens).where(eq(citizens.id, m.agentPersonId));
    const [principal] = m.entityId
      ? await tx.select({ name: entities.name }).from(entities).where(eq(entities.id, m.entityId))
      : await tx
          .select({ name: citizens.name })
          .from(citizens)
          .where(eq(citizens.id, m.principalPersonId ?? ""));
    // Told: the principal's people (after the revocation, so the former holder is not among them) and the former holder.
    const to = new Set(await applicantUserIds(tx, { entityId: m.entityId, personId: m.principalPersonId }, now));
    if (agent?.userId) to.add(agent.userId);
    await notify(tx, { kind: "mandateRevoked", to: { userIds: [...to] }, params: { principal: principal?.name ?? "", agent: agent?.name ?? "" } });
    return { id: m.id };
  });
}
