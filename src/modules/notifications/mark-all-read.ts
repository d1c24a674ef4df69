import { and, eq, isNull, sql } from "drizzle-orm";
import type { Actor } from "@/modules/identity/model";
import type { Db } from "@/server/db/client";
import { notifications } from "./schema";

/** Marks every unread item of the actor's read; returns how many changed. */
export async function markAllRead(db: Db, actor: Actor): Promise<{ count: number }> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { count: rows.length };
}
