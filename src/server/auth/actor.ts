import type { Session } from "next-auth";
import type { Actor } from "@/modules/identity/model";
import { auth } from "./index";

export function actorFromSession(session: Session | null): Actor | null {
  const u = session?.user;
  if (!u?.id || !u.role) return null;
  return { userId: u.id, role: u.role, displayName: u.name ?? "", departmentId: u.departmentId ?? null, entityId: u.entityId ?? null };
}

/** The signed-in actor of the current request, or null. */
export async function currentActor(): Promise<Actor | null> {
  return actorFromSession(await auth());
}
