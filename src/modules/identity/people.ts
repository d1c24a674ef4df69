import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { identityRegisters } from "./ports";
import type { Actor } from "./model";
import { citizens } from "./schema";

/**
 * The person record for a name and ID number that someone else typed (a mandate's holder, a
 * walk-in applicant): verified against the population register, created without an account when
 * the portal does not know the person yet. A mismatch is refused on `field` without saying which
 * part was wrong.
 */
export async function verifiedPerson(
  tx: Db,
  person: { idNumber: string; name: string },
  reader: Actor,
  field: string,
): Promise<{ id: string; userId: string | null; name: string }> {
  if (!(await identityRegisters.get().matchPerson(tx, person, reader))) throw new DomainError("invalidInput", "identity.errors.personNotInRegister", { field });
  await tx.insert(citizens).values({ idNumber: person.idNumber, name: person.name }).onConflictDoNothing();
  const [row] = await tx.select({ id: citizens.id, userId: citizens.userId, name: citizens.name }).from(citizens).where(eq(citizens.idNumber, person.idNumber));
  if (!row) throw new Error("person missing after upsert");
  return row;
}
