import { z } from "zod";
import type { Role } from "@/modules/identity/model";
import { notificationHref } from "./model";
import type { notifications } from "./schema";

export const ZNotificationView = z.object({
  id: z.uuid(),
  kind: z.string(),
  applicationId: z.uuid().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  readAt: z.date().nullable(),
  createdAt: z.date(),
  /** Where the item leads for the reader's role; null when there is nowhere to go. */
  href: z.string().nullable(),
});
export type NotificationView = z.infer<typeof ZNotificationView>;

export function toNotificationView(row: typeof notifications.$inferSelect, role: Role): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    applicationId: row.applicationId,
    params: row.params,
    readAt: row.readAt,
    createdAt: row.createdAt,
    href: notificationHref(role, row.applicationId, row.kind),
  };
}
