import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { formatTrackingNumber } from "./model";
import { trackingSequences } from "./schema";

/** The next tracking number of a division and day; the upsert makes concurrent submissions safe. */
export async function nextTrackingNumber(tx: Db, divisionCode: string, day: string): Promise<string> {
  const [row] = await tx
    .insert(trackingSequences)
    .values({ divisionCode, day, last: 1 })
    .onConflictDoUpdate({ target: [trackingSequences.divisionCode, trackingSequences.day], set: { last: sql`${trackingSequences.last} + 1` } })
    .returning({ last: trackingSequences.last });
  if (!row) throw new Error("tracking sequence not returned");
  return formatTrackingNumber(divisionCode, day, row.last);
}
