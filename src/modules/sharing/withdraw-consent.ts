import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { holderIdentity } from "../identity/holder";
import type { Actor } from "../identity/model";
import type { ZWithdrawConsentInput } from "./inputs";
import type { SharingAuditAction } from "./model";
import { dataConsents } from "./schema";

/**
 * The holder withdraws their consent to one certificate being read for one application (撤回授权).
 * Only a read that rests on consent can be withdrawn; one that rests on law is refused with its
 * reason, and one withdrawn already is a conflict. From then on the gate refuses the departments'
 * reads of that certificate type for the application (`consentWithdrawn`); what they read before
 * stays in the log. Someone else's consent is answered as not found; a view-only agent may not.
 */
export async function withdrawConsent(db: Db, actor: Actor, input: z.output<typeof ZWithdrawConsentInput>, now: Date = new Date()) {
  const who = await holderIdentity(db, actor);
  if (actor.agency?.scope === "viewOnly") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const [consent] = await tx
      .select()
      .from(dataConsents)
      .where(and(eq(dataConsents.id, input.consentId), eq(dataConsents.holderCode, who.holderCode)))
      .for("update");
    if (!consent) throw new DomainError("notFound", "errors.notFound", { field: "consentId" });
    if (consent.basis === "law") throw new DomainError("invalidInput", "sharing.consents.errors.restsOnLaw", { field: "consentId" });
    // Compare-and-set: of two withdrawals at once, one wins; the other is told it is done.
    const [updated] = await tx
      .update(dataConsents)
      .set({ withdrawnAt: now, withdrawnBy: actor.userId })
      .where(and(eq(dataConsents.id, consent.id), isNull(dataConsents.withdrawnAt)))
      .returning();
    if (!updated) throw new DomainError("conflict", "sharing.consents.errors.alreadyWithdrawn", { field: "consentId" });
    await recordAudit<SharingAuditAction>(tx, {
      streamId: consent.applicationId,
      actor: { userId: actor.userId, role: actor.role },
      action: "dataConsent.withdraw",
      entityType: "dataConsent",
      entityId: consent.id,
      data: { certificateType: consent.certificateTypeCode, applicationId: consent.applicationId },
      at: now,
    });
    return { id: updated.id, withdrawnAt: now };
  });
}
