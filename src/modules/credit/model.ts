// Credit records (信用记录): what a record is, how long it is published, the three machines (the
// record, the objection to it, the application for its repair) and the rules of objection and
// repair. Pure: no database.
import { transition, type TransitionTable } from "@/lib/state-machine";

/**
 * The kinds of record: an administrative licence granted (written by the decision), an
 * administrative penalty, an honour (守信激励, 红名单), an entry on a dishonesty list (失信名单, 黑名单),
 * a broken commitment (告知承诺 not kept) and an inspection result (双随机、一公开).
 */
export const creditRecordKinds = [
  "administrativeLicence",
  "administrativePenalty",
  "honour",
  "dishonestyList",
  "brokenCommitment",
  "inspectionResult",
] as const;
export type CreditRecordKind = (typeof creditRecordKinds)[number];

/**
 * What a department records by hand on its page. Licences come from decisions, broken commitments
 * from failed verifications and inspection results from inspections: those modules call
 * `recordCredit` themselves.
 */
export const departmentRecordedKinds = ["administrativePenalty", "honour", "dishonestyList"] as const satisfies readonly CreditRecordKind[];
export type DepartmentRecordedKind = (typeof departmentRecordedKinds)[number];
export function isDepartmentRecordedKind(kind: CreditRecordKind): kind is DepartmentRecordedKind {
  return (departmentRecordedKinds as readonly CreditRecordKind[]).includes(kind);
}

/** Whose record: an enterprise by its unified social credit code, or a person by resident ID number. */
export const creditSubjectKinds = ["entity", "person"] as const;
export type CreditSubjectKind = (typeof creditSubjectKinds)[number];

/**
 * How serious the 失信 behaviour behind a penalty is: general (一般失信) or serious (严重失信),
 * which sets its publication period (see `publicationPeriod`).
 */
export const penaltySeverities = ["general", "serious"] as const;
export type PenaltySeverity = (typeof penaltySeverities)[number];

// ---------------------------------------------------------------------------------------------
// Publication periods.
//
// The rule applied (国家发展改革委令2023年第58号《失信行为纠正后的信用信息修复管理办法（试行）》
// 第七条, with 国办发〔2019〕35号 on 信用修复): an administrative penalty is published on the credit
// website from the day it was decided; for general dishonesty at least 3 months and at most 1
// year, for serious dishonesty at least 1 year and at most 3 years. At the end of the maximum it
// is withdrawn from public view by itself; a repair granted after the minimum withdraws it
// early. Withdrawn is not deleted: the subject and staff (through the gate) still see it.
// A dishonesty-list entry is published while listed (its `validUntil`, at most 3 years) and may be
// repaired after 1 year. A broken commitment is treated as general dishonesty. Licences, honours
// and inspection results are published while valid (no end when no validity is given) and are not
// repaired. Only enterprises' records are public: a person's are never published here (the
// public pages are by credit code), so their publication window is empty.
// ---------------------------------------------------------------------------------------------

/** Months of publication: the minimum before a repair may withdraw it, and the maximum. */
export const penaltyPublicationMonths: Record<PenaltySeverity, { min: number; max: number }> = { general: { min: 3, max: 12 }, serious: { min: 12, max: 36 } };
/** A dishonesty listing lasts at most 3 years and may be repaired after 1. */
export const dishonestyListMaxMonths = 36;
export const dishonestyListRepairAfterMonths = 12;

/** `day` (YYYY-MM-DD) plus whole months; the 31st of a shorter month becomes its last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The day before `day`. */
export function dayBefore(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`) - 24 * 60 * 60 * 1000;
  return new Date(t).toISOString().slice(0, 10);
}

export interface PublicationFacts {
  kind: CreditRecordKind;
  subjectKind: CreditSubjectKind;
  severity: PenaltySeverity | null;
  decidedOn: string;
  validUntil: string | null;
}

/**
 * The publication window of a new record (both days included; `until` null: no end), or null when
 * it is never published (a person's record).
 */
export function publicationPeriod(r: PublicationFacts): { from: string; until: string | null } | null {
  if (r.subjectKind === "person") return null;
  switch (r.kind) {
    case "administrativePenalty": {
      const months = penaltyPublicationMonths[r.severity ?? "general"].max;
      return { from: r.decidedOn, until: dayBefore(addMonths(r.decidedOn, months)) };
    }
    case "brokenCommitment":
      return { from: r.decidedOn, until: dayBefore(addMonths(r.decidedOn, penaltyPublicationMonths.general.max)) };
    case "dishonestyList": {
      const max = dayBefore(addMonths(r.decidedOn, dishonestyListMaxMonths));
      return { from: r.decidedOn, until: r.validUntil && r.validUntil < max ? r.validUntil : max };
    }
    case "administrativeLicence":
    case "honour":
    case "inspectionResult":
      return { from: r.decidedOn, until: r.validUntil };
  }
}

/** Inside its publication window on `today` (China date). */
export function inPublicationWindow(r: { publishedFrom: string | null; publishedUntil: string | null }, today: string): boolean {
  return r.publishedFrom !== null && r.publishedFrom <= today && (r.publishedUntil === null || today <= r.publishedUntil);
}

/** The kinds a repair (信用修复) may apply to: records of dishonesty. */
export const repairableKinds = ["administrativePenalty", "dishonestyList", "brokenCommitment"] as const satisfies readonly CreditRecordKind[];
export function isRepairableKind(kind: CreditRecordKind): boolean {
  return (repairableKinds as readonly CreditRecordKind[]).includes(kind);
}

/**
 * The first day a repair may be applied for: after the minimum publication period (see the rule
 * above), or null when the kind is not repairable.
 */
export function repairableFrom(r: { kind: CreditRecordKind; severity: PenaltySeverity | null; decidedOn: string }): string | null {
  switch (r.kind) {
    case "administrativePenalty":
      return addMonths(r.decidedOn, penaltyPublicationMonths[r.severity ?? "general"].min);
    case "brokenCommitment":
      return addMonths(r.decidedOn, penaltyPublicationMonths.general.min);
    case "dishonestyList":
      return addMonths(r.decidedOn, dishonestyListRepairAfterMonths);
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The record's machine. A record is written `active`. A correction after an objection replaces it
// by a new version (the old one `corrected`, kept and linked); a granted repair ends it
// (`repaired`: kept, withdrawn from public view). Expiry is not a status: it is derived from the
// dates (`validUntil`, the publication window), so no job has to move records as days pass.
// ---------------------------------------------------------------------------------------------

export const creditRecordStatuses = ["active", "corrected", "repaired"] as const;
export type CreditRecordStatus = (typeof creditRecordStatuses)[number];
export const creditRecordEvents = ["correct", "repair"] as const;
export type CreditRecordEvent = (typeof creditRecordEvents)[number];

export const creditRecordMachine: TransitionTable<CreditRecordStatus, CreditRecordEvent> = {
  active: { correct: "corrected", repair: "repaired" },
  corrected: {},
  repaired: {},
};
export const initialCreditRecordStatus: CreditRecordStatus = "active";

export function nextCreditRecordStatus(from: CreditRecordStatus, event: CreditRecordEvent): CreditRecordStatus {
  return transition("creditRecord", creditRecordMachine, from, event, "credit.status.record");
}

/** The record in force: what the public sees (in its window), what objections and repairs apply to. */
export function isCurrentRecord(status: CreditRecordStatus): boolean {
  return status === initialCreditRecordStatus;
}

/** Expired: its validity ended before `today` (derived, never stored). */
export function isExpiredRecord(r: { validUntil: string | null }, today: string): boolean {
  return r.validUntil !== null && r.validUntil < today;
}

/** Shown to the public on `today`: the current version of an enterprise's record, inside its window. */
export function isPublicRecord(
  r: { status: CreditRecordStatus; subjectKind: CreditSubjectKind; publishedFrom: string | null; publishedUntil: string | null },
  today: string,
): boolean {
  return r.subjectKind === "entity" && isCurrentRecord(r.status) && inPublicationWindow(r, today);
}

// ---------------------------------------------------------------------------------------------
// Objection (异议): the subject objects; the source department answers within 5 working days on
// the official calendar, correcting the record (a new version) or keeping it with a reason.
// ---------------------------------------------------------------------------------------------

export const objectionStatuses = ["open", "corrected", "upheld"] as const;
export type ObjectionStatus = (typeof objectionStatuses)[number];
export const objectionEvents = ["correct", "uphold"] as const;
export type ObjectionEvent = (typeof objectionEvents)[number];

export const objectionMachine: TransitionTable<ObjectionStatus, ObjectionEvent> = {
  open: { correct: "corrected", uphold: "upheld" },
  corrected: {},
  upheld: {},
};
export const initialObjectionStatus: ObjectionStatus = "open";

export function nextObjectionStatus(from: ObjectionStatus, event: ObjectionEvent): ObjectionStatus {
  return transition("creditObjection", objectionMachine, from, event, "credit.status.objection");
}

/** Waiting for the department's answer: one at a time per record, and what may turn late. */
export function isOpenObjection(status: ObjectionStatus): boolean {
  return status === initialObjectionStatus;
}

/** The source department answers an objection, and decides a repair, within 5 working days. */
export const creditAnswerWorkingDays = 5;

// ---------------------------------------------------------------------------------------------
// Repair (信用修复): the subject applies once the rules allow it; the source department grants it
// (the record is withdrawn from public view) or refuses it with a reason.
// ---------------------------------------------------------------------------------------------

export const repairStatuses = ["applied", "granted", "refused"] as const;
export type RepairStatus = (typeof repairStatuses)[number];
export const repairEvents = ["grant", "refuse"] as const;
export type RepairEvent = (typeof repairEvents)[number];

export const repairMachine: TransitionTable<RepairStatus, RepairEvent> = { applied: { grant: "granted", refuse: "refused" }, granted: {}, refused: {} };
export const initialRepairStatus: RepairStatus = "applied";

export function nextRepairStatus(from: RepairStatus, event: RepairEvent): RepairStatus {
  return transition("creditRepair", repairMachine, from, event, "credit.status.repair");
}

/** Waiting for the department's decision: one at a time per record. */
export function isOpenRepair(status: RepairStatus): boolean {
  return status === initialRepairStatus;
}

/** Why a repair may not be applied for now, or null when it may. */
export type RepairRefusal = "notRepairable" | "notCurrent" | "tooEarly";
export function repairBlock(
  r: { kind: CreditRecordKind; status: CreditRecordStatus; severity: PenaltySeverity | null; decidedOn: string },
  today: string,
): RepairRefusal | null {
  const from = repairableFrom(r);
  if (from === null) return "notRepairable";
  if (!isCurrentRecord(r.status)) return "notCurrent";
  if (today < from) return "tooEarly";
  return null;
}

/** Late: answered after its due day, or unanswered once the due day is over (China dates). */
export function isAnswerLate(dueOn: string, answeredOn: string | null, today: string): boolean {
  return answeredOn !== null ? answeredOn > dueOn : today > dueOn;
}

/** The audit actions of credit (part of the audit vocabulary). */
export type CreditAuditAction =
  | "creditRecord.record"
  | `creditRecord.${CreditRecordEvent}`
  | "creditObjection.file"
  | `creditObjection.${ObjectionEvent}`
  | "creditRepair.apply"
  | `creditRepair.${RepairEvent}`;
export const creditRecordAuditActions: readonly CreditAuditAction[] = ["creditRecord.record", ...creditRecordEvents.map((e) => `creditRecord.${e}` as const)];
export const objectionAuditActions: readonly CreditAuditAction[] = ["creditObjection.file", ...objectionEvents.map((e) => `creditObjection.${e}` as const)];
export const repairAuditActions: readonly CreditAuditAction[] = ["creditRepair.apply", ...repairEvents.map((e) => `creditRepair.${e}` as const)];
export const creditAuditActions: readonly CreditAuditAction[] = [...creditRecordAuditActions, ...objectionAuditActions, ...repairAuditActions];

/** The data-sharing catalog's code of the credit records (a resource read through the gate). */
export const creditResourceCode = "creditRecords";
