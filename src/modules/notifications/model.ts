import type { Role } from "@/modules/identity/model";

/**
 * What happened, and the params each kind's message uses (messages.<locale>.json under
 * `notifications.kinds.<kind>.title/body`):
 *
 * | kind | params |
 * |---|---|
 * | applicationSubmitted | trackingNumber, title |
 * | applicationAccepted | trackingNumber, title |
 * | applicationNotAccepted | trackingNumber, title, reason |
 * | completionRequested | trackingNumber, title |
 * | supplementNotice | trackingNumber, title, count, dueDate (the notice's deadline) |
 * | supplementOverdue | trackingNumber, title, dueDate (to the data office and the asking departments) |
 * | taskOpened | trackingNumber, title, dueDate, provisional (yes/no) |
 * | taskDecided | trackingNumber, title, department, outcome (`approved` / `denied` / `supplementRequested`) |
 * | applicationApproved | trackingNumber, title |
 * | applicationDenied | trackingNumber, title, reason |
 * | certificateIssued | trackingNumber, certificate, number |
 * | dueReminder | trackingNumber, title, dueDate, provisional (yes/no) |
 * | taskOverdue | trackingNumber, title, dueDate, provisional (yes/no) |
 * | deemedApproved | trackingNumber, title, department |
 * | applicationWithdrawn | trackingNumber, title |
 * | certificateRevoked | trackingNumber, title, certificate, number, reason |
 * | certificateExpired | trackingNumber, title, certificate, number |
 * | accessQuestionAnswered | question |
 * | enterpriseRegistered | trackingNumber, name, creditCode, number |
 * | mandateGranted | principal, agent, endsOn |
 * | mandateRevoked | principal, agent |
 * | dueDateChanged | trackingNumber, title, department, previousDueDate, dueDate |
 * | stageMaterialsRequired | trackingNumber, title, count, materials (their names, like `title` in Chinese) |
 * | taskReassigned | trackingNumber, title, reason (to the reviewer the head gave the task to) |
 * | taskTransferred | trackingNumber, title, department (the one that transferred it), reason |
 * | applicationReturned | trackingNumber, title, department, reason (to the window clerks: 退回窗口) |
 * | countersignRequested | trackingNumber, title, reason (to the countersigner: 加签) |
 * | taskEscalated | trackingNumber, title, department, dueDate, count (working days overdue; to a rung of the escalation ladder) |
 * | countersignGiven | trackingNumber, title, outcome (`agree` / `disagree`, to the reviewer who asked) |
 * | extensionRequested | trackingNumber, title, days, reason (to the department's heads) |
 * | taskExtended | trackingNumber, title, department, days, reason, dueDate (the applicant and the reviewer who asked) |
 * | extensionRefused | trackingNumber, title, note (to the reviewer who asked) |
 * | ratingInvited | trackingNumber, title (a finished case: rate it) |
 * | rectificationOpened | trackingNumber, department, dueDate (to the rated department's reviewers) |
 * | rectificationAnswered | trackingNumber, title, department |
 * | appealDecided | trackingNumber, title |
 * | verificationOpened | trackingNumber, title, material, dueDate (to the verifying department's reviewers: 告知承诺核查) |
 * | commitmentBroken | trackingNumber, title, material, department, finding, numbers (the certificates revoked) |
 * | inspectionAssigned | title (the plan), count (entities assigned), periodUntil (to each drawn inspector) |
 */
export const notificationKinds = [
  "applicationSubmitted",
  "applicationAccepted",
  "applicationNotAccepted",
  "completionRequested",
  "supplementNotice",
  "taskOpened",
  "taskDecided",
  "applicationApproved",
  "applicationDenied",
  "certificateIssued",
  "dueReminder",
  "taskOverdue",
  "deemedApproved",
  "applicationWithdrawn",
  "certificateRevoked",
  "certificateExpired",
  "accessQuestionAnswered",
  "enterpriseRegistered",
  "mandateGranted",
  "mandateRevoked",
  "dueDateChanged",
  "supplementOverdue",
  "stageMaterialsRequired",
  "taskReassigned",
  "taskTransferred",
  "applicationReturned",
  "countersignRequested",
  "countersignGiven",
  "taskEscalated",
  "extensionRequested",
  "taskExtended",
  "extensionRefused",
  "ratingInvited",
  "rectificationOpened",
  "rectificationAnswered",
  "appealDecided",
  "verificationOpened",
  "commitmentBroken",
  "inspectionAssigned",
] as const;

export type NotificationKind = (typeof notificationKinds)[number];

/** The params each kind's message needs (checked by a test against the message files). */
export const kindParams: Record<NotificationKind, readonly string[]> = {
  applicationSubmitted: ["trackingNumber", "title"],
  applicationAccepted: ["trackingNumber", "title"],
  applicationNotAccepted: ["trackingNumber", "title", "reason"],
  completionRequested: ["trackingNumber", "title"],
  supplementNotice: ["trackingNumber", "title", "count", "dueDate"],
  taskOpened: ["trackingNumber", "title", "dueDate", "provisional"],
  taskDecided: ["trackingNumber", "title", "department", "outcome"],
  applicationApproved: ["trackingNumber", "title"],
  applicationDenied: ["trackingNumber", "title", "reason"],
  certificateIssued: ["trackingNumber", "certificate", "number"],
  dueReminder: ["trackingNumber", "title", "dueDate", "provisional"],
  taskOverdue: ["trackingNumber", "title", "dueDate", "provisional"],
  deemedApproved: ["trackingNumber", "title", "department"],
  applicationWithdrawn: ["trackingNumber", "title"],
  certificateRevoked: ["trackingNumber", "title", "certificate", "number", "reason"],
  certificateExpired: ["trackingNumber", "title", "certificate", "number"],
  accessQuestionAnswered: ["question"],
  enterpriseRegistered: ["trackingNumber", "name", "creditCode", "number"],
  mandateGranted: ["principal", "agent", "endsOn"],
  mandateRevoked: ["principal", "agent"],
  dueDateChanged: ["trackingNumber", "title", "department", "previousDueDate", "dueDate"],
  supplementOverdue: ["trackingNumber", "title", "dueDate"],
  stageMaterialsRequired: ["trackingNumber", "title", "count", "materials"],
  taskReassigned: ["trackingNumber", "title", "reason"],
  taskTransferred: ["trackingNumber", "title", "department", "reason"],
  applicationReturned: ["trackingNumber", "title", "department", "reason"],
  countersignRequested: ["trackingNumber", "title", "reason"],
  countersignGiven: ["trackingNumber", "title", "outcome"],
  taskEscalated: ["trackingNumber", "title", "department", "dueDate", "count"],
  extensionRequested: ["trackingNumber", "title", "days", "reason"],
  taskExtended: ["trackingNumber", "title", "department", "days", "reason", "dueDate"],
  extensionRefused: ["trackingNumber", "title", "note"],
  ratingInvited: ["trackingNumber", "title"],
  rectificationOpened: ["trackingNumber", "department", "dueDate"],
  rectificationAnswered: ["trackingNumber", "title", "department"],
  appealDecided: ["trackingNumber", "title"],
  verificationOpened: ["trackingNumber", "title", "material", "dueDate"],
  commitmentBroken: ["trackingNumber", "title", "material", "department", "finding", "numbers"],
  inspectionAssigned: ["title", "count", "periodUntil"],
};

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (notificationKinds as readonly string[]).includes(kind);
}

/**
 * Where an inbox item leads: the applicant to the case, staff to their queue (a reviewer's or
 * clerk's page lists the case with its actions), nowhere for the data office.
 */
export function notificationHref(role: Role, applicationId: string | null, kind?: string): string | null {
  switch (role) {
    case "enterprise":
    case "citizen":
      if (kind === "accessQuestionAnswered") return "/applicant/data-log";
      if (kind === "mandateGranted" || kind === "mandateRevoked") return "/applicant/mandates";
      return applicationId ? `/applications/${applicationId}` : null;
    case "reviewer":
      if (kind === "inspectionAssigned") return "/review/inspections";
      return kind === "rectificationOpened" ? "/review/rectification" : "/review";
    case "windowClerk":
      return "/window";
    case "dataOffice":
    case "administrator":
      return null;
  }
}
