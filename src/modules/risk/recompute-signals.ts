import { eq, sql } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { isActiveSignal, initialRiskSignalStatus, type RiskAuditAction } from "./model";
import { riskSignals } from "./schema";
import { findSignals } from "./signal-rules";
import { moveSignal, riskStream } from "./signal-transition";

export interface SignalRecomputation {
  found: number;
  added: number;
  reappeared: number;
  cleared: number;
}

/** Serialises recomputations (the daily job and the data office's button): one at a time. */
const recomputeLock = 7_415_013;

/**
 * Runs every rule and keeps what it found, in one transaction: a new finding is a new active
 * signal; one found again keeps its first sighting and gets its explanation, evidence and last
 * sighting refreshed (a cleared one becomes active again); an active one no longer found is
 * cleared. Idempotent: running it twice on the same data changes nothing but `lastSeenAt`.
 * Daily by the `risk.signals` job and on demand by the data office.
 */
export async function recomputeSignals(db: Db, actor: Actor | null, now: Date = new Date()): Promise<SignalRecomputation> {
  if (actor && actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${recomputeLock})`);
    const findings = await findSignals(tx, now);
    const existing = await tx.select().from(riskSignals);
    const byKey = new Map(existing.map((s) => [`${s.rule}|${s.subjectCode}|${s.key}`, s]));
    const result: SignalRecomputation = { found: findings.length, added: 0, reappeared: 0, cleared: 0 };
    const seen = new Set<string>();
    for (const f of findings) {
      const k = `${f.rule}|${f.subjectCode}|${f.key}`;
      seen.add(k);
      const old = byKey.get(k);
      const fresh = { subjectName: f.subjectName, params: f.params, evidence: f.evidence, lastSeenAt: now };
      if (!old) {
        await tx.insert(riskSignals).values({ ...f, status: initialRiskSignalStatus, firstSeenAt: now, lastSeenAt: now });
        result.added++;
      } else if (isActiveSignal(old.status)) {
        await tx.update(riskSignals).set(fresh).where(eq(riskSignals.id, old.id));
      } else {
        await moveSignal(tx, old, "reappear", { ...fresh, clearedAt: null }, actor, now);
        result.reappeared++;
      }
    }
    for (const s of existing) {
      if (!isActiveSignal(s.status) || seen.has(`${s.rule}|${s.subjectCode}|${s.key}`)) continue;
      await moveSignal(tx, s, "clear", { clearedAt: now }, actor, now);
      result.cleared++;
    }
    await recordAudit<RiskAuditAction>(tx, {
      streamId: riskStream,
      actor: actor ? { userId: actor.userId, role: actor.role } : null,
      action: "riskSignals.recompute",
      entityType: "riskSignals",
      entityId: "all",
      data: { ...result },
      at: now,
    });
    return result;
  });
}
