import "server-only";
import { redirect } from "next/navigation";
import { landingPath, type Actor, type Role } from "@/modules/identity/model";
import { currentActor } from "./actor";

/**
 * The page-level role check, behind the proxy's: signed out goes to sign-in and back, a wrong
 * role goes to its own landing page.
 */
export async function requireRole(roles: readonly Role[], here: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(here)}`);
  // The window keying in for a walk-in applicant works from the guides (its own pages wait until
  // the key-in ends); anyone else goes to their landing page.
  if (!roles.includes(actor.role)) redirect(actor.agency?.kind === "window" ? "/guides" : landingPath[actor.role]);
  return actor;
}

/**
 * The holder's own pages (certificates, data log, mandates): the person or whoever acts for the
 * enterprise or person by mandate, but not the window keying in, which only files applications.
 */
export async function requireHolder(here: string): Promise<Actor> {
  const actor = await requireRole(["enterprise", "citizen"], here);
  if (actor.agency?.kind === "window") redirect("/guides");
  return actor;
}
