import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { identityRegisters } from "./ports";
import type { IdentityAuditAction, Actor } from "./model";
import { citizens, users } from "./schema";

/**
 * 实名核验 for an account made before registration checked the population register: its name
 * and ID number are matched now. A mismatch is refused without saying which part; the account
 * stays unverified and cannot apply until public security corrects the record or the person
 * signs in through the province's identity platform.
 */
export async function verifyIdentity(db: Db, actor: Actor, now: Date = new Date()) {
  if (actor.role !== "citizen" || actor.agency || !actor.personId) throw new DomainError("forbidden", "errors.forbidden");
  const personId = actor.personId;
  return db.transaction(async (tx) => {
    const [me] = await tx.select({ idNumber: citizens.idNumber, name: citizens.name }).from(citizens).where(eq(citizens.id, personId));
    if (!me) throw new DomainError("forbidden", "errors.forbidden");
    if (!(await identityRegisters.get().matchPerson(tx, me, actor))) throw new DomainError("invalidInput", "identity.errors.notInRegister");
    await tx.update(users).set({ verification: "populationRegister", verifiedAt: now }).where(eq(users.id, actor.userId));
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: `user:${actor.userId}`,
      actor: { userId: actor.userId, role: actor.role },
      action: "account.verify",
      entityType: "user",
      entityId: actor.userId,
      data: { verification: "populationRegister" },
      at: now,
    });
    return { verification: "populationRegister" as const };
  });
}

/** Whether the account behind the actor is real-name verified (needed to apply). */
export async function isVerified(db: Db, userId: string): Promise<boolean> {
  const [u] = await db.select({ v: users.verification }).from(users).where(eq(users.id, userId));
  return u !== undefined && u.v !== "none";
}
