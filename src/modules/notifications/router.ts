import { z } from "zod";
import { authedProcedure, createTRPCRouter } from "@/server/trpc/init";
import { countUnread } from "./count-unread";
import { ZListNotificationsInput, ZMarkReadInput } from "./inputs";
import { listNotifications, ZNotificationPage } from "./list-notifications";
import { markAllRead } from "./mark-all-read";
import { markRead } from "./mark-read";

export const notificationsRouter = createTRPCRouter({
  list: authedProcedure
    .input(ZListNotificationsInput.optional())
    .output(ZNotificationPage)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.actor, input)),
  unreadCount: authedProcedure.output(z.number().int()).query(({ ctx }) => countUnread(ctx.db, ctx.actor)),
  markRead: authedProcedure
    .input(ZMarkReadInput)
    .output(z.object({ id: z.uuid(), readAt: z.date() }))
    .mutation(({ ctx, input }) => markRead(ctx.db, ctx.actor, input)),
  markAllRead: authedProcedure.output(z.object({ count: z.number().int() })).mutation(({ ctx }) => markAllRead(ctx.db, ctx.actor)),
});
