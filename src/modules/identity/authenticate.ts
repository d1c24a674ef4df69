import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { afterFailure, isLocked, normalizeLogin, type Actor, type Role } from "./model";
import { dummyPasswordHash, verifyPassword } from "./password";
import { citizens, signInThrottles, staff, users } from "./schema";

export type AuthenticateResult =
  | { ok: true; actor: Actor }
  | { ok: false; reason: "invalidCredentials" | "locked"; lockedUntil?: Date };

/**
 * Checks a login name and password. Failures are counted per login name whether or not an
 * account has it, and the answer is the same for an unknown name and a wrong password.
 */
export async function authenticate(
  db: Db,
  input: { login: string; password: string },
  now: Date = new Date(),
): Promise<AuthenticateResult> {
  const login = normalizeLogin(input.login);
  const [throttle] = await db.select().from(signInThrottles).where(eq(signInThrottles.login, login));
  if (isLocked(throttle, now)) return { ok: false, reason: "locked", lockedUntil: throttle?.lockedUntil ?? undefined };

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.login, login), eq(users.active, true)));
  // Verify against a dummy hash when there is no account, so the time taken reveals nothing.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));

  if (!user || !user.passwordHash || !passwordOk) {
    const next = await recordFailure(db, login, now);
    return next.lockedUntil ? { ok: false, reason: "locked", lockedUntil: next.lockedUntil } : { ok: false, reason: "invalidCredentials" };
  }

  await db.transaction(async (tx) => {
    await tx.delete(signInThrottles).where(eq(signInThrottles.login, login));
    await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
  });
  const actor = await loadActor(db, user.id);
  if (!actor) return { ok: false, reason: "invalidCredentials" };
  return { ok: true, actor };
}

async function recordFailure(db: Db, login: string, now: Date) {
  return db.transaction(async (tx) => {
    // Insert-or-nothing, then lock the row: concurrent failures for one name count one by one.
    await tx.insert(signInThrottles).values({ login, failedCount: 0 }).onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(signInThrottles)
      .where(eq(signInThrottles.login, login))
      .for("update");
    const next = afterFailure(row, now);
    await tx
      .update(signInThrottles)
      .set({ failedCount: next.failedCount, lockedUntil: next.lockedUntil, updatedAt: sql`now()` })
      .where(eq(signInThrottles.login, login));
    return next;
  });
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
    entityId: null,
    personId: row.role === "citizen" ? (row.personId ?? null) : null,
    agency: null,
  };
}
