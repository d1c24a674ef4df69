import { canTransition, terminalStates, transition, type TransitionTable } from "@/lib/state-machine";

export const applicationStatuses = [
  "draft",
  "submitted",
  "inReview",
  "supplementRequired",
  "approved",
  "completed",
  "notAccepted",
  "denied",
  "withdrawn",
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const applicationEvents = [
  "submit",
  "accept",
  "refuse",
  "requestCompletion",
  "resubmit",
  "requestSupplement",
  "supplement",
  "approve",
  "deny",
  "complete",
  "withdraw",
  "returnToWindow",
] as const;
export type ApplicationEvent = (typeof applicationEvents)[number];

/**
 * The application's life. `requestCompletion`/`resubmit` is the window asking for missing material
 * before acceptance (Administrative Licensing Law art. 32); `requestSupplement`/`supplement` is the
 * departments' merged notice during review. `returnToWindow` (退回窗口) is a department sending a
 * case back to the window because it should not have been accepted as it was, before anyone has
 * decided: the window holds it again, to accept afresh, refuse or ask for completion.
 * Anything not listed is an illegal transition.
 */
export const applicationMachine: TransitionTable<ApplicationStatus, ApplicationEvent> = {
  draft: { submit: "submitted", withdraw: "withdrawn" },
  submitted: { accept: "inReview", refuse: "notAccepted", requestCompletion: "supplementRequired", withdraw: "withdrawn" },
  supplementRequired: { resubmit: "submitted", supplement: "inReview", withdraw: "withdrawn" },
  inReview: { requestSupplement: "supplementRequired", approve: "approved", deny: "denied", withdraw: "withdrawn", returnToWindow: "submitted" },
  approved: { complete: "completed" },
  completed: {},
  notAccepted: {},
  denied: {},
  withdrawn: {},
};

export function nextApplicationStatus(from: ApplicationStatus, event: ApplicationEvent): ApplicationStatus {
  return transition("application", applicationMachine, from, event, "applications.status.application");
}

/** Where every application starts. */
export const initialApplicationStatus: ApplicationStatus = "draft";

/**
 * Every audit action of an application: one per event of its machine, and the deadline job's
 * record that a one-time notice went past its deadline unanswered (not a status change).
 */
export type ApplicationAuditAction = `application.${ApplicationEvent}` | "application.noticeOverdue" | "application.stageMaterials";
export const applicationAuditActions: readonly ApplicationAuditAction[] = [
  ...applicationEvents.map((e) => `application.${e}` as const),
  "application.noticeOverdue",
  // The applicant supplied the materials a staged bundle's next stage needs (not a status change).
  "application.stageMaterials",
];

/**
 * What one item of a one-time notice asks for (the `kind` of `NoticeItem` in schema.ts):
 * - `material`: catalog materials of the service, supplied again as on the application form;
 * - `document`: a document the catalog does not list, asked for in words; answered by an upload;
 * - `question`: a question in words; answered in text.
 */
export const noticeItemKinds = ["material", "document", "question"] as const;
export type NoticeItemKind = (typeof noticeItemKinds)[number];

/** The working days an applicant has to answer a notice when the catalog says nothing. */
export const defaultSupplementDays = 10;

/**
 * A notice's deadline in working days: the longest of the asking services' `supplementDays`, so
 * that merging several departments' requests into one notice never gives the applicant less time
 * than any one of them would have.
 */
export function noticeDueDays(serviceDays: readonly number[]): number {
  return serviceDays.length > 0 ? Math.max(...serviceDays) : defaultSupplementDays;
}

// The subsets of statuses the code needs, each named for why. Nothing outside this file lists
// application statuses (src/modules/status-subsets.test.ts enforces it).

/** Closed for good: the table has no way out of them. */
export const finalApplicationStatuses: readonly ApplicationStatus[] = terminalStates(applicationMachine);
export function isFinalApplication(status: ApplicationStatus): boolean {
  return finalApplicationStatuses.includes(status);
}

/**
 * Submitted and not closed: the government holds the case, so its staff may read the applicant's
 * certificates for it and a lapsed certificate it relies on matters. Includes `approved`, the
 * moment between the approval and the completion (the same transaction issues the certificates).
 */
export const liveApplicationStatuses: readonly ApplicationStatus[] = applicationStatuses.filter(
  (s) => s !== initialApplicationStatus && !isFinalApplication(s),
);
export function isLiveApplication(status: ApplicationStatus): boolean {
  return liveApplicationStatuses.includes(status);
}

/** Submitted and still waiting for a licensing decision: "in progress" in the published statistics. */
export const undecidedApplicationStatuses: readonly ApplicationStatus[] = ["submitted", "inReview", "supplementRequired"];

/**
 * The window's limit to accept, refuse or ask for completion: 5 working days from receipt
 * (Administrative Licensing Law art. 32). Stored on the application as a deadline at submission.
 */
export const acceptanceLimitWorkingDays = 5;

/** Before acceptance the window works on these (a returned case is `supplementRequired` without `acceptedAt`). */
export const windowApplicationStatuses = ["submitted", "supplementRequired"] as const satisfies readonly ApplicationStatus[];
export type WindowApplicationStatus = (typeof windowApplicationStatuses)[number];
export function isAtWindow(status: ApplicationStatus): status is WindowApplicationStatus {
  return (windowApplicationStatuses as readonly ApplicationStatus[]).includes(status);
}

/**
 * A one-time notice is out and the applicant owes its answer. Only then may the applicant see which
 * departments asked for material: before it, a department's request is the departments' business
 * (一次性告知: the applicant is told once, completely).
 */
export const awaitingApplicantStatuses: readonly ApplicationStatus[] = ["supplementRequired"];
export function isAwaitingApplicant(status: ApplicationStatus): boolean {
  return awaitingApplicantStatuses.includes(status);
}

/** Granted (准予许可): approval, with or without its certificates issued yet. */
export const grantedApplicationStatuses: readonly ApplicationStatus[] = ["approved", "completed"];

/** A licensing decision was made (准予 or 不予许可); a refusal to accept (不予受理) is not one. */
export const decidedApplicationStatuses: readonly ApplicationStatus[] = [...grantedApplicationStatuses, "denied"];

/**
 * Finished with an outcome the applicant can judge (好差评, GB/T 39734-2020): completed, denied, or
 * refused at the window (不予受理). A withdrawn case is the applicant's own act and is not rated.
 */
export const ratableApplicationStatuses: readonly ApplicationStatus[] = ["completed", "denied", "notAccepted"];
export function isRatableApplication(status: ApplicationStatus): boolean {
  return ratableApplicationStatuses.includes(status);
}

/** Closed without the licence: what the case held (a reserved name) is free for another one. */
export const endedWithoutGrantStatuses: readonly ApplicationStatus[] = finalApplicationStatuses.filter((s) => !grantedApplicationStatuses.includes(s));

/** The applicant may take the application back: straight from the table. */
export function canWithdraw(status: ApplicationStatus): boolean {
  return canTransition(applicationMachine, status, "withdraw");
}

/**
 * Tracking number (办件编号): the 6-digit division code of the accepting portal, the date of
 * submission in China (YYYYMMDD) and a 6-digit sequence per division and day, e.g.
 * 130102 20260302 000017 → "13010220260302000017" (20 digits).
 */
export function formatTrackingNumber(divisionCode: string, day: string, sequence: number): string {
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError(`division code must be 6 digits: ${divisionCode}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`day must be YYYY-MM-DD: ${day}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) throw new RangeError(`sequence out of range: ${sequence}`);
  return `${divisionCode}${day.replaceAll("-", "")}${String(sequence).padStart(6, "0")}`;
}

export const trackingNumberPattern = /^\d{20}$/;

// No 0/O, 1/I/L: the code is read aloud at counters and typed from paper.
const queryAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** The query code (查询码): 8 characters, about 39 bits, enough behind a number that must match too. */
export function newQueryCode(): string {
  // Web Crypto (Node and browsers alike, so this file stays client-safe for the status predicates);
  // bytes from 248 up are dropped so that every character is equally likely (248 = 8 × 31).
  const limit = Math.floor(256 / queryAlphabet.length) * queryAlphabet.length;
  const out: string[] = [];
  const bytes = new Uint8Array(16);
  while (out.length < 8) {
    globalThis.crypto.getRandomValues(bytes);
    for (const b of bytes) if (b < limit && out.length < 8) out.push(queryAlphabet[b % queryAlphabet.length] ?? "");
  }
  return out.join("");
}

export function normalizeQueryCode(input: string): string {
  return input.trim().toUpperCase();
}

/** The division of the portal an applicant's case goes to: Hebei's divisions, else the province. */
export function trackingDivision(holderCode: string, kind: "enterprise" | "citizen"): string {
  const division = kind === "enterprise" ? holderCode.slice(2, 8) : holderCode.slice(0, 6);
  return /^13\d{4}$/.test(division) ? division : "130000";
}

/** The division a holder code names: a credit code's registration authority's, an ID number's household's. */
export function holderDivision(holderCode: string, kind: "enterprise" | "citizen"): string {
  return kind === "enterprise" ? holderCode.slice(2, 8) : holderCode.slice(0, 6);
}

/**
 * What came of asking another region's node for a certificate material (全程网办): `supplied` by
 * it, or not (`notHeld`: the peer answered without a valid, validly signed one; `refused`: with a
 * coded reason; `down`: no usable answer). Only `supplied` supplies the material; the others
 * leave an upload, which staff see as a copy not verified.
 */
export const foreignSupplyOutcomes = ["supplied", "notHeld", "refused", "down"] as const;
export type ForeignSupplyOutcome = (typeof foreignSupplyOutcomes)[number];

/** The applicant's progress stepper: 申请 → 受理 → 审查 → 办结. */
export const caseStages = ["apply", "accept", "review", "finish"] as const;
export type CaseStage = (typeof caseStages)[number];

/**
 * Where a case stands on the stepper, and whether it ended there: a draft is at `apply`; a case at
 * the window at `accept` (refused there: ended); accepted and undecided at `review`; granted at
 * `finish` (completed: ended there); denied ends at `finish` too (a decision was made); a
 * withdrawn case ends where it was.
 */
export function caseStageOf(status: ApplicationStatus, accepted: boolean): { stage: CaseStage; ended: boolean } {
  if (status === initialApplicationStatus) return { stage: "apply", ended: false };
  if (decidedApplicationStatuses.includes(status)) return { stage: "finish", ended: isFinalApplication(status) };
  if (isFinalApplication(status)) return { stage: accepted ? "review" : "accept", ended: true };
  return { stage: accepted ? "review" : "accept", ended: false };
}

/** A form field's value read from a certificate the registry holds, with where it came from. */
export interface RegistryFilledField {
  key: string;
  value: string;
  typeCode: string;
  certificateNumber: string;
  issuerNameZh: string;
  issuerNameEn: string;
}

/**
 * Registry data fills the form (政务数据共享条例: data government holds is not asked again): a
 * text form field whose key names a field of a valid certificate the same form takes from the
 * registry (the food licence's 住所 `businessAddress` from the business licence's `businessAddress`)
 * is filled from it, shown as read from the registry and not editable. Only text fields: a number,
 * date or choice is asked, so a registry value never fails the form's own check. The first
 * certificate material in the plan's order wins. A certificate of a type the application itself
 * issues fills nothing: a change registration reads the licence it re-issues, and asks for the
 * new address, not the old one.
 */
export function registryFilledFields(
  materials: ReadonlyArray<{ key: string; source: string; fieldType: string | null; certificateType: string | null }>,
  held: ReadonlyArray<{
    typeCode: string;
    number: string;
    status: string;
    issuerNameZh: string;
    issuerNameEn: string;
    fields: Readonly<Record<string, string>>;
  }>,
  issuedTypes: ReadonlyArray<string | null>,
): RegistryFilledField[] {
  const valid = materials.flatMap((m) => {
    if (m.source !== "certificate" || issuedTypes.includes(m.certificateType)) return [];
    const c = held.find((h) => h.typeCode === m.certificateType && h.status === "valid");
    return c ? [c] : [];
  });
  return materials.flatMap((m) => {
    if (m.source !== "formField" || (m.fieldType !== "text" && m.fieldType !== "textarea")) return [];
    const c = valid.find((h) => (h.fields[m.key] ?? "").trim() !== "");
    return c
      ? [{ key: m.key, value: c.fields[m.key]!, typeCode: c.typeCode, certificateNumber: c.number, issuerNameZh: c.issuerNameZh, issuerNameEn: c.issuerNameEn }]
      : [];
  });
}

// 多地联办: a step of a bundle decided on another region's node is a joint part, one row on each
// side. On the lead node (`lead`) the part waits to be sent, then is opened by the partner (its
// reference is the partner's tracking number) or refused with a code (the step shows as refused
// to open with the reason). On the partner node (`partner`) it is opened at once, with the local
// application that carries its tasks. Its review outcome lives on the tasks and applications.
export const jointPartSides = ["lead", "partner"] as const;
export type JointPartSide = (typeof jointPartSides)[number];
export const jointPartStatuses = ["waitingToSend", "opened", "refusedToOpen"] as const;
export type JointPartStatus = (typeof jointPartStatuses)[number];
export const jointPartEvents = ["open", "refuse"] as const;
export type JointPartEvent = (typeof jointPartEvents)[number];
export const jointPartMachine: TransitionTable<JointPartStatus, JointPartEvent> = {
  waitingToSend: { open: "opened", refuse: "refusedToOpen" },
  opened: {},
  refusedToOpen: {},
};
export const initialJointPartStatus: JointPartStatus = "waitingToSend";

export function nextJointPartStatus(from: JointPartStatus, event: JointPartEvent): JointPartStatus {
  return transition("jointPart", jointPartMachine, from, event, "applications.joint.status");
}

// 异地代收代办 (issue 14): a forwarding is an application this node's window accepted for another
// region's service. It waits in this node's outbox until the competent node answers: `accepted`
// (an application exists there; its status then flows back as facts, not as this machine's
// states), `returned` (the competent node found it invalid and created nothing; the reasons go
// back to the window) or `refused` (the competent node refused the message itself with a code,
// e.g. the service is not open to forwarding from this region). A peer that is down leaves it
// `waiting`: the outbox job tries again with backoff.
export const forwardingStatuses = ["waiting", "accepted", "returned", "refused"] as const;
export type ForwardingStatus = (typeof forwardingStatuses)[number];
export const forwardingEvents = ["accept", "return", "refuse"] as const;
export type ForwardingEvent = (typeof forwardingEvents)[number];
export const forwardingMachine: TransitionTable<ForwardingStatus, ForwardingEvent> = {
  waiting: { accept: "accepted", return: "returned", refuse: "refused" },
  accepted: {},
  returned: {},
  refused: {},
};
export const initialForwardingStatus: ForwardingStatus = "waiting";
export function nextForwardingStatus(from: ForwardingStatus, event: ForwardingEvent): ForwardingStatus {
  return transition("forwarding", forwardingMachine, from, event, "applications.forwarding.status");
}
/** Still to be delivered by the outbox: nothing has answered it yet. */
export function isAwaitingDelivery(status: ForwardingStatus): boolean {
  return status === "waiting";
}

/**
 * When the outbox tries a waiting forwarding again after `attempts` failed deliveries: doubling
 * from 5 s, capped at 5 minutes, so a peer down for an hour costs a few dozen requests.
 */
export function forwardingRetryDelayMs(attempts: number): number {
  return Math.min(300_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}
