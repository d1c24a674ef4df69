import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "./model";
import { agents, entities } from "./schema";

/** The cookie naming the enterprise a citizen acts for (its founder or authorised agent). */
export const actingForCookie = "tongban-acting-for";

/** The enterprises a citizen may act for. */
export async function enterprisesActedFor(db: Db, userId: string) {
  return db
    .select({ entityId: entities.id, creditCode: entities.creditCode, name: entities.name })
    .from(agents)
    .innerJoin(entities, eq(entities.id, agents.entityId))
    .where(and(eq(agents.userId, userId), eq(agents.kind, "agent")))
    .orderBy(entities.name);
}

/**
 * The actor a citizen becomes when acting for an enterprise: role enterprise, that entity, the
 * same user. Null when the citizen is not (or no longer) its agent: the choice is re-checked on
 * every request, so a withdrawn authorisation takes effect at once.
 */
export async function actingFor(db: Db, actor: Actor, entityId: string): Promise<Actor | null> {
  if (actor.role !== "citizen") return null;
  const [row] = (await enterprisesActedFor(db, actor.userId)).filter((e) => e.entityId === entityId);
  return row ? { ...actor, role: "enterprise", entityId: row.entityId, displayName: row.name } : null;
}

/** Checks a switch request; the caller sets or clears the cookie. */
export async function assertMayActFor(db: Db, actor: Actor, entityId: string): Promise<void> {
  if (!(await actingFor(db, actor, entityId))) throw new DomainError("forbidden", "errors.forbidden");
}

/** The enterprises the signed-in citizen may act for, and the one they act for now. */
export async function actingOptions(db: Db, actor: Actor) {
  return { actingForEntityId: actor.role === "enterprise" ? actor.entityId : null, enterprises: await enterprisesActedFor(db, actor.userId) };
}
