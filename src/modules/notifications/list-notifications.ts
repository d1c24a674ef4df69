import { and, count, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/modules/identity/model";
import type { Db } from "@/server/db/client";
import { ZListNotificationsInput, type ListNotificationsInput } from "./inputs";
import { notifications } from "./schema";
import { toNotificationView, ZNotificationView } from "./views";

export const ZNotificationPage = z.object({
  items: z.array(ZNotificationView),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof ZNotificationPage>;

/** The actor's own inbox, newest first, one page at a time. */
export async function listNotifications(db: Db, actor: Actor, input: ListNotificationsInput = {}): Promise<NotificationPage> {
  const { page, pageSize } = ZListNotificationsInput.parse(input);
  const mine = eq(notifications.userId, actor.userId);
  const [rows, [totals], [unread]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(mine)
      // id breaks ties: one event's items share created_at, and pages must not overlap.
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(notifications).where(mine),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt))),
  ]);
  return { items: rows.map((r) => toNotificationView(r, actor.role)), page, pageSize, total: totals?.n ?? 0, unread: unread?.n ?? 0 };
}
