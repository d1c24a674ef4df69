import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { forwardingOpenings, type ForwardingItem, type ForwardingSituation } from "./schema";

export type ForwardingOpening = typeof forwardingOpenings.$inferSelect;

/**
 * The opening in force for a forwarded application (异地代收代办): `serviceCode` of
 * `competentRegion`, accepted by a window of `acceptingRegion`. Null: not open to forwarding.
 */
export async function forwardingOpening(
  db: Db,
  key: { competentRegion: string; acceptingRegion: string; serviceCode: string },
): Promise<ForwardingOpening | null> {
  const [row] = await db
    .select()
    .from(forwardingOpenings)
    .where(
      and(
        eq(forwardingOpenings.competentRegion, key.competentRegion),
        eq(forwardingOpenings.acceptingRegion, key.acceptingRegion),
        eq(forwardingOpenings.serviceCode, key.serviceCode),
        isNull(forwardingOpenings.endedAt),
      ),
    );
  return row ?? null;
}

/** Every opening in force (the published list, and the window's choice of services). */
export async function listForwardingOpenings(db: Db, filter: { acceptingRegion?: string } = {}): Promise<ForwardingOpening[]> {
  return db
    .select()
    .from(forwardingOpenings)
    .where(and(isNull(forwardingOpenings.endedAt), filter.acceptingRegion ? eq(forwardingOpenings.acceptingRegion, filter.acceptingRegion) : undefined))
    .orderBy(asc(forwardingOpenings.competentRegion), asc(forwardingOpenings.serviceCode));
}

/**
 * Opens a service to forwarding (data office, or a province file's seed); a second call for the
 * same key changes nothing.
 */
export async function openForwarding(
  db: Db,
  input: {
    competentRegion: string;
    acceptingRegion: string;
    serviceCode: string;
    nameZh: string;
    nameEn: string;
    situations: ForwardingSituation[];
    fields: ForwardingItem[];
    materials: ForwardingItem[];
    legalBasis: string;
  },
  now: Date = new Date(),
): Promise<void> {
  if (input.competentRegion === input.acceptingRegion) throw new Error("a region does not forward to itself");
  await db
    .insert(forwardingOpenings)
    .values({ ...input, openedAt: now })
    .onConflictDoNothing();
}
