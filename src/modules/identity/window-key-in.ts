import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { maskIdNumber } from "./id-number";
import type { ZStartKeyInInput } from "./inputs";
import type { IdentityAuditAction, Actor } from "./model";
import { verifiedPerson } from "./people";
import { sessions, windowKeyIns } from "./schema";

/**
 * The window starts keying in applications for a walk-in applicant (窗口代录入): the person is
 * checked against the population register (and known from then on, without an account), the
 * consent shown at the counter is recorded, and the clerk's session acts for the person until the
 * key-in ends (or after two hours). Every application filed meanwhile names the clerk, the person
 * and this record; the person sees it among their cases and in their data log.
 */
export async function startKeyIn(db: Db, clerk: Actor, input: z.output<typeof ZStartKeyInInput>, now: Date = new Date()) {
  if (clerk.role !== "windowClerk" || clerk.agency || !clerk.sessionId) throw new DomainError("forbidden", "errors.forbidden");
  const sessionId = clerk.sessionId;
  return db.transaction(async (tx) => {
    const person = await verifiedPerson(tx, { idNumber: input.idNumber, name: input.name }, clerk, "idNumber");
    const [row] = await tx
      .insert(windowKeyIns)
      .values({ clerkUserId: clerk.userId, personId: person.id, consentKind: input.consentKind, consentReference: input.consentReference, startedAt: now })
      .returning({ id: windowKeyIns.id });
    if (!row) throw new Error("key-in not stored");
    await tx
      .update(sessions)
      .set({ keyInId: row.id, actingEntityId: null, actingPersonId: null })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, clerk.userId)));
    await recordAudit<IdentityAuditAction>(tx, {
      streamId: `person:${person.id}`,
      actor: { userId: clerk.userId, role: clerk.role },
      action: "window.keyIn.start",
      entityType: "windowKeyIn",
      entityId: row.id,
      data: { person: maskIdNumber(input.idNumber), consentKind: input.consentKind, consentReference: input.consentReference },
      at: now,
    });
    return { keyInId: row.id, personName: person.name };
  });
}

/** The clerk stops keying in; the session is the clerk's own again. Ending twice changes nothing. */
export async function endKeyIn(db: Db, clerk: Actor, now: Date = new Date()): Promise<void> {
  if (!clerk.sessionId) return;
  const sessionId = clerk.sessionId;
  await db.transaction(async (tx) => {
    const [s] = await tx
      .select({ keyInId: sessions.keyInId })
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, clerk.userId)));
    if (!s?.keyInId) return;
    await tx
      .update(windowKeyIns)
      .set({ endedAt: now })
      .where(and(eq(windowKeyIns.id, s.keyInId), eq(windowKeyIns.clerkUserId, clerk.userId), isNull(windowKeyIns.endedAt)));
    await tx.update(sessions).set({ keyInId: null }).where(eq(sessions.id, sessionId));
  });
}
