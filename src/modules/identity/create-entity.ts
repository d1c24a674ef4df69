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
