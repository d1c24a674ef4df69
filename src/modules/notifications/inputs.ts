import { z } from "zod";

export const ZListNotificationsInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
});
export type ListNotificationsInput = z.input<typeof ZListNotificationsInput>;

export const ZMarkReadInput = z.object({ id: z.uuid() });
export type MarkReadInput = z.infer<typeof ZMarkReadInput>;
