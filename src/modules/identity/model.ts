/** The portal's roles (see GLOSSARY.md). */
export const roles = ["enterprise", "citizen", "windowClerk", "reviewer", "dataOffice", "administrator"] as const;
export type Role = (typeof roles)[number];

export const applicantRoles = ["enterprise", "citizen"] as const satisfies readonly Role[];
/** Accounts a province creates (no self-registration); the administrator creates the others. */
export const staffRoles = ["windowClerk", "reviewer", "dataOffice", "administrator"] as const satisfies readonly Role[];

/** The level of government a department belongs to (省级、市级、县级). */
export const departmentLevels = ["province", "city", "county"] as const;
export type DepartmentLevel = (typeof departmentLevels)[number];

export type MandateScope = "all" | "services" | "viewOnly";

/**
 * How the signed-in person acts for someone else, re-derived on every request: as the
 * enterprise's legal representative (from its licence), under a mandate (授权), as a person's
 * agent (帮办代办), or as a window clerk keying in for a walk-in applicant.
 */
export interface Agency {
  kind: "legalRepresentative" | "mandate" | "personalAgent" | "window";
  /** The mandate acted under; null for the legal representative and the window. */
  mandateId: string | null;
  /** The window's key-in record. */
  keyInId: string | null;
  scope: MandateScope;
  /** For a `services` scope: the catalog codes it covers. */
  serviceCodes: string[];
  /** May grant and revoke the enterprise's mandates: its legal representative or an administrator. */
  mayGrant: boolean;
  /** The signed-in person's own name, shown beside the principal's. */
  agentName: string;
}

/** Who is acting: what every use case receives after sign-in. */
export interface Actor {
  /** The signed-in account (the person who acts, even when acting for someone else). */
  userId: string;
  role: Role;
  /** The applicant's name when acting for someone (the enterprise, the person), else the account's. */
  displayName: string;
  /** The reviewer's department; null for every other role. */
  departmentId: string | null;
  /** The reviewer heads their department (see `staff.departmentHead`); absent or false otherwise. */
  departmentHead?: boolean;
  /** The enterprise acted for (role `enterprise`). */
  entityId: string | null;
  /** The person applied for (role `citizen`): the citizen themself, or whom their agent or the window acts for. */
  personId: string | null;
  /** Null when acting as oneself. */
  agency: Agency | null;
  /** The session the request came with; null for jobs and tests. */
  sessionId?: string | null;
}

/** The applicant an actor stands for: the enterprise or the person, as one id. */
export function principalOf(actor: Actor): string | null {
  if (actor.role === "enterprise") return actor.entityId;
  if (actor.role === "citizen") return actor.personId;
  return null;
}

/** Whether the actor may act (not only look) on a case of the given services. */
export function mayActOnServices(actor: Actor, serviceCodes: readonly string[]): boolean {
  const a = actor.agency;
  if (!a) return true;
  if (a.scope === "viewOnly") return false;
  if (a.scope === "services") return serviceCodes.length > 0 && serviceCodes.every((c) => a.serviceCodes.includes(c));
  return true;
}

/** Whether the actor may see a case of the given services (a `services` mandate sees only its own). */
export function maySeeServices(actor: Actor, serviceCodes: readonly string[]): boolean {
  const a = actor.agency;
  if (a?.scope !== "services") return true;
  return serviceCodes.some((c) => a.serviceCodes.includes(c));
}

/** A mandate's state on a day, derived from its dates and revocation (never stored). */
export type MandateStatus = "pending" | "active" | "expired" | "revoked";

export function mandateStatus(m: { startsOn: string; endsOn: string; revokedAt: Date | null }, today: string): MandateStatus {
  if (m.revokedAt) return "revoked";
  if (today < m.startsOn) return "pending";
  if (today > m.endsOn) return "expired";
  return "active";
}

/** The longest a mandate may run: five years, so none outlives its reason unnoticed. */
export const maxMandateYears = 5;

/** The page each role lands on after sign-in. */
export const landingPath: Record<Role, string> = {
  enterprise: "/applicant",
  citizen: "/applicant",
  windowClerk: "/window",
  reviewer: "/review",
  dataOffice: "/data-office",
  administrator: "/admin",
};

/** Path prefixes only some roles may open; checked in the proxy and again on each page. */
export const protectedAreas: ReadonlyArray<{ prefix: string; roles: readonly Role[] }> = [
  { prefix: "/applicant", roles: applicantRoles },
  // The window keying in for a walk-in applicant follows the case it filed.
  { prefix: "/applications", roles: [...applicantRoles, "windowClerk"] },
  // The window keys in applications for walk-in applicants on the same form.
  { prefix: "/apply", roles: [...applicantRoles, "windowClerk"] },
  { prefix: "/start-business", roles: ["citizen"] },
  // A case's documents: its applicant, the window and the reviewers of the case (checked per case on the page).
  { prefix: "/documents", roles: [...applicantRoles, "windowClerk", "reviewer"] },
  { prefix: "/account", roles: roles },
  // Every signed-in role has an inbox of notifications.
  { prefix: "/inbox", roles: roles },
  { prefix: "/window", roles: ["windowClerk"] },
  { prefix: "/review", roles: ["reviewer"] },
  { prefix: "/data-office", roles: ["dataOffice"] },
  { prefix: "/admin", roles: ["administrator"] },
];

export function areaFor(pathname: string): { prefix: string; roles: readonly Role[] } | undefined {
  return protectedAreas.find((a) => pathname === a.prefix || pathname.startsWith(`${a.prefix}/`));
}

export function mayEnter(role: Role | undefined, pathname: string): boolean {
  const area = areaFor(pathname);
  if (!area) return true;
  return role !== undefined && area.roles.includes(role);
}

// The sign-in lockout (per client address and login name) lives in src/server/rate-limit.ts.

/** Normalises what the user typed to sign in: codes are upper case, names are trimmed. */
export function normalizeLogin(login: string): string {
  return login.trim().toUpperCase();
}

/** The identity module's audit actions (accounts, sessions, mandates, the window's keying in); it has no status machine. */
export const identityAuditActions = [
  "account.register",
  "account.verify",
  "account.changePassword",
  "account.update",
  "session.endOthers",
  "entity.register",
  "entity.change",
  "entity.deregister",
  "mandate.grant",
  "mandate.revoke",
  "window.keyIn.start",
  "account.create",
  "department.create",
  "department.update",
] as const;
export type IdentityAuditAction = (typeof identityAuditActions)[number];
