import { and, count, eq, isNull } from "drizzle-orm";
import type { Actor } from "@/modules/identity/model";
import type { Db } from "@/server/db/client";
import { notifications } from "./schema";

/** How many of the actor's own inbox items are unread (the number in the header). */
export async function countUnread(db: Db, actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}
