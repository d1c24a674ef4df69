import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import {
  nextCreditRecordStatus,
  nextObjectionStatus,
  nextRepairStatus,
  type CreditAuditAction,
  type CreditRecordEvent,
  type ObjectionEvent,
  type RepairEvent,
} from "./model";
import { creditObjections, creditRecords, creditRepairs } from "./schema";

export type CreditRecordRow = typeof creditRecords.$inferSelect;
export type ObjectionRow = typeof creditObjections.$inferSelect;
export type RepairRow = typeof creditRepairs.$inferSelect;

/** The audit stream of a record and everything done to it: its lineage (never the subject's ID number). */
export const creditStream = (lineageId: string) => `credit:${lineageId}`;

const who = (actor: Actor | null) => (actor ? { userId: actor.userId, role: actor.role } : null);

/** The record, locked for the transaction (objections and repairs of one record are serialised). */
export async function lockRecord(tx: Db, recordId: string): Promise<CreditRecordRow> {
  const [row] = await tx.select().from(creditRecords).where(eq(creditRecords.id, recordId)).for("update");
  if (!row) throw new DomainError("notFound", "errors.notFound", { field: "recordId" });
  return row;
}

/**
 * Moves a record by its machine's table (an illegal move throws), compare-and-set on status and
 * version, with its audit event, in the caller's transaction.
 */
export async function moveRecord(
  tx: Db,
  record: CreditRecordRow,
  event: CreditRecordEvent,
  set: Partial<typeof creditRecords.$inferInsert>,
  actor: Actor | null,
  now: Date,
  data: Record<string, unknown> = {},
): Promise<CreditRecordRow> {
  const to = nextCreditRecordStatus(record.status, event);
  const [row] = await tx
    .update(creditRecords)
    .set({ ...set, status: to, version: record.version + 1, endedAt: now })
    .where(and(eq(creditRecords.id, record.id), eq(creditRecords.status, record.status), eq(creditRecords.version, record.version)))
    .returning();
  if (!row) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<CreditAuditAction>(tx, {
    streamId: creditStream(record.lineageId),
    actor: who(actor),
    action: `creditRecord.${event}`,
    entityType: "creditRecord",
    entityId: record.id,
    from: record.status,
    to,
    data,
    at: now,
  });
  return row;
}

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
    actor: who(actor),
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
    actor: who(actor),
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

/** The reviewer belongs to the record's source department (its head included); anyone else is told "not found". */
export function assertSourceDepartment(actor: Actor, departmentId: string, field: string): void {
  if (actor.role !== "reviewer" || !actor.departmentId || actor.departmentId !== departmentId) throw new DomainError("notFound", "errors.notFound", { field });
}
