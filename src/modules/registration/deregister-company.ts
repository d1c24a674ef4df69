import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { ZSubmitApplicationInput } from "../applications/inputs";
import { submitApplication } from "../applications/submit-application";
import type { Actor } from "../identity/model";
import type { ZDeregistrationInput } from "./inputs";
import { actingEnterprise, assertNoOtherOpenLifecycle, particularsOf, readOwnLicence } from "./lifecycle";
import { lifecycleBundles } from "./model";
import { lifecycleRegistrations } from "./schema";

/**
 * Submits a deregistration (企业注销“一件事”) for the enterprise the actor acts for, and only for
 * it: tax clearance, social insurance and housing fund deregistration run at once, then market
 * regulation deregisters it. Refused while a change or another deregistration is open.
 */
export async function submitDeregistration(db: Db, actor: Actor, input: z.output<typeof ZDeregistrationInput>, now: Date = new Date()) {
  const who = await actingEnterprise(db, actor, "creditCode");
  // Who acts for one enterprise does not close another.
  if (who.holderCode !== input.creditCode) throw new DomainError("forbidden", "registration.lifecycle.errors.notActingFor", { field: "creditCode" });
  const licence = await readOwnLicence(db, actor, who.holderCode, "submission", now, "creditCode");
  const particulars = particularsOf(licence);
  const submission = ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code: lifecycleBundles.deregistration },
    idempotencyKey: input.idempotencyKey,
    formData: { deregistrationReason: input.reason },
    materials: {},
    consent: input.consent,
  });
  return submitApplication(db, actor, submission, now, {
    registrationPath: true,
    alsoInTransaction: async (tx, applicationId) => {
      await assertNoOtherOpenLifecycle(tx, who.entityId, applicationId, "creditCode");
      await tx
        .insert(lifecycleRegistrations)
        .values({
          applicationId,
          kind: "deregistration",
          entityId: who.entityId,
          creditCode: who.holderCode,
          licenceNumber: licence.number,
          before: particulars,
          after: particulars,
          items: [],
          reason: input.reason,
          createdAt: now,
        });
    },
  });
}
