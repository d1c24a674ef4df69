import { and, eq, sql } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Actor } from "@/modules/identity/model";
import type { Db } from "@/server/db/client";
import type { MarkReadInput } from "./inputs";
import { notifications } from "./schema";

/**
 * Marks one of the actor's own items read; marking it again keeps the first time. Someone
 * else's item is `notFound`, the same as a missing one, so ids reveal nothing.
 */
export async function markRead(db: Db, actor: Actor, input: MarkReadInput): Promise<{ id: string; readAt: Date }> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, input.id), eq(notifications.userId, actor.userId)))
    .returning({ id: notifications.id, readAt: notifications.readAt });
  if (!row?.readAt) throw new DomainError("notFound", "errors.notFound");
  return { id: row.id, readAt: row.readAt };
}
