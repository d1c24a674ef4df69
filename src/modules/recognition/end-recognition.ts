import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { ZEndRecognitionInput, type EndRecognitionInput } from "./inputs";
import { recognitions } from "./schema";
import { moveRecognition } from "./transition";

/**
 * The data office ends an entry: from now on the foreign certificate type is neither requested
 * nor accepted for the service. The entry is kept, ended, with who ended it and when. A stale
 * version (someone ended it meanwhile) is a conflict.
 */
export async function endRecognition(db: Db, actor: Actor, raw: EndRecognitionInput, now: Date = new Date()): Promise<{ id: string }> {
  const input = ZEndRecognitionInput.parse(raw);
  if (actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const [entry] = await tx.select().from(recognitions).where(eq(recognitions.id, input.id)).for("update");
    if (!entry) throw new DomainError("notFound", "errors.notFound");
    if (entry.version !== input.version) throw new DomainError("conflict", "errors.conflict");
    await moveRecognition(tx, entry, "end", { endedBy: actor.userId, endedAt: now }, actor, now);
    return { id: entry.id };
  });
}
