import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { auditKey } from "@/server/keys";
import { canonicalJson, auditHash } from "./hash";
import { auditEvents } from "./schema";

/**
 * One audit event, written by the use case that made the change, in its transaction. `A` is the
 * writing module's action union: a machine's `${machine}.${event}` (e.g. `TaskAuditAction` in
 * review/model.ts) or the module's listed non-machine actions (e.g. `identityAuditActions`).
 */
export interface AuditInput<A extends string = string> {
  /** The chain the event belongs to: an application id, or e.g. `catalog` for catalog edits. */
  streamId: string;
  /** Null for the system (jobs). */
  actor: { userId: string; role: string } | null;
  action: A;
  entityType: string;
  entityId: string;
  from?: string | null;
  to?: string | null;
  data?: Record<string, unknown>;
  /** Defaults to now; truncated to whole milliseconds so it round-trips through timestamptz. */
  at?: Date;
}

/**
 * The advisory lock (two-int key space, apart from the per-stream bigint locks) that every append
 * holds shared until it commits. A checkpoint takes it exclusively for a moment: then no append is
 * in flight, so every event up to the highest seq it sees is committed or gone for good, and the
 * checkpoint's counts and heads stay true (see write-checkpoint.ts).
 */
export const auditAppendLock = sql`7415, 2`;

/**
 * Appends an event to its stream's hash chain inside the caller's transaction (`tx` must be a
 * transaction: the advisory locks are released at its end). The hash is keyed (HMAC-SHA256 with
 * the audit key, which is not in the database), so whoever can write the table cannot make a
 * changed event's hash fit.
 */
// Why a type parameter and not one union here: the audit module sits below every module that
// writes to it and must not import them, so it cannot name their events. Instead each call names
// its module's action union — `recordAudit<TaskAuditAction>(tx, …)` — and, as `A` is never
// inferred (NoInfer) and defaults to `never`, a call that names none does not compile. The unions
// live in each module's model.ts, the machine ones derived from the machine's events, and
// src/modules/machines.test.ts checks every action string in the code against them.
export async function recordAudit<A extends string = never>(tx: Db, event: AuditInput<NoInfer<A>>): Promise<void> {
  const key = auditKey();
  // Two transactions appending to one stream must not both read the same last hash and fork
  // the chain: a transaction-scoped advisory lock per stream serialises them, and it is held
  // until commit so the second one reads the first one's row. The shared append lock first,
  // always in this order.
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${auditAppendLock}), pg_advisory_xact_lock(hashtextextended(${event.streamId}, 0))`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.streamId, event.streamId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  // timestamptz keeps microseconds, Date keeps milliseconds: hash exactly what will be read back.
  const at = new Date(Math.floor((event.at ?? new Date()).getTime()));
  // What jsonb gives back is what verification hashes: normalise now (drop undefined, dates to ISO).
  const data = event.data === undefined ? null : (JSON.parse(canonicalJson(event.data)) as Record<string, unknown>);
  const row = {
    streamId: event.streamId,
    at,
    actorUserId: event.actor?.userId ?? null,
    actorRole: event.actor?.role ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    fromState: event.from ?? null,
    toState: event.to ?? null,
    data,
    prevHash: last?.hash ?? null,
  };
  await tx.insert(auditEvents).values({ ...row, hashAlg: "hmac-sha256", hash: auditHash(row, "hmac-sha256", key) });
}
