// The recognition matrix (互认): which certificate types of another region this node accepts, for
// which of its services, in place of which of its own certificate types. Pure: the entry's machine,
// the rule of when an entry is in force, and the audit vocabulary. The exchange asks the rule
// (recognition.ts) before it requests or accepts a foreign certificate (issue 14).
import { transition, type TransitionTable } from "@/lib/state-machine";

/**
 * An entry is `active` from when the data office adds it (or the province file brings it) and
 * `ended` when the data office ends it. An ended entry is kept as it was (what was accepted, when
 * and on what legal basis) and never comes back: a new entry is added instead.
 */
export const recognitionStatuses = ["active", "ended"] as const;
export type RecognitionStatus = (typeof recognitionStatuses)[number];
export const recognitionEvents = ["end"] as const;
export type RecognitionEvent = (typeof recognitionEvents)[number];

export const recognitionMachine: TransitionTable<RecognitionStatus, RecognitionEvent> = { active: { end: "ended" }, ended: {} };
export const initialRecognitionStatus: RecognitionStatus = "active";

export function nextRecognitionStatus(from: RecognitionStatus, event: RecognitionEvent): RecognitionStatus {
  return transition("recognition", recognitionMachine, from, event, "recognition.status");
}

/** Listed in the published matrix and counted as a duplicate for a new entry: not ended. */
export function isCurrentRecognition(status: RecognitionStatus): boolean {
  return status === "active";
}

/** What decides whether an entry accepts a certificate on a day. */
export interface RecognitionValidity {
  status: RecognitionStatus;
  /** 'YYYY-MM-DD', the first day the entry accepts. */
  validFrom: string;
  /** 'YYYY-MM-DD', the last day the entry accepts; null: until ended. */
  validUntil: string | null;
}

/**
 * An entry accepts on `today` (a 'YYYY-MM-DD' date in China): not ended, and `today` within
 * [validFrom, validUntil], both days included.
 */
export function isInForce(entry: RecognitionValidity, today: string): boolean {
  return isCurrentRecognition(entry.status) && entry.validFrom <= today && (entry.validUntil === null || today <= entry.validUntil);
}

/** A foreign certificate type's code: letters and digits, as the catalogs write them (`businessLicence`). */
export const foreignTypeCodePattern = /^[A-Za-z][A-Za-z0-9]{1,63}$/;

/** Audit actions: the entry's machine, plus its creation (by the data office or by a province file). */
export type RecognitionAuditAction = "recognition.add" | `recognition.${RecognitionEvent}`;
export const recognitionAuditActions: readonly RecognitionAuditAction[] = ["recognition.add", ...recognitionEvents.map((e) => `recognition.${e}` as const)];
