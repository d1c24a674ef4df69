import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextVerificationStatus, type CommitmentAuditAction, type VerificationEvent } from "./model";
import { commitmentVerifications } from "./schema";

export type VerificationRow = typeof commitmentVerifications.$inferSelect;

/** The audit stream of one application's commitments. */
export const commitmentStream = (applicationId: string) => `commitments:${applicationId}`;

/** The task, locked for the transaction (two results for one task take turns). */
export async function lockVerification(tx: Db, id: string): Promise<VerificationRow | null> {
  const [row] = await tx.select().from(commitmentVerifications).where(eq(commitmentVerifications.id, id)).for("update");
  return row ?? null;
}

/**
 * Moves a verification task by its machine's table (an illegal move throws), compare-and-set on
 * status and version, with its audit event, in the caller's transaction.
 */
export async function moveVerification(
  tx: Db,
  row: VerificationRow,
  event: VerificationEvent,
  set: Partial<typeof commitmentVerifications.$inferInsert>,
  actor: Actor,
  now: Date,
  data: Record<string, unknown> = {},
): Promise<VerificationRow> {
  const to = nextVerificationStatus(row.status, event);
  const [updated] = await tx
    .update(commitmentVerifications)
    .set({ ...set, status: to, version: row.version + 1 })
    .where(and(eq(commitmentVerifications.id, row.id), eq(commitmentVerifications.status, row.status), eq(commitmentVerifications.version, row.version)))
    .returning();
  if (!updated) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<CommitmentAuditAction>(tx, {
    streamId: commitmentStream(row.applicationId),
    actor: { userId: actor.userId, role: actor.role },
    action: `commitmentVerification.${event}`,
    entityType: "commitmentVerification",
    entityId: row.id,
    from: row.status,
    to,
    data,
    at: now,
  });
  return updated;
}
