import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextRectificationStatus, type RatingsAuditAction, type RectificationEvent } from "./model";
import { rectificationItems } from "./schema";

export type RectificationRow = typeof rectificationItems.$inferSelect;

/** The item, or not found (the same answer for an item the actor may not see). */
export async function loadItem(tx: Db, itemId: string): Promise<RectificationRow> {
  const [item] = await tx.select().from(rectificationItems).where(eq(rectificationItems.id, itemId));
  if (!item) throw new DomainError("notFound", "errors.notFound", { field: "itemId" });
  return item;
}

/**
 * Moves a rectification item by its machine's table (an illegal move throws), compare-and-set on
 * status and version (no row updated: someone acted first), with the fields the event records and
 * its audit event, in the caller's transaction.
 */
export async function moveItem(
  tx: Db,
  item: RectificationRow,
  expectedVersion: number,
  event: RectificationEvent,
  set: Partial<typeof rectificationItems.$inferInsert>,
  actor: Actor,
  now: Date,
  data: Record<string, unknown> = {},
): Promise<RectificationRow> {
  const to = nextRectificationStatus(item.status, event);
  const [row] = await tx
    .update(rectificationItems)
    .set({ ...set, status: to, version: item.version + 1 })
    .where(and(eq(rectificationItems.id, item.id), eq(rectificationItems.status, item.status), eq(rectificationItems.version, expectedVersion)))
    .returning();
  if (!row) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<RatingsAuditAction>(tx, {
    streamId: item.applicationId,
    actor: { userId: actor.userId, role: actor.role },
    action: `rectification.${event}`,
    entityType: "rectificationItem",
    entityId: item.id,
    from: item.status,
    to,
    data,
    at: now,
  });
  return row;
}
