// Pure rules of the shared data layer: update deadlines, grant states, holder kinds.
import { canTransition, transition, type TransitionTable } from "@/lib/state-machine";
import { validateIdNumber } from "../identity/id-number";
import { formatCertificateValue, printedFields, sharedFieldKeys, type CertificateField } from "../catalog/model";

export const shareTypes = ["unconditional", "conditional", "notShared"] as const;
export const openTypes = ["open", "conditionalOpen", "notOpen"] as const;
export const updateFrequencies = ["realtime", "daily", "weekly", "monthly", "quarterly", "yearly"] as const;
export type UpdateFrequency = (typeof updateFrequencies)[number];

const dayMs = 86_400_000;

/**
 * How long a provider may go without updating a resource, by its promised frequency. Real-time
 * resources are pushed as they change and have no deadline; the others get one grace day.
 */
export const updateDeadlineDays: Record<UpdateFrequency, number | null> = { realtime: null, daily: 2, weekly: 8, monthly: 32, quarterly: 93, yearly: 367 };

/** When the next update is due; null for real-time resources. */
export function nextUpdateDue(frequency: UpdateFrequency, lastUpdatedAt: Date): Date | null {
  const days = updateDeadlineDays[frequency];
  return days === null ? null : new Date(lastUpdatedAt.getTime() + days * dayMs);
}

/** The overdue flag (更新超期): the provider missed its update deadline. */
export function isUpdateOverdue(frequency: UpdateFrequency, lastUpdatedAt: Date, now: Date): boolean {
  const due = nextUpdateDue(frequency, lastUpdatedAt);
  return due !== null && due.getTime() < now.getTime();
}

export const grantStatuses = ["requested", "approved", "rejected", "revoked"] as const;
export type GrantStatus = (typeof grantStatuses)[number];
/** A province file's grant starts in force (`approved`) or waits for its provider (`requested`): the two states a grant can be created in. */
export const importableGrantStatuses = ["approved", "requested"] as const satisfies readonly GrantStatus[];
export const grantEvents = ["approve", "reject", "revoke", "request"] as const;
export type GrantEvent = (typeof grantEvents)[number];

/**
 * A grant's life: requested → approved | rejected; approved → revoked; a closed one may be asked
 * for again. A grant is created `requested`, or `approved` at once for an unconditional resource
 * (its creation is audited as `grant.request`).
 */
export const grantMachine: TransitionTable<GrantStatus, GrantEvent> = {
  requested: { approve: "approved", reject: "rejected" },
  approved: { revoke: "revoked" },
  rejected: { request: "requested" },
  revoked: { request: "requested" },
};
export const initialGrantStatus: GrantStatus = "requested";

export function nextGrantStatus(from: GrantStatus, event: GrantEvent): GrantStatus {
  return transition("grant", grantMachine, from, event, "sharing.office.grantStatus");
}

/** The provider may decide a request (approve or reject): straight from the table. */
export function canDecideGrant(status: GrantStatus): boolean {
  return canTransition(grantMachine, status, "approve");
}
/** A grant in force may be revoked: straight from the table. */
export function canRevokeGrant(status: GrantStatus): boolean {
  return canTransition(grantMachine, status, "revoke");
}
/**
 * How many working days (official calendar) a provider has to answer a conditional sharing request
 * (有条件共享): ten, the figure of the interim measures (政务信息资源共享管理暂行办法 2016, 第十条 — "属于有条件
 * 共享类的，提供部门应在10个工作日内予以答复") carried into the 政务数据共享条例 (2025) duty to answer
 * within a set time. One constant, so a province that sets a shorter time changes it here.
 */
export const grantAnswerWorkingDays = 10;

/**
 * A provider's answer is late (逾期答复): answered after its due day, or still unanswered when the
 * due day is over. A grant that owes no answer (no due day) is never late.
 */
export function isGrantAnswerLate(grant: { answerDueOn: string | null; answeredOn: string | null }, today: string): boolean {
  return isAnsweredLate(grant.answerDueOn, grant.answeredOn, today);
}

/** Answered after the due day, or unanswered when it is over; never late without a due day. */
export function isAnsweredLate(dueOn: string | null, answeredOn: string | null, today: string): boolean {
  if (dueOn === null) return false;
  return (answeredOn ?? today) > dueOn;
}

/** A grant that lets its consumer read: only an approved one (the gate's rule). */
export const grantInForceStatus: GrantStatus = "approved";

/** Every audit action of a grant: one per event of its machine. */
export type GrantAuditAction = `grant.${GrantEvent}`;
export const grantAuditActions: readonly GrantAuditAction[] = grantEvents.map((e) => `grant.${e}` as const);

export const certificateStatuses = ["valid", "expired", "revoked"] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];
export const certificateEvents = ["expire", "revoke"] as const;
export type CertificateEvent = (typeof certificateEvents)[number];

/**
 * A certificate's life: issued `valid` (audited as `certificate.issue`); the expiry job expires it
 * the day after its validity ends; the issuing department or the data office revokes it (吊销/撤销,
 * or superseded by a reissue), an expired one too, so the record says it was withdrawn.
 */
export const certificateMachine: TransitionTable<CertificateStatus, CertificateEvent> = {
  valid: { expire: "expired", revoke: "revoked" },
  expired: { revoke: "revoked" },
  revoked: {},
};
export const initialCertificateStatus: CertificateStatus = "valid";

export function nextCertificateStatus(from: CertificateStatus, event: CertificateEvent): CertificateStatus {
  return transition("certificate", certificateMachine, from, event, "sharing.holder.status");
}

/** A certificate that may still be revoked: straight from the table. */
export function canRevokeCertificate(status: CertificateStatus): boolean {
  return canTransition(certificateMachine, status, "revoke");
}

/** Every audit action of a certificate: its issue, then one per event of its machine. */
export type CertificateAuditAction = "certificate.issue" | `certificate.${CertificateEvent}`;
export const certificateAuditActions: readonly CertificateAuditAction[] = ["certificate.issue", ...certificateEvents.map((e) => `certificate.${e}` as const)];

/** The sharing module's actions outside its machines: its catalog, keys and the population register. */
export const sharingAuditActions = [
  "resource.update",
  "resource.updated",
  "departmentKey.rotate",
  "departmentKey.seal",
  "population.record",
  "certificate.reissueDeclaredFields",
  "foreignGrant.approve",
  "dataConsent.withdraw",
] as const;
export type SharingAuditAction = (typeof sharingAuditActions)[number];

/** A holder code is a person's when it is a valid resident ID number (a credit code never is). */
export function isPersonHolderCode(code: string): boolean {
  return validateIdNumber(code).valid;
}

/** A certificate field as a page shows it: its label and its formatted value in both languages. */
export interface ShownCertificateField {
  key: string;
  nameZh: string;
  nameEn: string;
  valueZh: string;
  valueEn: string;
}

/**
 * The fields a certificate shows (printable page, holder's list, /verify): its type's printed
 * fields, in declared order, labelled and formatted. A field the type does not declare (a
 * certificate not yet re-issued) is shown under its key rather than hidden.
 */
export function shownCertificateFields(typeFields: readonly CertificateField[], values: Readonly<Record<string, string>>): ShownCertificateField[] {
  const declared = new Set(typeFields.map((f) => f.key));
  const shown: ShownCertificateField[] = printedFields(typeFields).flatMap((f) => {
    const v = values[f.key];
    if (v === undefined || v === "") return [];
    return [{ key: f.key, nameZh: f.nameZh, nameEn: f.nameEn, valueZh: formatCertificateValue(f, v, "zh-CN"), valueEn: formatCertificateValue(f, v, "en") }];
  });
  for (const [k, v] of Object.entries(values)) {
    if (!declared.has(k) && v !== "") shown.push({ key: k, nameZh: k, nameEn: k, valueZh: v, valueEn: v });
  }
  return shown;
}

/** The fields of a certificate another department may read through the gate: its type's shared fields. */
export function sharedCertificateValues(typeFields: readonly CertificateField[], values: Readonly<Record<string, string>>): Record<string, string> {
  const shared = new Set(sharedFieldKeys(typeFields));
  return Object.fromEntries(Object.entries(values).filter(([k]) => shared.has(k)));
}

/**
 * Objections to wrong shared data (数据异议, 政务数据共享条例 2025): the holder, or a department
 * that uses the data, says a field of a certificate is wrong; the issuing department checks it
 * and either corrects it (a new signed version; the old one kept, revoked as superseded) or
 * answers with its reason. An objection is open until one of the two.
 */
export const dataObjectionStatuses = ["open", "corrected", "answered"] as const;
export type DataObjectionStatus = (typeof dataObjectionStatuses)[number];
export const dataObjectionEvents = ["correct", "answer"] as const;
export type DataObjectionEvent = (typeof dataObjectionEvents)[number];
export const dataObjectionMachine: TransitionTable<DataObjectionStatus, DataObjectionEvent> = {
  open: { correct: "corrected", answer: "answered" },
  corrected: {},
  answered: {},
};
export const initialDataObjectionStatus: DataObjectionStatus = "open";

export function nextDataObjectionStatus(from: DataObjectionStatus, event: DataObjectionEvent): DataObjectionStatus {
  return transition("dataObjection", dataObjectionMachine, from, event, "sharing.objections.status");
}
/** An objection still waiting for the issuing department: straight from the table. */
export function isOpenDataObjection(status: DataObjectionStatus): boolean {
  return canTransition(dataObjectionMachine, status, "correct");
}

/**
 * How many working days (official calendar) the issuing department has to verify an objection and
 * correct the data or answer: ten, the same time as a conditional request's answer. Chosen here
 * (the 条例 asks for prompt verification, 及时核实); one constant so a province can change it.
 */
export const dataObjectionWorkingDays = 10;

/** Every audit action of an objection: its filing, then one per event of its machine. */
export type DataObjectionAuditAction = "dataObjection.file" | `dataObjection.${DataObjectionEvent}`;
export const dataObjectionAuditActions: readonly DataObjectionAuditAction[] = [
  "dataObjection.file",
  ...dataObjectionEvents.map((e) => `dataObjection.${e}` as const),
];

/**
 * What a staff read of a holder's certificate for an application rests on (数据使用的依据):
 * - `consent`: a certificate used in place of a material the applicant would otherwise upload;
 *   the applicant agreed on the form and may withdraw it, after which the departments ask for an
 *   upload (the supplement notice) instead of reading it;
 * - `law`: a certificate the service requires the applicant to hold (the catalog's
 *   `requiresCertificateType`, e.g. a change registration needs the business licence): the
 *   department checks it under the service's legal basis, and no withdrawal stops that.
 */
export const consentBases = ["consent", "law"] as const;
export type ConsentBasis = (typeof consentBases)[number];

/** Only a read that rests on consent can be withdrawn, and only once. */
export function isWithdrawableConsent(c: { basis: ConsentBasis; withdrawnAt: Date | null }): boolean {
  return c.basis === "consent" && c.withdrawnAt === null;
}
