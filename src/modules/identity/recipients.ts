import { and, eq, gte, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { shanghaiDate } from "@/lib/dates";
import { citizens, entities, mandates, users } from "./schema";

/**
 * The accounts to tell about something of an applicant: for a person, their own account and the
 * agents acting for them today; for an enterprise, its legal representative's account and every
 * mandate holder in force today. A former agent is told nothing more.
 */
export async function applicantUserIds(db: Db, applicant: { entityId: string | null; personId: string | null }, now: Date = new Date()): Promise<string[]> {
  const today = shanghaiDate(now);
  const ids = new Set<string>();
  const inForce = and(isNull(mandates.revokedAt), lte(mandates.startsOn, today), gte(mandates.endsOn, today));
  if (applicant.entityId) {
    const rep = await db
      .select({ userId: citizens.userId })
      .from(entities)
      .innerJoin(citizens, eq(citizens.idNumber, entities.legalRepresentativeIdNumber))
      .where(and(eq(entities.id, applicant.entityId), isNotNull(citizens.userId)));
    for (const r of rep) if (r.userId) ids.add(r.userId);
    const agents = await db
      .select({ userId: citizens.userId })
      .from(mandates)
      .innerJoin(citizens, eq(citizens.id, mandates.agentPersonId))
      .where(and(eq(mandates.entityId, applicant.entityId), inForce, isNotNull(citizens.userId)));
    for (const a of agents) if (a.userId) ids.add(a.userId);
  } else if (applicant.personId) {
    const [own] = await db.select({ userId: citizens.userId }).from(citizens).where(eq(citizens.id, applicant.personId));
    if (own?.userId) ids.add(own.userId);
    const agents = await db
      .select({ userId: citizens.userId })
      .from(mandates)
      .innerJoin(citizens, eq(citizens.id, mandates.agentPersonId))
      .where(and(eq(mandates.principalPersonId, applicant.personId), inForce, isNotNull(citizens.userId)));
    for (const a of agents) if (a.userId) ids.add(a.userId);
  }
  // Only accounts that can still sign in.
  if (ids.size === 0) return [];
  const active = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...ids]), eq(users.active, true)));
  const live = new Set(active.map((u) => u.id));
  return [...ids].filter((id) => live.has(id)).sort();
}
