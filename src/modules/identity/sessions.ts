import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { shanghaiDate } from "@/lib/dates";
import { applyActingChoice, assertMayActFor, type ActingChoice } from "./acting";
import { loadActor } from "./authenticate";
import type { IdentityAuditAction, Actor } from "./model";
import { sessions } from "./schema";

// Sessions live in the database (see the `sessions` table): the cookie only names a row, and
// every request re-checks it, so the server can end a session at once.

export interface SessionPolicy {
  /** A session unused this long ends (idle timeout). */
  idleMinutes: number;
  /** A session ends this long after sign-in, however busy (absolute timeout). */
  absoluteHours: number;
}

/** Why a session ended; shown to the user and kept with the row. */
export type SessionEndReason = "signOut" | "signOutEverywhere" | "deactivated" | "roleChanged" | "departmentChanged" | "passwordChanged" | "passwordReset";

/** `lastSeenAt` is written at most this often, so a busy session does not write on every request. */
const touchEverySeconds = 60;

export async function startSession(
  db: Db,
  input: { userId: string; userAgent: string | null; acting?: ActingChoice },
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<string> {
  const [row] = await db
    .insert(sessions)
    .values({
      userId: input.userId,
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
      userAgent: input.userAgent?.slice(0, 200) ?? null,
      actingEntityId: input.acting?.entityId ?? null,
      actingPersonId: input.acting?.personId ?? null,
      keyInId: input.acting?.keyInId ?? null,
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error("session not stored");
  return row.id;
}

type SessionRow = typeof sessions.$inferSelect;

function isLive(row: SessionRow, policy: SessionPolicy, now: Date): boolean {
  if (row.revokedAt) return false;
  if (row.absoluteExpiresAt.getTime() <= now.getTime()) return false;
  return row.lastSeenAt.getTime() + policy.idleMinutes * 60_000 > now.getTime();
}

/**
 * The person behind a session and whom they act for now, or null when the session has ended
 * (signed out, revoked, idle or past its absolute lifetime) or the account is no longer active.
 * The role and department are read afresh, never taken from the cookie.
 */
export async function resolveSession(db: Db, sessionId: string, policy: SessionPolicy, now: Date = new Date()): Promise<{ self: Actor; actor: Actor } | null> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  if (!row || !isLive(row, policy, now)) return null;
  const self = await loadActor(db, row.userId);
  if (!self) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > touchEverySeconds * 1000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, row.id), isNull(sessions.revokedAt)));
  }
  const withSession = { ...self, sessionId: row.id };
  const actor = await applyActingChoice(
    db,
    withSession,
    { entityId: row.actingEntityId, personId: row.actingPersonId, keyInId: row.keyInId },
    now,
    shanghaiDate(now),
  );
  return { self: withSession, actor };
}

/** Ends one session (sign-out). Ending an ended session changes nothing. */
export async function endSession(db: Db, sessionId: string, reason: SessionEndReason, now: Date = new Date()): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every session of an account (but `except`, the one asking), e.g. after a password change or deactivation. */
export async function endAllSessions(db: Db, userId: string, reason: SessionEndReason, now: Date = new Date(), except?: string | null): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), except ? ne(sessions.id, except) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

/** "Sign out everywhere else": the signed-in person ends their other sessions, audited. */
export async function signOutElsewhere(db: Db, actor: Actor, now: Date = new Date()): Promise<{ ended: number }> {
  return db.transaction(async (tx) => {
    const ended = await endAllSessions(tx, actor.userId, "signOutEverywhere", now, actor.sessionId);
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: `user:${actor.userId}`,
      actor: { userId: actor.userId, role: actor.role },
      action: "session.endOthers",
      entityType: "user",
      entityId: actor.userId,
      data: { ended },
      at: now,
    });
    return { ended };
  });
}

/** The signed-in person's live sessions, newest first, the current one marked. */
export async function listMySessions(db: Db, actor: Actor, policy: SessionPolicy, now: Date = new Date()) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), gt(sessions.absoluteExpiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(50);
  return rows
    .filter((r) => isLive(r, policy, now))
    .map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      expiresAt: new Date(Math.min(r.absoluteExpiresAt.getTime(), r.lastSeenAt.getTime() + policy.idleMinutes * 60_000)),
      userAgent: r.userAgent,
      current: r.id === actor.sessionId,
    }));
}

/** Ends one of the signed-in person's own sessions. */
export async function endMySession(db: Db, actor: Actor, sessionId: string, now: Date = new Date()): Promise<void> {
  const [row] = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, sessionId));
  // Someone else's session, or none: the same answer.
  if (row?.userId !== actor.userId) throw new DomainError("notFound", "errors.notFound");
  await endSession(db, sessionId, sessionId === actor.sessionId ? "signOut" : "signOutEverywhere", now);
}

/**
 * Keeps whom the person acts for in their session, after checking they may: an enterprise or a
 * person by mandate, or nobody (themself again).
 */
export async function chooseActingFor(db: Db, self: Actor, choice: { kind: "entity" | "person"; id: string } | null, now: Date = new Date()): Promise<void> {
  if (!self.sessionId) throw new DomainError("unauthorized", "errors.unauthorized");
  if (choice) await assertMayActFor(db, self, choice, shanghaiDate(now));
  await db
    .update(sessions)
    .set({ actingEntityId: choice?.kind === "entity" ? choice.id : null, actingPersonId: choice?.kind === "person" ? choice.id : null, keyInId: null })
    .where(and(eq(sessions.id, self.sessionId), eq(sessions.userId, self.userId), isNull(sessions.revokedAt)));
}

/** Count of an account's live sessions (for tests and the profile). */
export async function countLiveSessions(db: Db, userId: string, now: Date = new Date()): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.absoluteExpiresAt, now)));
  return Number(row?.n ?? 0);
}
