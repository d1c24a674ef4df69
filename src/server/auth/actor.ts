import { cache } from "react";
import { resolveSession } from "@/modules/identity/sessions";
import type { Actor } from "@/modules/identity/model";
import { getDb } from "@/server/db";
import { auth } from "./index";
import { sessionPolicy } from "./policy";

/**
 * The request's session, checked against its row (once per request: React's `cache`): who is
 * signed in (`self`) and whom they act for now (`actor`, re-derived from the mandates in force).
 * Null when signed out, or when the session was ended, has lapsed, or the account was deactivated.
 */
export const currentSession = cache(async (): Promise<{ self: Actor; actor: Actor } | null> => {
  const session = await auth();
  if (!session?.sid) return null;
  return resolveSession(await getDb(), session.sid, sessionPolicy());
});

/** The signed-in user as they act: themself, or whom they act for (an enterprise, a person, a walk-in applicant). */
export async function currentActor(): Promise<Actor | null> {
  return (await currentSession())?.actor ?? null;
}

/** The signed-in user themself, never acting for anyone. */
export async function signedInActor(): Promise<Actor | null> {
  return (await currentSession())?.self ?? null;
}
