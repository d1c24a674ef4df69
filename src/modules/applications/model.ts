import { randomInt } from "node:crypto";
import { transition, type TransitionTable } from "@/lib/state-machine";

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
] as const;
export type ApplicationEvent = (typeof applicationEvents)[number];

/**
 * The application's life. `requestCompletion`/`resubmit` is the window asking for missing material
 * before acceptance (Administrative Licensing Law art. 32); `requestSupplement`/`supplement` is the
 * departments' merged notice during review. Anything not listed is an illegal transition.
 */
export const applicationMachine: TransitionTable<ApplicationStatus, ApplicationEvent> = {
  draft: { submit: "submitted", withdraw: "withdrawn" },
  submitted: { accept: "inReview", refuse: "notAccepted", requestCompletion: "supplementRequired", withdraw: "withdrawn" },
  supplementRequired: { resubmit: "submitted", supplement: "inReview", withdraw: "withdrawn" },
  inReview: { requestSupplement: "supplementRequired", approve: "approved", deny: "denied", withdraw: "withdrawn" },
  approved: { complete: "completed" },
  completed: {},
  notAccepted: {},
  denied: {},
  withdrawn: {},
};

export function nextApplicationStatus(from: ApplicationStatus, event: ApplicationEvent): ApplicationStatus {
  return transition("application", applicationMachine, from, event, "applications.status.application");
}

export const finalApplicationStatuses: readonly ApplicationStatus[] = ["completed", "notAccepted", "denied", "withdrawn"];

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
  return Array.from({ length: 8 }, () => queryAlphabet[randomInt(queryAlphabet.length)]).join("");
}

export function normalizeQueryCode(input: string): string {
  return input.trim().toUpperCase();
}

/** The division of the portal an applicant's case goes to: Hebei's divisions, else the province. */
export function trackingDivision(holderCode: string, kind: "enterprise" | "citizen"): string {
  const division = kind === "enterprise" ? holderCode.slice(2, 8) : holderCode.slice(0, 6);
  return /^13\d{4}$/.test(division) ? division : "130000";
}
