import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "../calendar/model";
import { recordResidentIdCard } from "../sharing/registry";
import type { Db } from "@/server/db/client";
import type { ZRegisterCitizenInput } from "./inputs";
import { hashPassword } from "./password";
import { citizens, users } from "./schema";

/**
 * Self-service registration of a citizen, who signs in with the ID number. A number already
 * registered is a conflict on the ID number field and writes nothing.
 */
export async function registerCitizen(db: Db, input: z.output<typeof ZRegisterCitizenInput>) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ role: "citizen", login: input.idNumber, displayName: input.name, passwordHash, phone: input.phone })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) throw new DomainError("conflict", "errors.idNumberTaken", { field: "idNumber" });

    const [citizen] = await tx
      .insert(citizens)
      .values({ userId: user.id, idNumber: input.idNumber, name: input.name, phone: input.phone })
      .onConflictDoNothing()
      .returning({ id: citizens.id });
    // The person may be known (e.g. from a record) without an account: an account must not claim it.
    if (!citizen) throw new DomainError("conflict", "errors.idNumberTaken", { field: "idNumber" });
    // Real-name verification (实名核验) against public security's population records, which in
    // the demo province stand in as the registry's resident ID card: from then on the card is
    // supplied by government and never uploaded.
    await recordResidentIdCard(tx, { idNumber: input.idNumber, name: input.name, verifiedOn: shanghaiDate(new Date()) });
    return { userId: user.id, citizenId: citizen.id, login: input.idNumber };
  });
}
