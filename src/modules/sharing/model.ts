// Pure rules of the shared data layer: update deadlines, grant states, holder kinds.
import type { TransitionTable } from "@/lib/state-machine";
import { validateIdNumber } from "../identity/id-number";

export const shareTypes = ["unconditional", "conditional", "notShared"] as const;
export const openTypes = ["open", "conditionalOpen", "notOpen"] as const;
export const updateFrequencies = ["realtime", "daily", "weekly", "monthly", "quarterly", "yearly"] as const;
export type UpdateFrequency = (typeof updateFrequencies)[number];

const dayMs = 86_400_000;

/**
 * How long a provider may go without updating a resource, by its promised frequency. Real-time
 * resources are pushed as they change and have no deadline; the others get one grace day.
 */
export const updateDeadlineDays: Record<UpdateFrequency, number | null> = {
  realtime: null,
  daily: 2,
  weekly: 8,
  monthly: 32,
  quarterly: 93,
  yearly: 367,
};

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
export type GrantEvent = "approve" | "reject" | "revoke" | "request";

/** A grant's life: requested → approved | rejected; approved → revoked; a closed one may be asked for again. */
export const grantMachine: TransitionTable<GrantStatus, GrantEvent> = {
  requested: { approve: "approved", reject: "rejected" },
  approved: { revoke: "revoked" },
  rejected: { request: "requested" },
  revoked: { request: "requested" },
};

/** A holder code is a person's when it is a valid resident ID number (a credit code never is). */
export function isPersonHolderCode(code: string): boolean {
  return validateIdNumber(code).valid;
}
