import { eq, sql } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { isCurrentRecord } from "../credit/model";
import { creditRecords } from "../credit/schema";
import type { Actor } from "../identity/model";
import { entities } from "../identity/schema";
import { isActiveSignal, recordFactor, riskMonthOf, scoreRisk, type RiskAuditAction, type RiskFact } from "./model";
import { riskAssessments, riskSignals, type RiskFactor } from "./schema";
import { riskStream } from "./signal-transition";

/** Serialises recomputations of the classes (the monthly job and the data office's button). */
const recomputeLock = 7_415_014;

/**
 * Puts every enterprise in a class for the month of `now` (China time), from its credit records
 * and its active risk signals (the formula: risk/model.ts, docs/risk-classes.md), in one
 * transaction: one `risk_assessments` row per enterprise and month, replaced when run again in
 * the same month (idempotent). Every enterprise: the registered ones not deregistered, and any
 * other enterprise that is the subject of a credit record. Monthly by the `risk.classes` job and
 * on demand by the data office (after recomputing the signals, so they count).
 */
export async function recomputeClasses(db: Db, actor: Actor | null, now: Date = new Date()): Promise<{ month: string; enterprises: number }> {
  if (actor && actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  const today = shanghaiDate(now);
  const month = riskMonthOf(today);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${recomputeLock})`);
    const ents = await tx.select({ code: entities.creditCode, name: entities.name, deregisteredAt: entities.deregisteredAt }).from(entities);
    const records = await tx.select().from(creditRecords).where(eq(creditRecords.subjectKind, "entity"));
    const signals = await tx.select().from(riskSignals);
    const subjects = new Map<string, string>();
    const gone = new Set(ents.filter((e) => e.deregisteredAt !== null).map((e) => e.code));
    for (const e of ents) if (!gone.has(e.code)) subjects.set(e.code, e.name);
    for (const r of records) if (!gone.has(r.subjectCode) && !subjects.has(r.subjectCode)) subjects.set(r.subjectCode, r.subjectName);

    const facts = new Map<string, RiskFact[]>();
    const add = (code: string, f: RiskFact) => facts.set(code, [...(facts.get(code) ?? []), f]);
    for (const r of records) {
      const kind = recordFactor({ ...r, current: isCurrentRecord(r.status) }, today);
      if (kind) add(r.subjectCode, { kind, ref: r.id, detail: `${r.decidedOn} ${r.title}` });
    }
    for (const s of signals) if (isActiveSignal(s.status)) add(s.subjectCode, { kind: "signal", ref: s.id, detail: s.rule });

    const rows = [...subjects].map(([code, name]) => {
      const { score, riskClass, factors } = scoreRisk(facts.get(code) ?? []);
      const shown: RiskFactor[] = factors.map((f) => ({
        factor: f.factor,
        points: f.points,
        detail: f.evidence.map((e) => e.detail).join(" / "),
        evidence: f.evidence.map((e) => e.ref),
      }));
      return { subjectCode: code, subjectName: name, month, riskClass, score, factors: shown, computedAt: now };
    });
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(riskAssessments)
        .values(rows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [riskAssessments.subjectCode, riskAssessments.month],
          set: {
            subjectName: sql`excluded.subject_name`,
            riskClass: sql`excluded.risk_class`,
            score: sql`excluded.score`,
            factors: sql`excluded.factors`,
            computedAt: sql`excluded.computed_at`,
          },
        });
    }
    await recordAudit<RiskAuditAction>(tx, {
      streamId: riskStream,
      actor: actor ? { userId: actor.userId, role: actor.role } : null,
      action: "riskClasses.recompute",
      entityType: "riskClasses",
      entityId: month,
      data: { month, enterprises: rows.length },
      at: now,
    });
    return { month, enterprises: rows.length };
  });
}
