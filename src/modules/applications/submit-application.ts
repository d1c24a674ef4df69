import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { shanghaiDate } from "@/lib/dates";
import { currentCatalogVersion } from "../catalog/catalog-version";
import { loadApplicationPlan } from "../catalog/load-application-plan";
import type { ApplicationPlan, PlanStep } from "../catalog/plan";
import { principalOf, type Actor } from "../identity/model";
import { applicantUserIds } from "../identity/recipients";
import { notify } from "../notifications/notify";
import { readCertificates } from "../sharing/gate";
import { recordConsents } from "../sharing/record-consents";
import { acceptInTransaction } from "./accept-application";
import { draftRow } from "./draft-row";
import { applicantIdentity, assertMayFile, type ApplicantIdentity } from "./applicant";
import { checkMaterials } from "./check-materials";
import { foreignCandidates, foreignRegionOf, obtainForeignCertificates, type CaseworkExchange, type ForeignMaterial } from "./foreign-certificates";
import type { ZSubmitApplicationInput } from "./inputs";
import { acceptanceDeadline } from "./acceptance-deadline";
import { newQueryCode } from "./model";
import { checkSituations, materialsAtSubmission } from "./situations";
import { applicationMaterials, applications } from "./schema";
import { assignTrackingNumber, nextTrackingNumber } from "./tracking-number";
import { applyApplicationEvent, lockApplication } from "./transition";

/** The plan with only the steps `keep` keeps (see `submitApplication`'s `keepSteps`). */
function narrowPlan(plan: ApplicationPlan, keep: ((step: PlanStep) => boolean) | undefined): ApplicationPlan {
  if (!keep) return plan;
  const steps = plan.steps.filter(keep);
  const kept = new Set(steps.map((s) => s.key));
  const services = new Set(steps.map((s) => s.serviceCode));
  return {
    ...plan,
    steps: steps.map((s) => ({ ...s, needs: s.needs.filter((n) => kept.has(n)) })),
    materials: plan.materials
      .filter((m) => m.serviceCodes.some((c) => services.has(c)))
      .map((m) => ({ ...m, serviceCodes: m.serviceCodes.filter((c) => services.has(c)) })),
  };
}

/** Checks that the applicant may apply for this subject at all. */
export async function assertEligible(db: Db, actor: Actor, plan: ApplicationPlan, who: ApplicantIdentity, today: string, applicationId: string): Promise<void> {
  // A deregistered enterprise no longer exists in law (注销登记): it applies for nothing.
  if (who.deregistered) throw new DomainError("forbidden", "applications.errors.deregistered", { field: "subject" });
  if (!plan.applicantKinds.includes(who.kind)) {
    throw new DomainError("forbidden", "errors.applicantKind", { field: "subject" });
  }
  if (plan.requiresCertificateType) {
    const {
      certificates: [held],
    } = await readCertificates(db, actor, {
      holderCode: who.holderCode,
      typeCodes: [plan.requiresCertificateType],
      purpose: { kind: "own", use: "submission", applicationId },
      today,
    });
    if (held?.status !== "valid") throw new DomainError("invalidInput", "errors.requiresCertificate", { field: "subject" });
  }
}

/**
 * The draft the submission will submit, with its tracking number reserved, before the exchange is
 * asked (the request names the application by it); null when the key's application was already
 * submitted (the submission's transaction answers the repeat).
 */
async function reserveTrackingNumber(
  db: Db,
  actor: Actor,
  who: ApplicantIdentity,
  plan: ApplicationPlan,
  input: z.output<typeof ZSubmitApplicationInput>,
  today: string,
): Promise<{ id: string; trackingNumber: string } | null> {
  const principalId = principalOf(actor) ?? "";
  return db.transaction(async (tx) => {
    await tx
      .insert(applications)
      .values(draftRow(actor, who, plan, input))
      .onConflictDoNothing();
    const [existing] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.principalId, principalId), eq(applications.idempotencyKey, input.idempotencyKey)));
    if (!existing) throw new Error("application row missing after upsert");
    const app = await lockApplication(tx, existing.id);
    if (app.status !== "draft") return null;
    if (app.trackingNumber) return { id: app.id, trackingNumber: app.trackingNumber };
    const trackingNumber = await nextTrackingNumber(tx, app.divisionCode, today);
    await tx
      .update(applications)
      .set({ trackingNumber })
      .where(and(eq(applications.id, app.id), eq(applications.status, "draft")));
    return { id: app.id, trackingNumber };
  });
}

/**
 * 全程网办: for an applicant of another region whose node is a peer, asks that node for the
 * certificate materials the recognition matrix accepts (see `obtainForeignCertificates`), before
 * the submission's transaction. Undefined when nothing is to be asked.
 */
async function foreignMaterials(
  db: Db,
  exchange: CaseworkExchange | undefined,
  args: { actor: Actor; who: ApplicantIdentity; plan: ApplicationPlan; input: z.output<typeof ZSubmitApplicationInput>; today: string; now: Date },
): Promise<Map<string, ForeignMaterial> | undefined> {
  const { actor, who, plan, input, today, now } = args;
  const region = foreignRegionOf(exchange, who);
  if (!exchange || !region) return undefined;
  const situations = checkSituations(plan, input.situations);
  const candidates = await foreignCandidates(db, region, { materials: materialsAtSubmission(plan, situations), supplied: input.materials, today });
  if (candidates.length === 0) return undefined;
  // Without the applicant's consent nothing is asked: the form shows the consent error.
  if (!input.consent) return new Map(candidates.map((c) => [c.materialKey, { id: null, outcome: "awaitingConsent" as const, region, reason: null }]));
  const draft = await reserveTrackingNumber(db, actor, who, plan, input, today);
  if (!draft) return undefined;
  // An applicant who may not apply at all is refused before another node is asked anything.
  await assertEligible(db, actor, plan, who, today, draft.id);
  return obtainForeignCertificates(db, exchange, {
    region,
    candidates,
    plan,
    who,
    reader: actor,
    application: draft,
    consentRef: `consent.${draft.trackingNumber}.${now.getTime()}`,
    today,
    now,
  });
}

/**
 * Submits an application once. Idempotent by the applicant's key: the draft saved under the key,
 * or a new row, is locked and submitted; a repeat with the same key returns the application
 * already submitted. Every gap in the materials is reported at once and nothing is written.
 */
export async function submitApplication(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZSubmitApplicationInput>,
  now: Date = new Date(),
  options: {
    /** More writes of another module in the same transaction, before acceptance (e.g. the start-a-business details). */
    alsoInTransaction?: (tx: Db, applicationId: string) => Promise<void>;
    /**
     * Set only by the path that runs a registering service's own rules (start a business: name
     * declaration and the registration details). Everywhere else such a service is refused.
     */
    registrationPath?: true;
    /**
     * Only the bundle's steps this keeps (a change registration re-issues only the records that
     * carry a changed particular); a kept step's need of a dropped one is dropped with it, and so
     * are materials only dropped services asked for.
     */
    keepSteps?: (step: PlanStep) => boolean;
    /**
     * 全程网办: this node's exchange. An applicant of a peer region gets the certificate materials
     * the recognition matrix accepts from that region's node. Absent: only this node's registry.
     */
    exchange?: CaseworkExchange;
  } = {},
) {
  const today = shanghaiDate(now);
  // Read before the transaction, from the cached calendar: no extra query per submission.
  const deadline = await acceptanceDeadline(db, now);
  const who = await applicantIdentity(db, actor);
  const plan = narrowPlan(await loadApplicationPlan(db, input.subject), options.keepSteps);
  // A service that registers a new market entity goes through its own path, so the naming rules
  // and the registration always run (a generic submission once issued a licence to a person).
  if (plan.registersEntity && !options.registrationPath) throw new DomainError("forbidden", "applications.errors.ownPathOnly", { field: "subject" });
  await assertMayFile(
    db,
    actor,
    plan.steps.map((s) => s.serviceCode),
  );
  const principalId = principalOf(actor) ?? "";
  // Outside the transaction: an HTTP call must not hold the application's lock (or PGlite's one connection).
  const foreign = await foreignMaterials(db, options.exchange, { actor, who, plan, input, today, now });

  return db.transaction(async (tx) => {
    // Insert-or-nothing then lock: concurrent retries with one key end on one row.
    await tx
      .insert(applications)
      .values(draftRow(actor, who, plan, input))
      .onConflictDoNothing();
    const [existing] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.principalId, principalId), eq(applications.idempotencyKey, input.idempotencyKey)));
    if (!existing) throw new Error("application row missing after upsert");
    const app = await lockApplication(tx, existing.id);
    if (app.status !== "draft") {
      // A repeat of a submission that went through: same answer, nothing new.
      if (app.serviceId !== (plan.kind === "service" ? plan.id : null) || app.bundleId !== (plan.kind === "bundle" ? plan.id : null)) {
        throw new DomainError("conflict", "errors.idempotencyKeyReused");
      }
      return { id: app.id, trackingNumber: app.trackingNumber ?? "", queryCode: app.queryCode ?? "", status: app.status, replayed: true };
    }

    await assertEligible(tx, actor, plan, who, today, app.id);
    // The situations decide the materials: the server derives them from the answers it stores,
    // whatever list the form showed (a form that left a material out is refused on its field).
    const situations = checkSituations(plan, input.situations);
    const checked = await checkMaterials(tx, {
      materials: materialsAtSubmission(plan, situations),
      formData: input.formData,
      supplied: input.materials,
      consent: input.consent,
      holderCode: who.holderCode,
      principalId,
      reader: actor,
      applicationId: app.id,
      today,
      now,
      fillFromRegistry: { issuedTypes: plan.steps.map((s) => s.issuesCertificateType) },
      foreign,
    });

    const queryCode = newQueryCode();
    await tx.delete(applicationMaterials).where(eq(applicationMaterials.applicationId, app.id));
    if (checked.supplies.length > 0) {
      await tx.insert(applicationMaterials).values(checked.supplies.map((s) => ({ ...s, applicationId: app.id, updatedAt: now })));
    }
    let submitted = await applyApplicationEvent(tx, app, "submit", {
      actor,
      now,
      patch: {
        queryCode,
        formData: checked.formData,
        situations,
        plan: plan.steps,
        planForm: { materials: plan.materials, situations: plan.situations },
        catalogVersion: await currentCatalogVersion(tx),
        submittedAt: now,
        ...deadline,
        consentedAt: checked.certificatesUsed.length > 0 || checked.foreignUsed.length > 0 ? now : null,
      },
      data: {
        certificatesUsed: checked.certificatesUsed.map((c) => c.number),
        // 全程网办: the materials another region's node supplied (`foreign_supplies`).
        ...(checked.foreignUsed.length > 0 ? { fromExchange: checked.foreignUsed } : {}),
        situations,
        // Which answers were read from the registry rather than typed, and from which certificate.
        ...(checked.filledFromRegistry.length > 0
          ? { fromRegistry: checked.filledFromRegistry.map((f) => ({ key: f.key, certificate: f.certificateNumber })) }
          : {}),
      },
    });
    // Consent per certificate and purpose (this application); the required certificate rests on law.
    await recordConsents(
      tx,
      actor,
      { holderCode: who.holderCode, applicationId: app.id, certificates: checked.certificatesUsed, lawTypes: [plan.requiresCertificateType] },
      now,
    );
    await options.alsoInTransaction?.(tx, app.id);
    const applicantIds = await applicantUserIds(tx, who, now);
    // The tracking number as late as it can be: the division's day counter stays locked from here
    // to commit, so every submission of the division waits only for this tail, not for the whole
    // transaction (see tracking-number.ts).
    submitted = await assignTrackingNumber(tx, submitted, today);
    const trackingNumber = submitted.trackingNumber ?? "";
    await notify(tx, {
      kind: "applicationSubmitted",
      to: { userIds: applicantIds, windowClerks: !plan.autoAcceptance },
      applicationId: app.id,
      params: { trackingNumber, title: plan.nameZh },
    });
    // Automatic acceptance where the catalog allows it: every required material was checked above.
    // The acceptance notice carries the tracking number, so it comes after it.
    if (plan.autoAcceptance) submitted = await acceptInTransaction(tx, submitted, null, now);
    return { id: app.id, trackingNumber, queryCode, status: submitted.status, replayed: false };
  });
}
