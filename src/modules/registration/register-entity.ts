import { eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { recordRegisteredEntity } from "../applications/record-registered-entity";
import type { ApplicationRow } from "../applications/transition";
import { recordAudit } from "../audit/record-audit";
import { certificateTypeIdentifying } from "../catalog/certificate-types";
import { shanghaiDate } from "@/lib/dates";
import { loadDivisionTable } from "../divisions/load-divisions";
import { divisionFullName } from "../divisions/model";
import type { Actor } from "../identity/model";
import { DomainError } from "@/lib/domain-error";
import { applicantUserIds } from "../identity/recipients";
import { createEntity } from "../identity/create-entity";
import { notify } from "../notifications/notify";
import type { CertificateAuditAction } from "../sharing/model";
import { issueCertificate } from "../sharing/registry";
import { businessScopeItems, newCreditCode, type EntityType, type RegistrationAuditAction } from "./model";
import { applyNameEvent } from "./name-transition";
import { businessRegistrations, enterpriseNames, organisationCodeSequence } from "./schema";

/** The next organisation-code number; a sequence never hands one out twice, even across rollbacks. */
async function nextOrganisationSequence(tx: Db): Promise<number> {
  // Both drivers (pg and PGlite) return `{ rows }`.
  const result = (await tx.execute(sql`select nextval(${sql.raw(`'${organisationCodeSequence.seqName}'`)}) as n`)) as unknown as {
    rows: Array<{ n: string | number }>;
  };
  const n = Number(result.rows[0]?.n);
  if (!Number.isSafeInteger(n)) throw new Error("organisation code sequence returned no number");
  return n;
}

/**
 * Registers the enterprise when market regulation approves the registration step of a
 * start-a-business application (run in the deciding transaction, the application row locked):
 * a new credit code, the enterprise with the founder as its agent, the name registered, and the
 * signed electronic business licence in the registry, which the other departments then read
 * through the gate. Does nothing for other applications or when already done.
 */
export async function registerOnApproval(
  tx: Db,
  app: ApplicationRow,
  approvedStepKeys: ReadonlySet<string>,
  actor: Actor | null,
  now: Date,
): Promise<ApplicationRow> {
  if (app.registeredEntityId) return app;
  // The licence is the type the catalog flags as proving that an entity exists (营业执照).
  const licenceType = await certificateTypeIdentifying(tx, "entity");
  // Plans made before the service flag name the registering step by the licence it issues.
  const step = app.plan.find((s) => s.registersEntity ?? (licenceType !== null && s.issuesCertificateType === licenceType));
  if (!step || !approvedStepKeys.has(step.key)) return app;
  // Approving would register an enterprise without its licence: refused until the catalog names one.
  if (!licenceType) throw new DomainError("unavailable", "registration.errors.noLicenceType");
  const [reg] = await tx.select().from(businessRegistrations).where(eq(businessRegistrations.applicationId, app.id));
  if (!reg) return app;
  const [name] = await tx.select().from(enterpriseNames).where(eq(enterpriseNames.id, reg.nameId));
  if (!name) throw new Error(`registration ${app.id}: reserved name is missing`);

  const entityType = reg.entityType as EntityType;
  const entity = await createEntity(
    tx,
    {
      name: name.fullName,
      legalRepresentative: reg.legalRepresentativeName,
      legalRepresentativeIdNumber: reg.legalRepresentativeIdNumber,
      contactName: app.applicantName,
      contactPhone: reg.founderPhone,
    },
    async () => newCreditCode({ entityType, divisionCode: reg.divisionCode, sequence: await nextOrganisationSequence(tx) }),
    now,
  );
  if (!entity) throw new DomainError("unavailable", "registration.errors.noCodeAvailable");

  await applyNameEvent(tx, name, "register", { actor, now, patch: { entityId: entity.id }, data: { creditCode: entity.creditCode }, streamId: app.id });
  await tx.update(businessRegistrations).set({ entityId: entity.id, creditCode: entity.creditCode }).where(eq(businessRegistrations.applicationId, app.id));
  const updated = await recordRegisteredEntity(tx, app, entity.id);

  const table = await loadDivisionTable(tx);
  const licence = await issueCertificate(tx, {
    typeCode: licenceType,
    holderCode: entity.creditCode,
    holderName: name.fullName,
    // What the registration decided, by the form keys the licence's fields name (the catalog's
    // certificate type says which of them the licence carries and how).
    answers: {
      entityType,
      registeredCapital: reg.registeredCapital,
      businessAddress: `${divisionFullName(reg.divisionCode, table) ?? ""}${reg.streetAddress}`,
      businessScope: reg.scopeCodes.map((c) => businessScopeItems.find((s) => s.code === c)?.zh ?? c).join("；"),
    },
    facts: {
      legalRepresentative: reg.legalRepresentativeName,
      // Whom the licence names as legal representative: the person who acts for the enterprise
      // by right (kept and signed, never printed, not shared).
      legalRepresentativeIdNumber: reg.legalRepresentativeIdNumber,
    },
    sourceApplicationId: app.id,
    issuedOn: shanghaiDate(now),
  });
  const who = actor ? { userId: actor.userId, role: actor.role } : null;
  await recordAudit<RegistrationAuditAction>(tx, {
    streamId: app.id,
    actor: who,
    action: "enterprise.register",
    entityType: "entity",
    entityId: entity.id,
    to: "registered",
    data: { creditCode: entity.creditCode, name: name.fullName },
    at: now,
  });
  await recordAudit<CertificateAuditAction>(tx, {
    streamId: app.id,
    actor: who,
    action: "certificate.issue",
    entityType: "certificate",
    entityId: licence.id,
    to: "valid",
    data: { number: licence.number, type: licenceType },
    at: now,
  });
  await notify(tx, {
    kind: "enterpriseRegistered",
    to: { userIds: await applicantUserIds(tx, app, now) },
    applicationId: app.id,
    params: { trackingNumber: app.trackingNumber ?? "", name: name.fullName, creditCode: entity.creditCode, number: licence.number },
  });
  return updated;
}
