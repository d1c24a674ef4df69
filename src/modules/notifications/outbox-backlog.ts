import { isNull, min, count } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { outbox } from "./schema";

/** The outbox's backlog: rows not yet dispatched, and how long the oldest of them has waited. */
export interface OutboxBacklog {
  pending: number;
  oldestAgeSeconds: number;
}

/**
 * How far the dispatcher is behind (the operations metrics): one aggregate over the undispatched
 * rows, on the dispatcher's own index (`outbox_pending_idx`: processed_at, created_at).
 */
export async function outboxBacklog(db: Db, now: Date = new Date()): Promise<OutboxBacklog> {
  const [row] = await db
    .select({ pending: count(), oldest: min(outbox.createdAt) })
    .from(outbox)
    .where(isNull(outbox.processedAt));
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0 };
}
