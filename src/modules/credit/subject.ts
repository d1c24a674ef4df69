import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { applicantIdentity } from "../identity/holder";
import type { Actor } from "../identity/model";

/**
 * The subject the actor stands for: the enterprise they act for (its credit code) or the citizen
 * themself (their ID number). Staff have none.
 */
export async function actorSubject(db: Db, actor: Actor): Promise<{ code: string; name: string; kind: "enterprise" | "citizen" }> {
  if (actor.role !== "enterprise" && actor.role !== "citizen") throw new DomainError("forbidden", "errors.forbidden");
  const who = await applicantIdentity(db, actor);
  return { code: who.holderCode, name: who.name, kind: who.kind };
}

/** A record of someone else is answered as "not found": the subject's records are nobody else's business. */
export async function assertOwnRecord(db: Db, actor: Actor, record: { subjectCode: string }, field = "recordId"): Promise<void> {
  const subject = await actorSubject(db, actor);
  if (subject.code !== record.subjectCode) throw new DomainError("notFound", "errors.notFound", { field });
}
