import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextRecognitionStatus, type RecognitionAuditAction, type RecognitionEvent } from "./model";
import { recognitions } from "./schema";

export type RecognitionRow = typeof recognitions.$inferSelect;

/** The audit stream of a matrix entry. */
export const recognitionStream = (id: string) => `recognition:${id}`;

/**
 * Moves an entry by its machine's table (an illegal move throws), compare-and-set on status and
 * version, with its audit event, in the caller's transaction.
 */
export async function moveRecognition(
  tx: Db,
  entry: RecognitionRow,
  event: RecognitionEvent,
  set: Partial<typeof recognitions.$inferInsert>,
  actor: Actor | null,
  now: Date,
  data: Record<string, unknown> = {},
): Promise<RecognitionRow> {
  const to = nextRecognitionStatus(entry.status, event);
  const [row] = await tx
    .update(recognitions)
    .set({ ...set, status: to, version: entry.version + 1 })
    .where(and(eq(recognitions.id, entry.id), eq(recognitions.status, entry.status), eq(recognitions.version, entry.version)))
    .returning();
  if (!row) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<RecognitionAuditAction>(tx, {
    streamId: recognitionStream(entry.id),
    actor: actor ? { userId: actor.userId, role: actor.role } : null,
    action: `recognition.${event}`,
    entityType: "recognition",
    entityId: entry.id,
    from: entry.status,
    to,
    data,
    at: now,
  });
  return row;
}
