import { asc, gt } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { auditHash } from "./hash";
import { auditEvents } from "./schema";

export interface AuditVerification {
  ok: boolean;
  streams: number;
  events: number;
  /** The first event (by seq) whose hash or link to the previous event does not hold. */
  brokenAt?: { streamId: string; seq: number };
}

/**
 * Recomputes every event's hash and checks each links to the one before it in its stream. An
 * edited event fails its own hash; a deleted or inserted one breaks the next event's link. (The
 * chain alone cannot show that a stream's newest events were cut off: compare with a copy of
 * the last hashes kept elsewhere for that.)
 */
export async function verifyAuditChain(db: Db, options: { pageSize?: number } = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 1000;
  // Within a stream, seq order is chain order: `recordAudit` holds the stream's lock from
  // reading the last hash until commit, so a later link always gets a later seq.
  const lastHash = new Map<string, string>();
  let events = 0;
  let brokenAt: AuditVerification["brokenAt"];
  let after = 0;
  for (;;) {
    const page = await db.select().from(auditEvents).where(gt(auditEvents.seq, after)).orderBy(asc(auditEvents.seq)).limit(pageSize);
    for (const e of page) {
      events += 1;
      const expectedPrev = lastHash.get(e.streamId) ?? null;
      const hash = auditHash({
        streamId: e.streamId,
        at: e.at,
        actorUserId: e.actorUserId,
        actorRole: e.actorRole,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        fromState: e.fromState,
        toState: e.toState,
        data: e.data,
        prevHash: e.prevHash,
      });
      if (!brokenAt && (e.prevHash !== expectedPrev || e.hash !== hash)) brokenAt = { streamId: e.streamId, seq: e.seq };
      lastHash.set(e.streamId, e.hash);
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    after = last.seq;
  }
  return brokenAt ? { ok: false, streams: lastHash.size, events, brokenAt } : { ok: true, streams: lastHash.size, events };
}
