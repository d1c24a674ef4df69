import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextObjectionStatus, type CreditAuditAction, type ObjectionEvent } from "./model";
import { creditObjections } from "./schema";
import { creditStream, type ObjectionRow } from "./transition";

export async function loadObjection(tx: Db, objectionId: string): Promise<ObjectionRow> {
  const [row] = await tx.select().from(creditObjections).where(eq(creditObjections.id, objectionId));
  if (!row) throw new DomainError("notFound", "errors.notFound", { field: "objectionId" });
  return row;
}

/** Moves an objection by its machine (compare-and-set on status and the version the answerer saw), audited. */
export async function moveObjection(
  tx: Db,
  objection: ObjectionRow,
  expectedVersion: number,
  event: ObjectionEvent,
  set: Partial<typeof creditObjections.$inferInsert>,
  actor: Actor,
  now: Date,
  data: Record<string, unknown> = {},
): Promise<ObjectionRow> {
  const to = nextObjectionStatus(objection.status, event);
  const [row] = await tx
    .update(creditObjections)
    .set({ ...set, status: to, version: objection.version + 1 })
    .where(and(eq(creditObjections.id, objection.id), eq(creditObjections.status, objection.status), eq(creditObjections.version, expectedVersion)))
    .returning();
  if (!row) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<CreditAuditAction>(tx, {
    streamId: creditStream(objection.lineageId),
    actor: { userId: actor.userId, role: actor.role },
    action: `creditObjection.${event}`,
    entityType: "creditObjection",
    entityId: objection.id,
    from: objection.status,
    to,
    data,
    at: now,
  });
  return row;
}
