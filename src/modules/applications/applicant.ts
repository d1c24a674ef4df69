import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { mayActOnServices, maySeeServices, type Actor } from "../identity/model";
import { citizens, entities, users } from "../identity/schema";
import type { applications } from "./schema";

export interface ApplicantIdentity {
  kind: "enterprise" | "citizen";
  holderCode: string;
  name: string;
  entityId: string | null;
  personId: string | null;
}

/**
 * Whom an applicant acts as: the enterprise (by its credit code) or the person (by ID number).
 * The right to act for them was derived from the mandates in force when the actor was made.
 */
export async function applicantIdentity(db: Db, actor: Actor): Promise<ApplicantIdentity> {
  if (actor.role === "enterprise") {
    if (!actor.entityId || !actor.agency) throw new DomainError("forbidden", "errors.forbidden");
    const [entity] = await db.select().from(entities).where(eq(entities.id, actor.entityId));
    if (!entity) throw new DomainError("forbidden", "errors.forbidden");
    return { kind: "enterprise", holderCode: entity.creditCode, name: entity.name, entityId: entity.id, personId: null };
  }
  if (actor.role === "citizen") {
    if (!actor.personId) throw new DomainError("forbidden", "errors.forbidden");
    const [citizen] = await db.select().from(citizens).where(eq(citizens.id, actor.personId));
    if (!citizen) throw new DomainError("forbidden", "errors.forbidden");
    return { kind: "citizen", holderCode: citizen.idNumber, name: citizen.name, entityId: null, personId: citizen.id };
  }
  throw new DomainError("forbidden", "errors.forbidden");
}

type ApplicationRow = Pick<typeof applications.$inferSelect, "entityId" | "personId" | "plan" | "windowKeyInId">;

/** The actor stands for the application's applicant (the enterprise or the person it belongs to). */
export function isApplicantOf(actor: Actor, app: ApplicationRow): boolean {
  if (actor.role === "enterprise") return actor.entityId !== null && app.entityId === actor.entityId;
  if (actor.role === "citizen") return actor.personId !== null && app.personId === actor.personId;
  return false;
}

/**
 * Whether the actor may see (`view`) or act on (`act`) an application as its applicant: the
 * person, the enterprise's legal representative, or a mandate holder within the mandate's scope.
 * A window clerk keying in sees only what they keyed in during this visit.
 */
export function applicantMay(actor: Actor, app: ApplicationRow, need: "view" | "act"): boolean {
  if (!isApplicantOf(actor, app)) return false;
  if (actor.agency?.kind === "window") return app.windowKeyInId !== null && app.windowKeyInId === actor.agency.keyInId;
  const codes = app.plan.map((s) => s.serviceCode);
  return need === "view" ? maySeeServices(actor, codes) : mayActOnServices(actor, codes);
}

/**
 * The filer may file for the applicant: a view-only mandate files nothing, a services mandate only
 * its services, and the signed-in account must be real-name verified (实名认证) — staff accounts
 * keying in at the window are.
 */
export async function assertMayFile(db: Db, actor: Actor, serviceCodes: readonly string[]): Promise<void> {
  if (!mayActOnServices(actor, serviceCodes)) throw new DomainError("forbidden", "applications.errors.outOfMandate", { field: "subject" });
  const [account] = await db.select({ verification: users.verification }).from(users).where(eq(users.id, actor.userId));
  if (!account || account.verification === "none") throw new DomainError("forbidden", "applications.errors.unverified", { field: "subject" });
}

/** How the filer stands to the applicant, for the application's record. */
export function filedAs(actor: Actor): { filedAs: "self" | "legalRepresentative" | "mandate" | "personalAgent" | "window"; mandateId: string | null; windowKeyInId: string | null } {
  const a = actor.agency;
  if (!a) return { filedAs: "self", mandateId: null, windowKeyInId: null };
  return { filedAs: a.kind, mandateId: a.mandateId, windowKeyInId: a.keyInId };
}

/**
 * The holder looking at their own data (certificates, data log): the applicant identity, but not
 * for the window keying in, which files an application for a walk-in applicant and sees nothing else.
 */
export async function holderIdentity(db: Db, actor: Actor): Promise<ApplicantIdentity> {
  if (actor.agency?.kind === "window") throw new DomainError("forbidden", "errors.forbidden");
  return applicantIdentity(db, actor);
}
