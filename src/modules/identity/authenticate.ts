import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { normalizeLogin, type Actor, type Role } from "./model";
import { dummyPasswordHash, verifyPassword } from "./password";
import { citizens, staff, users } from "./schema";

export type AuthenticateResult =
  { ok: true; actor: Actor } | { ok: false; reason: "invalidCredentials" } | { ok: false; reason: "locked"; retryAfterSeconds: number };

/**
 * Where failed sign-ins are counted (src/server/rate-limit.ts keeps it in PostgreSQL or memory).
 * Counted per (client address, login name) pair and per address, never per login name alone:
 * a stranger who fails five times with someone's login name locks only the stranger's own pair.
 */
export interface SignInThrottle {
  /** Milliseconds until this address may try this login name again; 0 when it may now. */
  lockedFor(address: string, login: string): Promise<number>;
  /** Counts a failure; the milliseconds of the lock it starts (or 0). */
  recordFailure(address: string, login: string): Promise<number>;
  recordSuccess(address: string, login: string): Promise<void>;
}

/**
 * Checks a login name and password from a client address. Failures are counted whether or not
 * an account has the name, and the answer is the same for an unknown name and a wrong password.
 */
export async function authenticate(
  db: Db,
  input: { login: string; password: string },
  attempt: { address: string; throttle: SignInThrottle },
  now: Date = new Date(),
): Promise<AuthenticateResult> {
  const login = normalizeLogin(input.login);
  const { address, throttle } = attempt;
  const locked = (ms: number) => ({ ok: false as const, reason: "locked" as const, retryAfterSeconds: Math.ceil(ms / 1000) });
  const lockedMs = await throttle.lockedFor(address, login);
  if (lockedMs > 0) return locked(lockedMs);

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.login, login), eq(users.active, true)));
  // Verify against a dummy hash when there is no account, so the time taken reveals nothing.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));

  if (!user || !user.passwordHash || !passwordOk) {
    const lockMs = await throttle.recordFailure(address, login);
    return lockMs > 0 ? locked(lockMs) : { ok: false, reason: "invalidCredentials" };
  }

  await throttle.recordSuccess(address, login);
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
  const actor = await loadActor(db, user.id);
  if (!actor) return { ok: false, reason: "invalidCredentials" };
  return { ok: true, actor };
}

/**
 * The actor for a user id as themself: a reviewer with their department, a citizen with their
 * person record. Undefined for an unknown or deactivated account (and for the enterprise logins
 * of before mandates, which are deactivated).
 */
export async function loadActor(db: Db, userId: string): Promise<Actor | undefined> {
  const [row] = await db
    .select({
      userId: users.id,
      role: users.role,
      displayName: users.displayName,
      active: users.active,
      departmentId: staff.departmentId,
      departmentHead: staff.departmentHead,
      personId: citizens.id,
    })
    .from(users)
    .leftJoin(staff, eq(staff.userId, users.id))
    .leftJoin(citizens, eq(citizens.userId, users.id))
    .where(eq(users.id, userId));
  if (!row || !row.active || row.role === "enterprise") return undefined;
  return {
    userId: row.userId,
    role: row.role as Role,
    displayName: row.displayName,
    departmentId: row.role === "reviewer" ? (row.departmentId ?? null) : null,
    departmentHead: row.role === "reviewer" && row.departmentHead === true,
    entityId: null,
    personId: row.role === "citizen" ? (row.personId ?? null) : null,
    agency: null,
  };
}
