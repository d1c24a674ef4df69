import { and, eq, sql } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextApplicationStatus, type ApplicationAuditAction, type ApplicationEvent } from "./model";
import { applications } from "./schema";

export type ApplicationRow = typeof applications.$inferSelect;

/**
 * Locks the application row for the rest of the transaction. Every change to an application and
 * its tasks takes this lock first, so concurrent deciders are serialised and see each other.
 */
export async function lockApplication(tx: Db, applicationId: string): Promise<ApplicationRow> {
  const [row] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for("update");
  if (!row) throw new DomainError("notFound", "errors.notFound");
  return row;
}

/**
 * Moves a locked application by one event of its state machine: compare-and-set on status and
 * version, with the audit event in the same transaction.
 */
export async function applyApplicationEvent(
  tx: Db,
  app: ApplicationRow,
  event: ApplicationEvent,
  options: { actor: Actor | null; now: Date; patch?: Partial<typeof applications.$inferInsert>; data?: Record<string, unknown> },
): Promise<ApplicationRow> {
  const to = nextApplicationStatus(app.status, event);
  const [updated] = await tx
    .update(applications)
    .set({ ...options.patch, status: to, version: sql`${applications.version} + 1`, updatedAt: options.now })
    .where(and(eq(applications.id, app.id), eq(applications.status, app.status), eq(applications.version, app.version)))
    .returning();
  if (!updated) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<ApplicationAuditAction>(tx, {
    streamId: app.id,
    actor: options.actor ? { userId: options.actor.userId, role: options.actor.role } : null,
    action: `application.${event}`,
    entityType: "application",
    entityId: app.id,
    from: app.status,
    to,
    data: options.data,
    at: options.now,
  });
  return updated;
}

/** The caller's version must be the current one: a stale page gets a conflict, not a surprise. */
export function expectVersion(app: ApplicationRow, version: number): void {
  if (app.version !== version) throw new DomainError("conflict", "errors.staleVersion");
}
