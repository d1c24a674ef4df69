import { sql } from "drizzle-orm";
import { bulkInsert } from "@/server/db/bulk-insert";
import type { Db } from "@/server/db/client";
import { auditKey } from "@/server/keys";
import { auditHash, canonicalJson } from "./hash";
import { auditAppendLock, type AuditInput } from "./record-audit";
import { auditEvents } from "./schema";

/**
 * Appends whole new streams to the log in bulk, for generated history at scale (issue 15: a
 * province-year of cases, each leaving its events): every stream's events are chained from an
 * empty head in the order given, hashed and keyed exactly as `recordAudit` does, and written in
 * large statements (`bulkInsert`, in order, so each stream's events get rising seqs) in the caller's transaction, holding the append lock shared like every append.
 * The caller vouches that the streams are new (ids it has just made): nothing of the log is read,
 * so an event for a stream that already has some would fork its chain — refused when seen here.
 * Returns how many events it wrote.
 */
export async function appendNewStreams<A extends string = never>(tx: Db, events: ReadonlyArray<AuditInput<NoInfer<A>> & { at: Date }>): Promise<number> {
  if (events.length === 0) return 0;
  const key = auditKey();
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${auditAppendLock})`);
  const heads = new Map<string, string>();
  const closed = new Set<string>();
  let current: string | null = null;
  const rows: Array<typeof auditEvents.$inferInsert> = [];
  for (const e of events) {
    // A stream's events come together: one seen again after another stream's is not new.
    if (e.streamId !== current) {
      if (closed.has(e.streamId)) throw new Error(`audit stream ${e.streamId} is not contiguous in the bulk append`);
      if (current) closed.add(current);
      current = e.streamId;
    }
    const row = {
      streamId: e.streamId,
      at: new Date(Math.floor(e.at.getTime())),
      actorUserId: e.actor?.userId ?? null,
      actorRole: e.actor?.role ?? null,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      fromState: e.from ?? null,
      toState: e.to ?? null,
      data: e.data === undefined ? null : (JSON.parse(canonicalJson(e.data)) as Record<string, unknown>),
      prevHash: heads.get(e.streamId) ?? null,
    };
    const hash = auditHash(row, "hmac-sha256", key);
    heads.set(e.streamId, hash);
    rows.push({ ...row, hashAlg: "hmac-sha256", hash });
  }
  return bulkInsert(tx, auditEvents, rows);
}
