import { and, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { readHolderResource } from "../sharing/gate";
import type { ZStaffRiskInput } from "./inputs";
import { initialRiskSignalStatus, isActiveSignal, rankSignals, riskClasses, riskResourceCode, type RiskClass } from "./model";
import { riskAssessments, riskSignals } from "./schema";
import type { ApplicantRiskView, RiskClassView, RiskOverview, RiskSignalView } from "./views";

const classOrder = (c: RiskClass) => riskClasses.indexOf(c);

function signalView(s: typeof riskSignals.$inferSelect): RiskSignalView {
  return {
    id: s.id,
    rule: s.rule,
    subjectCode: s.subjectCode,
    subjectName: s.subjectName,
    params: s.params,
    evidence: s.evidence,
    status: s.status,
    firstSeenAt: s.firstSeenAt,
    lastSeenAt: s.lastSeenAt,
  };
}

/** An enterprise's newest class and its active signals, ranked. No access check: callers check. */
export async function applicantRisk(db: Db, code: string): Promise<ApplicantRiskView> {
  const [cls] = await db.select().from(riskAssessments).where(eq(riskAssessments.subjectCode, code)).orderBy(desc(riskAssessments.month)).limit(1);
  const signals = await db
    .select()
    .from(riskSignals)
    .where(and(eq(riskSignals.subjectCode, code), eq(riskSignals.status, initialRiskSignalStatus)));
  return { riskClass: cls ? { ...cls } : null, signals: rankSignals(signals.map(signalView)) };
}

/**
 * A reviewer (or the window) reads an applicant's class and signals through the sharing module's
 * gate: the purpose (a task of their department on an application of that holder), the grant of
 * the credit-risk resource, and a row in the holder's data log, allowed or refused.
 */
export async function staffApplicantRisk(db: Db, actor: Actor, input: z.output<typeof ZStaffRiskInput>): Promise<ApplicantRiskView> {
  let view: ApplicantRiskView | null = null;
  const result = await readHolderResource(
    db,
    actor,
    { holderCode: input.holderCode, resourceCode: riskResourceCode, applicationId: input.applicationId },
    async () => {
      view = await applicantRisk(db, input.holderCode);
      return [...(view.riskClass ? [view.riskClass] : []), ...view.signals];
    },
  );
  // The refusal's reason is in the holder's data log; the reader is told only that it was refused.
  if (!result.ok || !view) throw new DomainError("forbidden", "errors.forbidden");
  return view;
}

/** The classes listed on the overview: the worst this many (the counts cover all). */
const listedClasses = 300;

/** The data office's overview: the ranked active signals and the newest month's classes, worst first. */
export async function riskOverview(db: Db, actor: Actor): Promise<RiskOverview> {
  if (actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  const signals = await db.select().from(riskSignals);
  const [latest] = await db.select({ month: riskAssessments.month }).from(riskAssessments).orderBy(desc(riskAssessments.month)).limit(1);
  const rows: RiskClassView[] = latest ? await db.select().from(riskAssessments).where(eq(riskAssessments.month, latest.month)) : [];
  const counts = { A: 0, B: 0, C: 0, D: 0 } satisfies Record<RiskClass, number>;
  for (const r of rows) counts[r.riskClass]++;
  return {
    month: latest?.month ?? null,
    counts,
    signals: rankSignals(signals.filter((s) => isActiveSignal(s.status)).map(signalView)),
    clearedCount: signals.filter((s) => !isActiveSignal(s.status)).length,
    classes: rows
      .sort((a, b) => classOrder(b.riskClass) - classOrder(a.riskClass) || b.score - a.score || a.subjectCode.localeCompare(b.subjectCode))
      .slice(0, listedClasses),
  };
}
