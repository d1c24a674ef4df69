import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { ZRegisterEnterpriseInput } from "./inputs";
import { hashPassword } from "./password";
import { agents, entities, users } from "./schema";

/**
 * Self-service registration of an enterprise: the entity, its account (signing in with the credit
 * code) and the account's agent link, in one transaction. A code already registered is a conflict
 * on the credit code field and writes nothing.
 */
export async function registerEnterprise(db: Db, input: z.output<typeof ZRegisterEnterpriseInput>) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Insert-or-nothing rather than check-then-insert: two simultaneous registrations, one wins.
    const [entity] = await tx
      .insert(entities)
      .values({
        creditCode: input.creditCode,
        name: input.name,
        legalRepresentative: input.legalRepresentative,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
      })
      .onConflictDoNothing()
      .returning({ id: entities.id });
    if (!entity) throw new DomainError("conflict", "errors.creditCodeTaken", { field: "creditCode" });

    const [user] = await tx
      .insert(users)
      .values({ role: "enterprise", login: input.creditCode, displayName: input.name, passwordHash, phone: input.contactPhone })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) throw new DomainError("conflict", "errors.creditCodeTaken", { field: "creditCode" });

    await tx.insert(agents).values({ userId: user.id, entityId: entity.id, kind: "account" });
    return { userId: user.id, entityId: entity.id, login: input.creditCode };
  });
}
