import type { ApplicationPlan } from "../catalog/plan";
import type { Actor } from "../identity/model";
import { filedAs, type ApplicantIdentity } from "./applicant";
import { trackingDivision } from "./model";
import type { applications } from "./schema";

/** The row of a new draft application: shared by saving a draft and submitting without one. */
export function draftRow(
  actor: Actor,
  who: ApplicantIdentity,
  plan: ApplicationPlan,
  input: { idempotencyKey: string; formData: Record<string, string>; situations?: Record<string, string> },
): typeof applications.$inferInsert {
  return {
    filedByUserId: actor.userId,
    ...filedAs(actor),
    applicantKind: who.kind,
    entityId: who.entityId,
    personId: who.personId,
    holderCode: who.holderCode,
    applicantName: who.name,
    serviceId: plan.kind === "service" ? plan.id : null,
    bundleId: plan.kind === "bundle" ? plan.id : null,
    titleZh: plan.nameZh,
    titleEn: plan.nameEn,
    status: "draft",
    idempotencyKey: input.idempotencyKey,
    formData: input.formData,
    situations: input.situations ?? {},
    plan: plan.steps,
    divisionCode: trackingDivision(who.holderCode, who.kind),
  };
}
