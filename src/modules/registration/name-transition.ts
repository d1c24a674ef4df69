import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextNameStatus, type NameAuditAction, type NameEvent } from "./model";
import { enterpriseNames } from "./schema";

export type NameRow = typeof enterpriseNames.$inferSelect;

/** Names are audited in their own stream, apart from any one application. */
export const namesStream = "enterprise-names";

interface NameEventOptions {
  actor: Actor | null;
  now: Date;
  patch?: Partial<typeof enterpriseNames.$inferInsert>;
  data?: Record<string, unknown>;
  /** The registration is audited in the application's stream, with the enterprise it makes. */
  streamId?: string;
}

/**
 * Moves a name by one event of its machine — the only way a name's status changes: the table
 * decides (an illegal move is an `illegalTransition`), the row moves by compare-and-set on its
 * status (names carry no version: status is all that moves), and the audit event is written in
 * the same transaction.
 */
export async function applyNameEvent(tx: Db, name: Pick<NameRow, "id" | "status" | "fullName">, event: NameEvent, options: NameEventOptions): Promise<NameRow> {
  const to = nextNameStatus(name.status, event);
  const [updated] = await tx
    .update(enterpriseNames)
    .set({ ...options.patch, status: to })
    .where(and(eq(enterpriseNames.id, name.id), eq(enterpriseNames.status, name.status)))
    .returning();
  if (!updated) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<NameAuditAction>(tx, {
    streamId: options.streamId ?? namesStream,
    actor: options.actor ? { userId: options.actor.userId, role: options.actor.role } : null,
    action: `name.${event}`,
    entityType: "enterpriseName",
    entityId: name.id,
    from: name.status,
    to,
    data: { fullName: name.fullName, ...options.data },
    at: options.now,
  });
  return updated;
}

/**
 * The same event for several names (lapsed reservations released together). Every row is checked
 * against the table first — one illegal move refuses them all — then each moves and is audited on
 * its own: one audit row per name, since a name's history is looked up by its id.
 */
export async function applyNameEventToAll(
  tx: Db,
  names: ReadonlyArray<Pick<NameRow, "id" | "status" | "fullName">>,
  event: NameEvent,
  options: Omit<NameEventOptions, "patch">,
): Promise<NameRow[]> {
  for (const n of names) nextNameStatus(n.status, event);
  const moved: NameRow[] = [];
  for (const n of names) moved.push(await applyNameEvent(tx, n, event, options));
  return moved;
}
