import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "./model";
import { citizens, entities } from "./schema";

export interface ApplicantIdentity {
  kind: "enterprise" | "citizen";
  holderCode: string;
  name: string;
  entityId: string | null;
  personId: string | null;
  /** The enterprise was deregistered (注销): it may see its record but not apply. */
  deregistered?: boolean;
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
    return {
      kind: "enterprise",
      holderCode: entity.creditCode,
      name: entity.name,
      entityId: entity.id,
      personId: null,
      deregistered: entity.deregisteredAt !== null,
    };
  }
  if (actor.role === "citizen") {
    if (!actor.personId) throw new DomainError("forbidden", "errors.forbidden");
    const [citizen] = await db.select().from(citizens).where(eq(citizens.id, actor.personId));
    if (!citizen) throw new DomainError("forbidden", "errors.forbidden");
    return { kind: "citizen", holderCode: citizen.idNumber, name: citizen.name, entityId: null, personId: citizen.id };
  }
  throw new DomainError("forbidden", "errors.forbidden");
}

/**
 * The holder looking at their own data (certificates, data log): the applicant identity, but not
 * for the window keying in, which files an application for a walk-in applicant and sees nothing else.
 */
export async function holderIdentity(db: Db, actor: Actor): Promise<ApplicantIdentity> {
  if (actor.agency?.kind === "window") throw new DomainError("forbidden", "errors.forbidden");
  return applicantIdentity(db, actor);
}
