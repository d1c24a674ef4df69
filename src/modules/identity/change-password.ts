import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { ZChangePasswordInput } from "./inputs";
import type { IdentityAuditAction, Actor } from "./model";
import { hashPassword, verifyPassword } from "./password";
import { endAllSessions } from "./sessions";
import { users } from "./schema";

/**
 * The signed-in person changes their password, proving the current one; every other session of
 * theirs ends at once (whoever else had it is signed out), this one stays.
 */
export async function changePassword(db: Db, actor: Actor, input: z.output<typeof ZChangePasswordInput>, now: Date = new Date()) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!user?.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new DomainError("invalidInput", "identity.errors.wrongPassword", { field: "currentPassword" });
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.userId));
    const ended = await endAllSessions(tx, actor.userId, "passwordChanged", now, actor.sessionId);
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: `user:${actor.userId}`,
      actor: { userId: actor.userId, role: actor.role },
      action: "account.changePassword",
      entityType: "user",
      entityId: actor.userId,
      data: { sessionsEnded: ended },
      at: now,
    });
    return { sessionsEnded: ended };
  });
}
