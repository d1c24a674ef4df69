import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { citizens, entities } from "../identity/schema";

export interface ApplicantIdentity {
  kind: "enterprise" | "citizen";
  holderCode: string;
  name: string;
  entityId: string | null;
}

/** Whom an applicant acts as: the enterprise (by its credit code) or the citizen (by ID number). */
export async function applicantIdentity(db: Db, actor: Actor): Promise<ApplicantIdentity> {
  if (actor.role === "enterprise") {
    if (!actor.entityId) throw new DomainError("forbidden", "errors.forbidden");
    const [entity] = await db.select().from(entities).where(eq(entities.id, actor.entityId));
    if (!entity) throw new DomainError("forbidden", "errors.forbidden");
    return { kind: "enterprise", holderCode: entity.creditCode, name: entity.name, entityId: entity.id };
  }
  if (actor.role === "citizen") {
    const [citizen] = await db.select().from(citizens).where(eq(citizens.userId, actor.userId));
    if (!citizen) throw new DomainError("forbidden", "errors.forbidden");
    return { kind: "citizen", holderCode: citizen.idNumber, name: citizen.name, entityId: null };
  }
  throw new DomainError("forbidden", "errors.forbidden");
}
