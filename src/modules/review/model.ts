import { statesAccepting, terminalStates, transition, type TransitionTable } from "@/lib/state-machine";

export const taskStatuses = ["waiting", "open", "claimed", "approved", "denied", "supplementRequested", "cancelled"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const taskEvents = [
  "open",
  "claim",
  "release",
  "approve",
  "deny",
  "requestSupplement",
  "reopen",
  "resume",
  "cancel",
  "deemApprove",
  "reassign",
  "transfer",
  "returnToWindow",
  // 多地联办: a remote task (a step decided on the partner region's node) moves by the partner's updates.
  "partnerApprove",
  "partnerDeny",
  "partnerRequestSupplement",
] as const;
export type TaskEvent = (typeof taskEvents)[number];

/**
 * A review task's life: it waits for the steps it needs, opens with its clock running, is claimed
 * by a reviewer of its department and decided. `deemApprove` is the deadline job applying
 * 逾期视为同意 where the catalog provides for it. `cancel` follows a denial elsewhere or a withdrawal.
 * After the applicant answers a notice, a task that asked goes back to the reviewer who asked
 * (`resume`, claimed by them), or to the department's queue (`reopen`) when that reviewer can no
 * longer take it (deactivated, or moved to another department).
 * The department's operations: the head `reassign`s an open or claimed task to a reviewer of the
 * department (claimed by them); a task `transfer`red (转办) to the competent department lands in
 * its queue, unclaimed, with its clock and due date; `returnToWindow` (退回窗口) puts a task the
 * window should not have accepted back to waiting, to open afresh when the case is accepted again.
 */
export const taskMachine: TransitionTable<TaskStatus, TaskEvent> = {
  waiting: { open: "open", cancel: "cancelled", returnToWindow: "waiting" },
  open: {
    claim: "claimed",
    cancel: "cancelled",
    deemApprove: "approved",
    reassign: "claimed",
    transfer: "open",
    returnToWindow: "waiting",
    partnerApprove: "approved",
    partnerDeny: "denied",
    partnerRequestSupplement: "supplementRequested",
  },
  claimed: {
    release: "open",
    approve: "approved",
    deny: "denied",
    requestSupplement: "supplementRequested",
    cancel: "cancelled",
    deemApprove: "approved",
    reassign: "claimed",
    transfer: "open",
    returnToWindow: "waiting",
  },
  supplementRequested: { reopen: "open", resume: "claimed", cancel: "cancelled" },
  approved: {},
  denied: {},
  cancelled: {},
};

export function nextTaskStatus(from: TaskStatus, event: TaskEvent): TaskStatus {
  return transition("reviewTask", taskMachine, from, event, "applications.status.task");
}

/** Where every task starts: it waits for the steps it needs. */
export const initialTaskStatus: TaskStatus = "waiting";

/**
 * Every audit action of a task: one per event of its machine, and the recomputation of a due date
 * when the calendar year it rested on is published (not a status change). The clocks' actions
 * (extensions and pauses) are listed apart, in `clockAuditActions`.
 */
export type TaskAuditAction =
  `task.${TaskEvent}` | "task.dueDateRecomputed" | "task.materialsRequested" | OpinionTemplateAuditAction | TaskOperationAuditAction | ClockAuditAction;
export const taskAuditActions: readonly TaskAuditAction[] = [
  ...taskEvents.map((e) => `task.${e}` as const),
  "task.dueDateRecomputed",
  // A staged bundle's step held, waiting, for the materials its stage needs (not a status change).
  "task.materialsRequested",
  "task.countersignRequested",
  "task.countersigned",
  "substitute.appoint",
  "opinionTemplate.save",
  "opinionTemplate.delete",
];

/**
 * A department's operations that are not status changes, audited all the same: a countersign
 * (加签) asked for and given; a substitute named for an absent reviewer.
 */
export type TaskOperationAuditAction = "task.countersignRequested" | "task.countersigned" | "substitute.appoint";

/** A substitute is named for at most this many days at once: an absence, not a transfer of post. */
export const maxSubstituteDays = 92;

/**
 * The escalation ladder of an overdue task (督办): the reviewer (or the department) is told when
 * the due date passes (the overdue notice); then, each once, the head of the department when it
 * is 1 working day overdue, the lead department of the bundle at 2, the data office at 3 — working
 * days on the official calendar, counted after the due date. `rung` is the value of
 * review_tasks.escalation_rung once that rung has been told.
 */
export const escalationLadder = [
  { rung: 1, to: "head", workingDaysOverdue: 1 },
  { rung: 2, to: "leadDepartment", workingDaysOverdue: 2 },
  { rung: 3, to: "dataOffice", workingDaysOverdue: 3 },
] as const;
export type EscalationTarget = (typeof escalationLadder)[number]["to"];
export const topEscalationRung = escalationLadder.length;

/** A countersigner's opinion (加签意见): agree or disagree, always with text. */
export const countersignOpinions = ["agree", "disagree"] as const;
export type CountersignOpinion = (typeof countersignOpinions)[number];

/** A department's opinion templates kept (added or changed) and removed: not a status change, audited all the same. */
export type OpinionTemplateAuditAction = "opinionTemplate.save" | "opinionTemplate.delete";

/** The decisions an opinion template fills the opinion of. */
export const opinionTemplateOutcomes = ["approved", "denied"] as const satisfies readonly TaskStatus[];
export type OpinionTemplateOutcome = (typeof opinionTemplateOutcomes)[number];
/** At most this many templates per department: a pick list, not a library. */
export const maxOpinionTemplatesPerDepartment = 50;

// The subsets of statuses the code needs, each named for why. Nothing outside this file lists
// task statuses (src/modules/status-subsets.test.ts enforces it).

/** Running: open or claimed, the clock running — a department still has to speak, and such a task can be overdue. */
export const runningTaskStatuses: readonly TaskStatus[] = ["open", "claimed"];
export function isRunningTask(status: TaskStatus): boolean {
  return runningTaskStatuses.includes(status);
}

/**
 * Dated: a task whose due date still matters — running, or waiting on the applicant
 * (supplementRequested, whose stored date is the one it resumes from). A decided, cancelled or
 * waiting task has no date to move when the calendar changes.
 */
export const datedTaskStatuses: readonly TaskStatus[] = ["open", "claimed", "supplementRequested"];

/** Tasks that a denial or a withdrawal cancels: every state the table lets `cancel` leave. */
export const cancellableTaskStatuses: readonly TaskStatus[] = statesAccepting(taskMachine, "cancel");

/** Not yet ended: the department still has work on the case (the same states a cancellation ends). */
export const liveTaskStatuses: readonly TaskStatus[] = taskStatuses.filter((s) => !terminalStates(taskMachine).includes(s));

/** Decided by the department (or deemed approved): counted as done on the progress bar and in the timeliness statistics. */
export const decidedTaskStatuses: readonly TaskStatus[] = ["approved", "denied"];
export function isDecidedTask(status: TaskStatus): boolean {
  return decidedTaskStatuses.includes(status);
}

/** A department's decision (a `decisions` row's outcome): the states approve, deny and requestSupplement lead a claimed task to. */
export const decisionOutcomes = ["approved", "denied", "supplementRequested"] as const satisfies readonly TaskStatus[];
export type DecisionOutcome = (typeof decisionOutcomes)[number];

/**
 * Returned with the case to the window (退回窗口): every task not yet decided nor asking for
 * material, the states `returnToWindow` leaves. A case goes back only while all its tasks are in
 * these states: once a department has spoken, the acceptance stands.
 */
export const returnableTaskStatuses: readonly TaskStatus[] = statesAccepting(taskMachine, "returnToWindow");

/** On hold: the department cannot act yet, waiting for earlier steps or for the applicant's material. */
export const onHoldTaskStatuses: readonly TaskStatus[] = ["waiting", "supplementRequested"];

export interface FanInTask {
  key: string;
  status: TaskStatus;
  needs: readonly string[];
  /**
   * A staged bundle: the applicant still owes materials this step's stage needs. Such a step does
   * not open when its needs are approved; it waits, held, until the materials are in.
   */
  materialsOwed?: boolean;
}

export type FanInOutcome =
  /** A department denied: the application is denied and these tasks are cancelled. */
  | { kind: "deny"; cancel: string[] }
  /** Someone still has to speak; these waiting steps can open now, these wait for the applicant's stage materials. */
  | { kind: "continue"; open: string[]; held: string[] }
  /** No department has anything to do: the next steps wait for the materials their stage needs from the applicant. */
  | { kind: "awaitMaterials"; held: string[] }
  /** Everyone open has spoken and some asked for material: one merged notice, for these tasks. */
  | { kind: "supplement"; asking: string[] }
  /** Every step approved. */
  | { kind: "approve" };

/**
 * What the application does after a task is decided (run with the application row locked, so
 * concurrent deciders see each other's results). Approved steps open the steps that need them at
 * once; the merged notice goes out only when no task is still open; nobody waits for a department
 * that has already decided.
 */
export function fanIn(tasks: readonly FanInTask[]): FanInOutcome {
  if (tasks.some((t) => t.status === "denied")) {
    return { kind: "deny", cancel: tasks.filter((t) => cancellableTaskStatuses.includes(t.status)).map((t) => t.key) };
  }
  const approved = new Set(tasks.filter((t) => t.status === "approved").map((t) => t.key));
  const ready = tasks.filter((t) => t.status === "waiting" && t.needs.every((n) => approved.has(n)));
  const open = ready.filter((t) => !t.materialsOwed).map((t) => t.key);
  const held = ready.filter((t) => t.materialsOwed).map((t) => t.key);
  const pending = tasks.some((t) => isRunningTask(t.status));
  if (pending || open.length > 0) return { kind: "continue", open, held };
  const asking = tasks.filter((t) => t.status === "supplementRequested").map((t) => t.key);
  if (asking.length > 0) return { kind: "supplement", asking };
  if (held.length > 0) return { kind: "awaitMaterials", held };
  if (tasks.every((t) => t.status === "approved")) return { kind: "approve" };
  // Waiting tasks whose needs can never be met: only possible if the plan was not a DAG.
  throw new Error(`fan-in stuck: ${tasks.map((t) => `${t.key}:${t.status}`).join(", ")}`);
}

/** A certificate a reader's steps build on: issued by a step theirs need, or by one of their own. */
export interface CertificateForSteps {
  stepKey: string;
  typeCode: string;
  /** The certificate exists: its step's approval issued it (see `certificatesForSteps`). */
  issued: boolean;
}

/**
 * The certificates of a case a reviewer's steps build on (信息共享), in plan order: those the
 * steps they need (directly or through others) issue, issued or not yet (to say so), and their
 * own steps' once issued. A parallel step's certificate is not theirs to read: their grant does
 * not cover it, and asking the gate would only log a refusal in the holder's data log.
 * `issuedStepKeys` are the steps whose certificates exist: the registering step once approved
 * (its approval registers the enterprise and issues the licence), every step once the case is.
 */
export function certificatesForSteps(
  plan: ReadonlyArray<{ key: string; needs: string[]; issuesCertificateType: string | null }>,
  readerStepKeys: ReadonlySet<string>,
  issuedStepKeys: ReadonlySet<string>,
): CertificateForSteps[] {
  const byKey = new Map(plan.map((s) => [s.key, s]));
  const upstream = new Set<string>();
  const walk = (key: string): void => {
    for (const n of byKey.get(key)?.needs ?? []) {
      if (upstream.has(n)) continue;
      upstream.add(n);
      walk(n);
    }
  };
  for (const key of readerStepKeys) walk(key);
  return plan.flatMap((s) => {
    if (!s.issuesCertificateType) return [];
    const issued = issuedStepKeys.has(s.key);
    const own = readerStepKeys.has(s.key) && !upstream.has(s.key);
    return upstream.has(s.key) || (own && issued) ? [{ stepKey: s.key, typeCode: s.issuesCertificateType, issued }] : [];
  });
}

// Clocks the law knows (Administrative Licensing Law arts. 42 and 45).

/** Art. 42: a decision within 20 working days of acceptance, unless a law or the catalog's service sets its own limit. */
export const defaultStatutoryDays = 20;
/** Art. 42: the head of the administrative organ may extend the limit by 10 working days, once. */
export const maxExtensionDays = 10;

/**
 * An extension (延期) asked by a reviewer and decided by the head of the task's department. Its own
 * small machine: asked, then approved or refused, once; nothing leaves a decided request. A refused
 * request may be followed by a new one; an approved one may not (the law allows one extension).
 */
export const extensionStatuses = ["requested", "approved", "refused"] as const;
export type ExtensionStatus = (typeof extensionStatuses)[number];
export const extensionEvents = ["approve", "refuse"] as const;
export type ExtensionEvent = (typeof extensionEvents)[number];
export const extensionMachine: TransitionTable<ExtensionStatus, ExtensionEvent> = {
  requested: { approve: "approved", refuse: "refused" },
  approved: {},
  refused: {},
};
export const initialExtensionStatus: ExtensionStatus = "requested";
export function nextExtensionStatus(from: ExtensionStatus, event: ExtensionEvent): ExtensionStatus {
  return transition("taskExtension", extensionMachine, from, event, "review.clocks.extensionStatus");
}
/** Standing in the way of a new request: one still to be decided, or the one the law allows, granted. */
export const blockingExtensionStatuses: readonly ExtensionStatus[] = ["requested", "approved"];

/**
 * What a reviewer may pause a task for (art. 45: hearings, inspections, expert review; the time they
 * take is not counted). `supplement` pauses are the merged notice's, started and ended by it alone.
 */
export const pauseKinds = ["hearing", "inspection", "expertReview"] as const;
export type PauseKind = (typeof pauseKinds)[number];
export const pauseReasons = ["supplement", ...pauseKinds] as const;

/**
 * A pause is a record beside the task, not a task status: the task stays claimed by its reviewer
 * (who holds the hearing or orders the inspection), only its clock stands still. A paused status
 * would have to remember where to go back to and would double every running state's events.
 */
export const clockAuditActions = ["extension.request", "extension.approve", "extension.refuse", "pause.start", "pause.end"] as const;
export type ClockAuditAction = (typeof clockAuditActions)[number];
