import type { Session } from "next-auth";
import { cookies } from "next/headers";
import { actingFor, actingForCookie } from "@/modules/identity/acting-for";
import type { Actor } from "@/modules/identity/model";
import { getDb } from "@/server/db";
import { auth } from "./index";

export function actorFromSession(session: Session | null): Actor | null {
  const u = session?.user;
  if (!u?.id || !u.role) return null;
  return { userId: u.id, role: u.role, displayName: u.name ?? "", departmentId: u.departmentId ?? null, entityId: u.entityId ?? null };
}

/** The signed-in user as they act: a citizen who chose to act for an enterprise they are an agent of acts as it. */
export async function currentActor(): Promise<Actor | null> {
  const signedIn = actorFromSession(await auth());
  if (signedIn?.role !== "citizen") return signedIn;
  const entityId = (await cookies()).get(actingForCookie)?.value;
  if (!entityId || !/^[0-9a-f-]{36}$/.test(entityId)) return signedIn;
  return (await actingFor(await getDb(), signedIn, entityId)) ?? signedIn;
}

/** The signed-in user themself, never acting for anyone. */
export async function signedInActor(): Promise<Actor | null> {
  return actorFromSession(await auth());
}
