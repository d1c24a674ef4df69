import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { identityRegisters } from "./ports";
import type { ZRegisterCitizenInput } from "./inputs";
import { hashPassword } from "./password";
import { citizens, users } from "./schema";
import type { IdentityAuditAction } from "./model";

/**
 * Self-service registration of a citizen, who signs in with the ID number. The name and ID
 * number are verified against public security's population register first (实名核验): a mismatch
 * is refused without saying which part was wrong, and writes nothing but the log line the person
 * will see. Nothing is issued: the resident ID card is already the register's.
 */
export async function registerCitizen(db: Db, input: z.output<typeof ZRegisterCitizenInput>, now: Date = new Date()) {
  const passwordHash = await hashPassword(input.password);
  // The match is logged in its own transaction: a refused registration leaves that trace only.
  if (!(await db.transaction((tx) => identityRegisters.get().matchPerson(tx, { idNumber: input.idNumber, name: input.name }, null)))) {
    throw new DomainError("invalidInput", "identity.errors.notInRegister", { field: "idNumber" });
  }
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        role: "citizen",
        login: input.idNumber,
        displayName: input.name,
        passwordHash,
        phone: input.phone,
        verification: "populationRegister",
        verifiedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) throw new DomainError("conflict", "errors.idNumberTaken", { field: "idNumber" });

    // The person may already be known without an account (named in a mandate, keyed in at the
    // window): the verified account takes that record; one that has an account is a conflict.
    await tx.insert(citizens).values({ idNumber: input.idNumber, name: input.name, phone: input.phone }).onConflictDoNothing();
    const [citizen] = await tx
      .update(citizens)
      .set({ userId: user.id, name: input.name, phone: input.phone })
      .where(and(eq(citizens.idNumber, input.idNumber), isNull(citizens.userId)))
      .returning({ id: citizens.id });
    if (!citizen) throw new DomainError("conflict", "errors.idNumberTaken", { field: "idNumber" });
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: `user:${user.id}`,
      actor: { userId: user.id, role: "citizen" },
      action: "account.register",
      entityType: "user",
      entityId: user.id,
      data: { verification: "populationRegister" },
      at: now,
    });
    return { userId: user.id, citizenId: citizen.id, login: input.idNumber };
  });
}
