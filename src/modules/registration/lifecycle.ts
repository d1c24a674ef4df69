import { and, eq, inArray, ne } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { liveApplicationStatuses } from "../applications/model";
import { applications } from "../applications/schema";
import { certificateTypeIdentifying } from "../catalog/certificate-types";
import type { Actor } from "../identity/model";
import { applicantIdentity, type ApplicantIdentity } from "../identity/holder";
import { entities } from "../identity/schema";
import { readCertificates, type HeldCertificate } from "../sharing/gate";
import type { Particulars } from "./model";
import { lifecycleRegistrations } from "./schema";

/**
 * The enterprise the actor acts for, refused for anyone else: a citizen acting as themself, the
 * window, staff, or a deregistered enterprise. `field` names the form field the refusal lands on.
 */
export async function actingEnterprise(db: Db, actor: Actor, field: string): Promise<ApplicantIdentity & { entityId: string }> {
  if (actor.role !== "enterprise" || !actor.entityId) throw new DomainError("forbidden", "registration.lifecycle.errors.enterpriseOnly", { field });
  const who = await applicantIdentity(db, actor);
  if (who.kind !== "enterprise" || !who.entityId) throw new DomainError("forbidden", "registration.lifecycle.errors.enterpriseOnly", { field });
  if (who.deregistered) throw new DomainError("forbidden", "applications.errors.deregistered", { field });
  return { ...who, entityId: who.entityId };
}

/**
 * The enterprise's valid business licence, read through the gate as its holder (pre-fill or
 * submission; the read is logged in its data log), or a field error when it holds none.
 */
export async function readOwnLicence(
  db: Db,
  actor: Actor,
  holderCode: string,
  use: "prefill" | "submission",
  now: Date,
  field: string,
): Promise<HeldCertificate> {
  const {
    certificates: [licence],
  } = await readCertificates(db, actor, { holderCode, typeCodes: [await entityLicenceType(db)], purpose: { kind: "own", use }, today: shanghaiDate(now) });
  if (licence?.status !== "valid") throw new DomainError("invalidInput", "errors.requiresCertificate", { field });
  return licence;
}

/** The registered particulars a licence states (its declared fields; the holder reads them all). */
export function particularsOf(licence: HeldCertificate): Particulars {
  return {
    name: licence.fields.name ?? licence.holderName,
    businessAddress: licence.fields.businessAddress ?? "",
    legalRepresentative: licence.fields.legalRepresentative ?? "",
    legalRepresentativeIdNumber: licence.fields.legalRepresentativeIdNumber ?? "",
    registeredCapital: licence.fields.registeredCapital ?? "",
  };
}

/** The enterprise's change or deregistration still open (submitted and not yet ended), if any. */
export async function openLifecycleApplication(db: Db, entityId: string, exceptApplicationId?: string) {
  const [open] = await db
    .select({ applicationId: applications.id, trackingNumber: applications.trackingNumber, kind: lifecycleRegistrations.kind })
    .from(lifecycleRegistrations)
    .innerJoin(applications, eq(applications.id, lifecycleRegistrations.applicationId))
    .where(
      and(
        eq(lifecycleRegistrations.entityId, entityId),
        inArray(applications.status, [...liveApplicationStatuses]),
        exceptApplicationId ? ne(applications.id, exceptApplicationId) : undefined,
      ),
    )
    .limit(1);
  return open ?? null;
}

/**
 * In the submitting transaction: locks the enterprise's row, so two submissions for one
 * enterprise run one after the other, then refuses a second open change or deregistration.
 */
export async function assertNoOtherOpenLifecycle(tx: Db, entityId: string, applicationId: string, field: string): Promise<void> {
  // A read lock on the entity (no write): serialises concurrent change submissions of one enterprise.
  await tx.select({ id: entities.id }).from(entities).where(eq(entities.id, entityId)).for("update");
  const open = await openLifecycleApplication(tx, entityId, applicationId);
  if (open) {
    throw new DomainError("conflict", `registration.lifecycle.errors.open.${open.kind}`, { field, params: { trackingNumber: open.trackingNumber ?? "" } });
  }
}

/** The certificate type that proves an entity exists (the catalog's `identifies: "entity"`); a catalog without one cannot register changes. */
export async function entityLicenceType(db: Db): Promise<string> {
  const code = await certificateTypeIdentifying(db, "entity");
  if (!code) throw new DomainError("unavailable", "registration.errors.noLicenceType");
  return code;
}
