import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextRepairStatus, type CreditAuditAction, type RepairEvent } from "./model";
import { creditRepairs } from "./schema";
import { creditStream, type RepairRow } from "./transition";

export async function loadRepair(tx: Db, repairId: string): Promise<RepairRow> {
  const [row] = await tx.select().from(creditRepairs).where(eq(creditRepairs.id, repairId));
  if (!row) throw new DomainError("notFound", "errors.notFound", { field: "repairId" });
  return row;
}

/** Moves a repair application by its machine (compare-and-set), audited in the record's stream. */
export async function moveRepair(
  tx: Db,
  repair: RepairRow,
  lineageId: string,
  expectedVersion: number,
  event: RepairEvent,
  set: Partial<typeof creditRepairs.$inferInsert>,
  actor: Actor,
  now: Date,
  data: Record<string, unknown> = {},
): Promise<RepairRow> {
  const to = nextRepairStatus(repair.status, event);
  const [row] = await tx
    .update(creditRepairs)
    .set({ ...set, status: to, version: repair.version + 1 })
    .where(and(eq(creditRepairs.id, repair.id), eq(creditRepairs.status, repair.status), eq(creditRepairs.version, expectedVersion)))
    .returning();
  if (!row) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<CreditAuditAction>(tx, {
    streamId: creditStream(lineageId),
    actor: { userId: actor.userId, role: actor.role },
    action: `creditRepair.${event}`,
    entityType: "creditRepair",
    entityId: repair.id,
    from: repair.status,
    to,
    data,
    at: now,
  });
  return row;
}
