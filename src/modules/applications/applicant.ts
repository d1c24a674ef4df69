import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { mayActOnServices, maySeeServices, type Actor } from "../identity/model";
import { users } from "../identity/schema";
import type { applications } from "./schema";

export { applicantIdentity, type ApplicantIdentity } from "../identity/holder";

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
export function filedAs(actor: Actor): {
  filedAs: "self" | "legalRepresentative" | "mandate" | "personalAgent" | "window";
  mandateId: string | null;
  windowKeyInId: string | null;
} {
  const a = actor.agency;
  if (!a) return { filedAs: "self", mandateId: null, windowKeyInId: null };
  return { filedAs: a.kind, mandateId: a.mandateId, windowKeyInId: a.keyInId };
}
