import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { certificateRevoked } from "./effects";
import type { Actor } from "../identity/model";
import { nextCertificateStatus, type CertificateAuditAction, type CertificateEvent } from "./model";
import { certificates } from "./registry-schema";

/** What a status change needs of a certificate row. */
export type CertificateRef = Pick<typeof certificates.$inferSelect, "id" | "number" | "status">;

/** Certificates' lapses are audited in the registry's own stream. */
export const certificatesStream = "certificates";

interface CertificateEventOptions {
  actor: Actor | null;
  now: Date;
  patch?: Partial<typeof certificates.$inferInsert>;
  data?: Record<string, unknown>;
}

/**
 * Moves a certificate by one event of its machine — the only way a certificate's status changes:
 * the table decides (an illegal move is an `illegalTransition`), the row moves by compare-and-set
 * on its status (certificates carry no version: status is all that moves), and the audit event is
 * written in the same transaction.
 */
export async function applyCertificateEvent(
  tx: Db,
  cert: CertificateRef,
  event: CertificateEvent,
  options: CertificateEventOptions,
): Promise<typeof certificates.$inferSelect> {
  const to = nextCertificateStatus(cert.status, event);
  const [updated] = await tx
    .update(certificates)
    .set({ ...options.patch, status: to })
    .where(and(eq(certificates.id, cert.id), eq(certificates.status, cert.status)))
    .returning();
  if (!updated) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<CertificateAuditAction>(tx, {
    streamId: certificatesStream,
    actor: options.actor ? { userId: options.actor.userId, role: options.actor.role } : null,
    action: `certificate.${event}`,
    entityType: "certificate",
    entityId: cert.id,
    from: cert.status,
    to,
    data: { number: cert.number, ...options.data },
    at: options.now,
  });
  if (event === "revoke")
    for (const listener of certificateRevoked.listeners()) await listener(tx, { number: updated.number, revokedAt: updated.revokedAt ?? options.now });
  return updated;
}

/**
 * The same event for several certificates (the expiry job's batch, a reissue superseding the
 * holder's old ones). Every row is checked against the table first — one illegal move refuses the
 * whole batch — then each moves and is audited on its own: one audit row per certificate, because
 * a certificate's history is looked up by its id (the verification page, the holder's log).
 */
export async function applyCertificateEventToAll(
  tx: Db,
  certs: readonly CertificateRef[],
  event: CertificateEvent,
  options: Omit<CertificateEventOptions, "data"> & { data?: (cert: CertificateRef) => Record<string, unknown> },
): Promise<Array<typeof certificates.$inferSelect>> {
  for (const c of certs) nextCertificateStatus(c.status, event);
  const moved: Array<typeof certificates.$inferSelect> = [];
  for (const c of certs)
    moved.push(await applyCertificateEvent(tx, c, event, { actor: options.actor, now: options.now, patch: options.patch, data: options.data?.(c) }));
  return moved;
}
