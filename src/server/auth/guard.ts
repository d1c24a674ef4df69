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
  if (!roles.includes(actor.role)) redirect(landingPath[actor.role]);
  return actor;
}
