import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextRiskSignalStatus, type RiskAuditAction, type RiskSignalEvent } from "./model";
import { riskSignals } from "./schema";

export type RiskSignalRow = typeof riskSignals.$inferSelect;

/** The audit stream of the risk signals and classes (one: the data office's supervision model). */
export const riskStream = "risk";

/**
 * Moves a signal by its machine's table (an illegal move throws), compare-and-set on status and
 * version, with its audit event, in the caller's transaction.
 */
export async function moveSignal(
  tx: Db,
  signal: RiskSignalRow,
  event: RiskSignalEvent,
  set: Partial<typeof riskSignals.$inferInsert>,
  actor: Actor | null,
  now: Date,
): Promise<RiskSignalRow> {
  const to = nextRiskSignalStatus(signal.status, event);
  const [row] = await tx
    .update(riskSignals)
    .set({ ...set, status: to, version: signal.version + 1 })
    .where(and(eq(riskSignals.id, signal.id), eq(riskSignals.status, signal.status), eq(riskSignals.version, signal.version)))
    .returning();
  if (!row) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<RiskAuditAction>(tx, {
    streamId: riskStream,
    actor: actor ? { userId: actor.userId, role: actor.role } : null,
    action: `riskSignal.${event}`,
    entityType: "riskSignal",
    entityId: signal.id,
    from: signal.status,
    to,
    data: { rule: signal.rule, subjectCode: signal.subjectCode },
    at: now,
  });
  return row;
}
