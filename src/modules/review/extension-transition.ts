import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextExtensionStatus, type ExtensionEvent, type TaskAuditAction } from "./model";
import { taskExtensions } from "./schema";

export type ExtensionRow = typeof taskExtensions.$inferSelect;

/**
 * Moves an extension request by one event of its machine — the only way its status changes: the
 * table decides (deciding a decided request is an `illegalTransition`), the row moves by
 * compare-and-set on its status (a lost race is a conflict), and the audit event is written in the
 * same transaction, on the case's stream. The caller holds the application's lock.
 */
export async function applyExtensionEvent(
  tx: Db,
  ext: ExtensionRow,
  event: ExtensionEvent,
  options: { actor: Actor; now: Date; patch?: Partial<typeof taskExtensions.$inferInsert>; data?: Record<string, unknown> },
): Promise<ExtensionRow> {
  const to = nextExtensionStatus(ext.status, event);
  const [updated] = await tx
    .update(taskExtensions)
    .set({ ...options.patch, status: to })
    .where(and(eq(taskExtensions.id, ext.id), eq(taskExtensions.status, ext.status)))
    .returning();
  if (!updated) throw new DomainError("conflict", "errors.taskConflict");
  await recordAudit<TaskAuditAction>(tx, {
    streamId: ext.applicationId,
    actor: { userId: options.actor.userId, role: options.actor.role },
    action: `extension.${event}`,
    entityType: "taskExtension",
    entityId: ext.id,
    from: ext.status,
    to,
    data: options.data,
    at: options.now,
  });
  return updated;
}
