/** The portal's roles (see GLOSSARY.md). */
export const roles = ["enterprise", "citizen", "windowClerk", "reviewer", "dataOffice"] as const;
export type Role = (typeof roles)[number];

export const applicantRoles = ["enterprise", "citizen"] as const satisfies readonly Role[];
export const staffRoles = ["windowClerk", "reviewer", "dataOffice"] as const satisfies readonly Role[];

/** Who is acting: what every use case receives after sign-in. */
export interface Actor {
  userId: string;
  role: Role;
  displayName: string;
  /** The reviewer's department; null for every other role. */
  departmentId: string | null;
  /** The entity an enterprise account (or an agent) acts for. */
  entityId: string | null;
}

/** The page each role lands on after sign-in. */
export const landingPath: Record<Role, string> = {
  enterprise: "/applicant",
  citizen: "/applicant",
  windowClerk: "/window",
  reviewer: "/review",
  dataOffice: "/data-office",
};

/** Path prefixes only some roles may open; checked in the proxy and again on each page. */
export const protectedAreas: ReadonlyArray<{ prefix: string; roles: readonly Role[] }> = [
  { prefix: "/applicant", roles: applicantRoles },
  { prefix: "/applications", roles: applicantRoles },
  { prefix: "/apply", roles: applicantRoles },
  { prefix: "/start-business", roles: ["citizen"] },
  { prefix: "/window", roles: ["windowClerk"] },
  { prefix: "/review", roles: ["reviewer"] },
  { prefix: "/data-office", roles: ["dataOffice"] },
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
