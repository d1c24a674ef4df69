// 告知承诺 after approval: the verification task each committed material opens for the department
// its catalog rule names, its machine and the exclusion rules. Pure: no database.
import { transition, type TransitionTable } from "@/lib/state-machine";

/**
 * A verification task (核查): open until the department records its result — passed (the
 * commitment was kept) or failed (it was false: the certificates issued on the application are
 * revoked and a broken-commitment credit record is written). Overdue is not a status: it is an open
 * task past its due day (`isOverdueVerification`).
 */
export const verificationStatuses = ["open", "passed", "failed"] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];
export const verificationEvents = ["pass", "fail"] as const;
export type VerificationEvent = (typeof verificationEvents)[number];

export const verificationMachine: TransitionTable<VerificationStatus, VerificationEvent> = { open: { pass: "passed", fail: "failed" }, passed: {}, failed: {} };
export const initialVerificationStatus: VerificationStatus = "open";

export function nextVerificationStatus(from: VerificationStatus, event: VerificationEvent): VerificationStatus {
  return transition("commitmentVerification", verificationMachine, from, event, "commitments.status");
}

/** Waiting for the department's result: the queue of the verifying department. */
export function isOpenVerification(status: VerificationStatus): boolean {
  return status === initialVerificationStatus;
}

/** An open task whose last day (China date) is over: flagged on the department's page, never moved. */
export function isOverdueVerification(v: { status: VerificationStatus; dueOn: string }, today: string): boolean {
  return isOpenVerification(v.status) && today > v.dueOn;
}

/** The audit actions of commitments (part of the audit vocabulary). */
export type CommitmentAuditAction = "commitmentVerification.open" | `commitmentVerification.${VerificationEvent}`;
export const commitmentAuditActions: readonly CommitmentAuditAction[] = [
  "commitmentVerification.open",
  ...verificationEvents.map((e) => `commitmentVerification.${e}` as const),
];

// ---------------------------------------------------------------------------------------------
// Who may not commit (国办发〔2020〕42号: 对信用状况较差、曾作出虚假承诺的申请人不适用告知承诺).
// ---------------------------------------------------------------------------------------------

/** A broken commitment bars committing again for this many years from its decision. */
export const brokenCommitmentBarYears = 3;

/** Why an applicant is excluded, in the order checked; each has its message `commitments.exclusion.<reason>`. */
export const exclusionReasons = ["dishonestyList", "brokenCommitment", "riskClassD"] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

/** The first day a broken commitment decided on `decidedOn` no longer bars (three years on). */
export function brokenCommitmentBarEnds(decidedOn: string): string {
  const [y, m, d] = decidedOn.split("-").map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + brokenCommitmentBarYears, m - 1, d));
  // 29 February three years on is 1 March.
  return end.toISOString().slice(0, 10);
}
