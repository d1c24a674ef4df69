import { eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { formatTrackingNumber } from "./model";
import { applications, trackingSequences } from "./schema";
import type { ApplicationRow } from "./transition";

/**
 * The next tracking number of a division and day; the upsert makes concurrent submissions safe.
 *
 * The counter row stays locked until the caller's transaction ends, so every submission of the
 * division and day waits for the one before it to commit. Take the number at the very end of the
 * transaction (`assignTrackingNumber`): then the wait is only for the other's last statements and
 * its commit, not for its checks, materials, audit and notifications. The numbers stay dense (no
 * gaps): a transaction that rolls back gives its number back with the counter.
 */
export async function nextTrackingNumber(tx: Db, divisionCode: string, day: string): Promise<string> {
  const [row] = await tx
    .insert(trackingSequences)
    .values({ divisionCode, day, last: 1 })
    .onConflictDoUpdate({ target: [trackingSequences.divisionCode, trackingSequences.day], set: { last: sql`${trackingSequences.last} + 1` } })
    .returning({ last: trackingSequences.last });
  if (!row) throw new Error("tracking sequence not returned");
  return formatTrackingNumber(divisionCode, day, row.last);
}

/**
 * Numbers a submitted application that has none yet: call it last in the submitting transaction
 * (only what needs the number may follow). Not a status change: the row stays `submitted`.
 */
export async function assignTrackingNumber(tx: Db, app: ApplicationRow, day: string): Promise<ApplicationRow> {
  if (app.trackingNumber) return app;
  const trackingNumber = await nextTrackingNumber(tx, app.divisionCode, day);
  const [row] = await tx.update(applications).set({ trackingNumber }).where(eq(applications.id, app.id)).returning();
  if (!row) throw new Error("application row missing when numbered");
  return row;
}
