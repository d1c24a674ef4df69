// Credit risk classes (信用风险分类) and explained risk signals (the big-data supervision model):
// the four classes, the points formula that puts an enterprise in one, the signal rules' names,
// thresholds and weights, the signal's machine, and the name similarity. Pure: no database.
// docs/risk-classes.md explains the formula and the rules in words.
import { transition, type TransitionTable } from "@/lib/state-machine";

/** A: low risk (信用风险低), B: general, C: relatively high, D: high (信用风险高). */
export const riskClasses = ["A", "B", "C", "D"] as const;
export type RiskClass = (typeof riskClasses)[number];

/** Class D may not commit instead of proof (国办发〔2020〕42号: 信用状况较差的申请人不适用告知承诺). */
export function excludesCommitment(riskClass: RiskClass | null): boolean {
  return riskClass === "D";
}

// ---------------------------------------------------------------------------------------------
// The points formula. Risk points add up; honours and clean inspections subtract. Only facts of
// the last 36 months count (the longest publication period of a serious penalty), and only the
// record in force (a corrected version is replaced by its correction; a repaired record no longer
// counts: repair exists to restore credit).
//
//   administrative penalty, general            +10 each
//   administrative penalty, serious            +30 each
//   on a dishonesty list (listing in force)    +50 each
//   broken commitment                          +15 each
//   inspection result with problems, general   +10 each
//   inspection result with problems, serious   +25 each
//   inspection result without problems         −5 each
//   honour in force (守信激励)                   −10 each, at most −20 in all
//   active risk signal                          +5 each, at most +15 in all
//
// Class: D when the score is 50 or more, C from 20, B from 0, A below 0. An enterprise with no
// record at all scores 0: class B (一般), as a new enterprise has no history to judge it by; A
// needs something in its favour (an honour or a clean inspection) and nothing that outweighs it.
// So a dishonesty listing alone is D; a serious penalty with a listing is D; one serious penalty
// or two general ones is C; and risk signals alone (at most +15) never make an enterprise C or D:
// a signal is a reason to look, not a finding.
//
// Inspection results are credit records of kind `inspectionResult`; their outcome is read by
// `inspectionOutcome` (the record's severity if it has one, else the words of its result).
// ---------------------------------------------------------------------------------------------

export const riskWindowMonths = 36;

export const riskPoints = {
  penaltyGeneral: 10,
  penaltySerious: 30,
  dishonestyList: 50,
  brokenCommitment: 15,
  inspectionProblemGeneral: 10,
  inspectionProblemSerious: 25,
  inspectionClean: -5,
  honour: -10,
  signal: 5,
} as const;
/** Caps on the total of a factor kind (absolute value). */
export const riskPointCaps = { honour: 20, signal: 15 } as const;
/** The lowest score of each class but A (A is below B's). */
export const riskClassThresholds = { B: 0, C: 20, D: 50 } as const;

export const riskFactorKinds = [
  "penaltyGeneral",
  "penaltySerious",
  "dishonestyList",
  "brokenCommitment",
  "inspectionProblemGeneral",
  "inspectionProblemSerious",
  "inspectionClean",
  "honour",
  "signal",
] as const;
export type RiskFactorKind = (typeof riskFactorKinds)[number];

/** One fact the formula counts: a credit record or an active signal. */
export interface RiskFact {
  kind: RiskFactorKind;
  /** The record's or signal's id: the evidence. */
  ref: string;
  /** A line a person reads: the record's title and date, or the signal's rule. */
  detail: string;
}

/** A credit record as the formula sees it. */
export interface RiskRecordFact {
  id: string;
  kind: "administrativeLicence" | "administrativePenalty" | "honour" | "dishonestyList" | "brokenCommitment" | "inspectionResult";
  /** In force: not corrected (replaced) and not repaired. */
  current: boolean;
  severity: "general" | "serious" | null;
  decidedOn: string;
  validUntil: string | null;
  title: string;
  content?: string;
}

/** YYYY-MM-DD minus whole months (the 31st of a shorter month becomes its last day). */
function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * The outcome of an inspection result (双随机、一公开): its severity when the inspection gave one
 * (problems of that gravity); otherwise read from its title and content: "未发现问题", "合格", "正常"
 * is clean; "不合格", "发现问题", "责令整改" is a problem (serious when it says "严重"). A result that
 * says neither does not count.
 */
export function inspectionOutcome(r: { severity: "general" | "serious" | null; title: string; content?: string }): RiskFactorKind | null {
  if (r.severity === "serious") return "inspectionProblemSerious";
  if (r.severity === "general") return "inspectionProblemGeneral";
  const text = `${r.title} ${r.content ?? ""}`;
  if (/未发现(问题|违法|违规)|无问题|(?<!不)合格|正常/.test(text)) return "inspectionClean";
  if (/不合格|发现(问题|违法|违规)|责令|整改|违法|违规/.test(text)) return /严重/.test(text) ? "inspectionProblemSerious" : "inspectionProblemGeneral";
  return null;
}

/** Which factor a record is on `today`, or null when it does not count (a licence, old, ended, expired). */
export function recordFactor(r: RiskRecordFact, today: string): RiskFactorKind | null {
  if (!r.current || r.decidedOn > today) return null;
  const inWindow = r.decidedOn >= monthsBefore(today, riskWindowMonths);
  const inForce = r.validUntil === null || r.validUntil >= today;
  switch (r.kind) {
    case "administrativePenalty":
      return inWindow ? (r.severity === "serious" ? "penaltySerious" : "penaltyGeneral") : null;
    case "dishonestyList":
      return inForce ? "dishonestyList" : null;
    case "brokenCommitment":
      return inWindow ? "brokenCommitment" : null;
    case "inspectionResult":
      return inWindow ? inspectionOutcome(r) : null;
    case "honour":
      return inForce ? "honour" : null;
    default:
      return null;
  }
}

export interface RiskScoreFactor {
  factor: RiskFactorKind;
  points: number;
  count: number;
  /** The facts behind it (records' or signals' ids, and their lines). */
  evidence: RiskFact[];
}

export interface RiskScore {
  score: number;
  riskClass: RiskClass;
  factors: RiskScoreFactor[];
}

export function classOfScore(score: number): RiskClass {
  if (score >= riskClassThresholds.D) return "D";
  if (score >= riskClassThresholds.C) return "C";
  if (score >= riskClassThresholds.B) return "B";
  return "A";
}

/** The class and its factors from the facts that count (see the formula above). Pure. */
export function scoreRisk(facts: readonly RiskFact[]): RiskScore {
  const byKind = new Map<RiskFactorKind, RiskFact[]>();
  for (const f of facts) byKind.set(f.kind, [...(byKind.get(f.kind) ?? []), f]);
  const factors: RiskScoreFactor[] = [];
  for (const kind of riskFactorKinds) {
    const evidence = byKind.get(kind);
    if (!evidence?.length) continue;
    let points = riskPoints[kind] * evidence.length;
    if (kind === "honour") points = Math.max(points, -riskPointCaps.honour);
    if (kind === "signal") points = Math.min(points, riskPointCaps.signal);
    factors.push({ factor: kind, points, count: evidence.length, evidence });
  }
  const score = factors.reduce((s, f) => s + f.points, 0);
  return { score, riskClass: classOfScore(score), factors };
}

/** The month a class holds for: YYYY-MM of the China date. */
export function riskMonthOf(today: string): string {
  return today.slice(0, 7);
}

// ---------------------------------------------------------------------------------------------
// Risk signals. Each rule looks at the shared data and, where it fires, names a subject (an
// enterprise by credit code), the parameters of its explanation and its evidence (the rows it
// saw, by id or number; a person only by a masked ID number). A signal never decides anything
// by itself: it tells staff where to look.
// ---------------------------------------------------------------------------------------------

export const riskSignalRules = ["sharedAddress", "linkedDishonesty", "repeatedBrokenCommitments", "revokedAfterUse", "imitatedName"] as const;
export type RiskSignalRule = (typeof riskSignalRules)[number];

/** How much each rule weighs in the data office's ranking (higher first). */
export const riskSignalWeights: Record<RiskSignalRule, number> = {
  linkedDishonesty: 3,
  repeatedBrokenCommitments: 3,
  revokedAfterUse: 3,
  sharedAddress: 2,
  imitatedName: 2,
};

/** Rule (a): this many live entities or more at one address. */
export const sharedAddressThreshold = 3;
/** Rule (c): this many broken commitments or more within the window. */
export const brokenCommitmentThreshold = 2;
export const brokenCommitmentWindowMonths = 36;
/** Rule (e): a name registered within this many days is "new". */
export const newEntityDays = 180;
/** Rule (e): the Dice coefficient of the names' cores at or above which a new name imitates an older one. */
export const nameSimilarityThreshold = 0.6;

/** One item of a signal's evidence: what it is, its id or number, and a line to show. */
export interface RiskEvidence {
  kind: "entity" | "creditRecord" | "certificate" | "application" | "person" | "address";
  ref: string;
  label: string;
}

/** What a rule found: one signal of one subject, with its explanation's parameters and evidence. */
export interface SignalFinding {
  rule: RiskSignalRule;
  subjectCode: string;
  subjectName: string;
  /** Tells two signals of one rule and subject apart (the address, the linked entity…). */
  key: string;
  params: Record<string, string | number>;
  evidence: RiskEvidence[];
}

export function rankSignals<T extends { rule: RiskSignalRule; evidence: readonly unknown[]; lastSeenAt: Date; subjectCode: string }>(
  signals: readonly T[],
): T[] {
  return [...signals].sort(
    (a, b) =>
      riskSignalWeights[b.rule] - riskSignalWeights[a.rule] ||
      b.evidence.length - a.evidence.length ||
      b.lastSeenAt.getTime() - a.lastSeenAt.getTime() ||
      a.subjectCode.localeCompare(b.subjectCode),
  );
}

/** The signal's machine: found (active), no longer found (cleared), found again (active). */
export const riskSignalStatuses = ["active", "cleared"] as const;
export type RiskSignalStatus = (typeof riskSignalStatuses)[number];
export const riskSignalEvents = ["clear", "reappear"] as const;
export type RiskSignalEvent = (typeof riskSignalEvents)[number];
export const riskSignalMachine: TransitionTable<RiskSignalStatus, RiskSignalEvent> = { active: { clear: "cleared" }, cleared: { reappear: "active" } };
export const initialRiskSignalStatus: RiskSignalStatus = "active";

export function nextRiskSignalStatus(from: RiskSignalStatus, event: RiskSignalEvent): RiskSignalStatus {
  return transition("riskSignal", riskSignalMachine, from, event, "risk.status");
}

/** Found by the last recomputation: what staff see and what counts in the class. */
export function isActiveSignal(status: RiskSignalStatus): boolean {
  return status === initialRiskSignalStatus;
}

/** The audit actions of risk (part of the audit vocabulary). */
export type RiskAuditAction = "riskSignals.recompute" | "riskClasses.recompute" | `riskSignal.${RiskSignalEvent}`;
export const riskSignalAuditActions: readonly RiskAuditAction[] = riskSignalEvents.map((e) => `riskSignal.${e}` as const);
export const riskAuditActions: readonly RiskAuditAction[] = ["riskSignals.recompute", "riskClasses.recompute", ...riskSignalAuditActions];

/** The data-sharing catalog's code of the risk classes and signals (read through the gate). */
export const riskResourceCode = "creditRisk";

// ---------------------------------------------------------------------------------------------
// Name similarity (rule e). A name's core is what is left after removing the division (the
// province, city or county as written in names: 河北, 河北省, 石家庄, 石家庄市…), the organisational
// form (有限公司, 有限责任公司, 股份有限公司, 分公司, 合伙企业, 个体工商户 and the like) and the industry
// words of the national wording list (商贸, 餐饮管理, 科技…), after the trade-name normalisation
// (NFKC, no punctuation or spaces). Two cores are compared by the Dice coefficient of their
// character bigrams: 2·|common bigrams| / (|bigrams of a| + |bigrams of b|), counting repeated
// bigrams as often as they occur (a one-character core is its own single "bigram").
// ---------------------------------------------------------------------------------------------

export const organisationalFormWords = [
  "股份有限公司",
  "有限责任公司",
  "有限公司",
  "分公司",
  "集团",
  "合伙企业",
  "普通合伙",
  "有限合伙",
  "个人独资企业",
  "个体工商户",
  "农民专业合作社",
  "公司",
  "厂",
  "店",
] as const;

export const industryWords = [
  "餐饮管理",
  "信息技术",
  "文化传媒",
  "建筑工程",
  "咨询服务",
  "农业开发",
  "商贸",
  "科技",
  "食品",
  "物流",
  "餐饮",
  "建材",
  "建工",
] as const;

/** The core of a name: without division names (longest first), industry words and the form. */
export function nameCore(name: string, divisionNames: readonly string[]): string {
  let s = [...name.normalize("NFKC")].filter((c) => /[\p{L}\p{N}]/u.test(c)).join("");
  const divisions = [...new Set(divisionNames.flatMap((d) => [d, d.replace(/(省|市|区|县)$/, "")]))]
    .filter((d) => d.length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const d of divisions) if (s.startsWith(d)) s = s.slice(d.length);
  // A county after the city (保定市竞秀区…).
  for (const d of divisions) if (s.startsWith(d)) s = s.slice(d.length);
  for (const f of organisationalFormWords) if (s.endsWith(f)) s = s.slice(0, -f.length);
  for (const w of industryWords) if (s.endsWith(w) && s.length > w.length) s = s.slice(0, -w.length);
  return s;
}

function bigrams(s: string): string[] {
  const chars = [...s];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/** The Dice coefficient of two strings' character bigrams, 0..1 (1: same bigrams). */
export function diceSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length + y.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

/** Whether `candidate`'s core imitates `listed`'s: similar at or above the threshold, but not the same name. */
export function imitatesName(candidateCore: string, listedCore: string): { similar: boolean; score: number } {
  const score = diceSimilarity(candidateCore, listedCore);
  return { similar: candidateCore.length >= 2 && listedCore.length >= 2 && score >= nameSimilarityThreshold, score };
}

/** An address as compared: NFKC, no spaces or punctuation, full-width digits folded. */
export function normaliseAddress(address: string): string {
  return [...address.normalize("NFKC")].filter((c) => /[\p{L}\p{N}]/u.test(c)).join("");
}
