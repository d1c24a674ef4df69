import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { entities } from "./schema";

export interface NewEntityFacts {
  name: string;
  legalRepresentative: string;
  legalRepresentativeIdNumber: string;
  contactName: string;
  contactPhone: string;
}

/**
 * Records a market entity the moment it is registered (starting a business), under the first code
 * `nextCode` offers that no entity holds yet. A code already held (one claimed before enterprises
 * had to show a licence) is skipped, never reused; no one can claim a code without a licence any
 * more, so a run of taken codes is a leftover of that time, and after 50 of them the answer is
 * null (the caller refuses cleanly). Runs in the caller's transaction.
 */
export async function createEntity(
  tx: Db,
  facts: NewEntityFacts,
  nextCode: () => Promise<string>,
  now: Date,
): Promise<{ id: string; creditCode: string } | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const creditCode = await nextCode();
    const [entity] = await tx
      .insert(entities)
      .values({ creditCode, ...facts, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: entities.id, creditCode: entities.creditCode });
    if (entity) return entity;
  }
  return null;
}

/**
 * 多地联办: the enterprise of another region whose bundle this node reviews a part of. It holds no
 * account here and nothing of its registration is copied: only its credit code and name, as the
 * lead node's signed message gave them, so the part's application names its applicant. An
 * enterprise already known here is used as it is. Runs in the caller's transaction.
 */
export async function recordVisitingEntity(tx: Db, holder: { creditCode: string; name: string }, now: Date): Promise<{ id: string }> {
  const [known] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.creditCode, holder.creditCode));
  if (known) return known;
  const created = await createEntity(
    tx,
    { name: holder.name, legalRepresentative: "—", legalRepresentativeIdNumber: "", contactName: "", contactPhone: "" },
    () => Promise.resolve(holder.creditCode),
    now,
  );
  if (!created) throw new Error("visiting entity not recorded");
  return created;
}
