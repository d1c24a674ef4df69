import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextGrantStatus, type GrantAuditAction, type GrantEvent } from "./model";
import { grants } from "./schema";

export type GrantRow = typeof grants.$inferSelect;

/** Grants are audited in the sharing catalog's stream, with the resources they open. */
export const sharingCatalogStream = "sharing-catalog";

/**
 * Moves a grant by one event of its machine — the only way a grant's status changes: the table
 * decides (an illegal move is an `illegalTransition`), the row moves by compare-and-set on status
 * and version (a stale one is a conflict), and the audit event is written in the same transaction.
 */
export async function applyGrantEvent(
  tx: Db,
  grant: GrantRow,
  event: GrantEvent,
  options: { actor: Actor; now: Date; patch?: Partial<typeof grants.$inferInsert>; data?: Record<string, unknown> },
): Promise<GrantRow> {
  const to = nextGrantStatus(grant.status, event);
  const [updated] = await tx
    .update(grants)
    .set({ ...options.patch, status: to, version: grant.version + 1 })
    .where(and(eq(grants.id, grant.id), eq(grants.status, grant.status), eq(grants.version, grant.version)))
    .returning();
  if (!updated) throw new DomainError("conflict", "errors.staleVersion");
  await recordAudit<GrantAuditAction>(tx, {
    streamId: sharingCatalogStream,
    actor: { userId: options.actor.userId, role: options.actor.role },
    action: `grant.${event}`,
    entityType: "grant",
    entityId: grant.id,
    from: grant.status,
    to,
    data: options.data,
    at: options.now,
  });
  return updated;
}
