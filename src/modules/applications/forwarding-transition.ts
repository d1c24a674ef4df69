import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { nextForwardingStatus, type ForwardingEvent } from "./model";
import { forwardings } from "./schema";

/** Moves a forwarding through its machine: conditional on the status and version read. */
export async function applyForwardingEvent(
  tx: Db,
  row: { id: string; status: (typeof forwardings.$inferSelect)["status"]; version: number },
  event: ForwardingEvent,
  patch: Partial<typeof forwardings.$inferInsert>,
): Promise<boolean> {
  const to = nextForwardingStatus(row.status, event);
  const updated = await tx
    .update(forwardings)
    .set({ ...patch, status: to, version: sql`${forwardings.version} + 1` })
    .where(and(eq(forwardings.id, row.id), eq(forwardings.status, row.status), eq(forwardings.version, row.version)))
    .returning({ id: forwardings.id });
  return updated.length === 1;
}
