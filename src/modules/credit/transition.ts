import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextCreditRecordStatus, type CreditAuditAction, type CreditRecordEvent } from "./model";
import { creditRecords, type creditObjections, type creditRepairs } from "./schema";

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

/** The reviewer belongs to the record's source department (its head included); anyone else is told "not found". */
export function assertSourceDepartment(actor: Actor, departmentId: string, field: string): void {
  if (actor.role !== "reviewer" || !actor.departmentId || actor.departmentId !== departmentId) throw new DomainError("notFound", "errors.notFound", { field });
}
