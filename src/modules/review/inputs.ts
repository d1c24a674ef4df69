import { z } from "zod";
import { msg } from "@/lib/message";
import { ZNoticeItemInput, ZRefusalConfirmation } from "../applications/inputs";

export const ZTaskRef = z.object({ taskId: z.uuid(), version: z.number().int().positive() });

export const ZDecideTaskInput = z.discriminatedUnion("outcome", [
  ZTaskRef.extend({ outcome: z.literal("approved"), reason: z.string().trim().max(1000).optional() }),
  ZTaskRef.extend({
    outcome: z.literal("denied"),
    reason: z.string().trim().min(4, msg("validation.reason")).max(1000, msg("validation.reason")),
    /** A denial cancels every other open step of the case: confirmed, having been shown which. */
    confirmed: ZRefusalConfirmation,
  }),
  ZTaskRef.extend({ outcome: z.literal("supplementRequested"), items: z.array(ZNoticeItemInput).min(1, msg("validation.noticeItems")).max(100) }),
]);
export type DecideTaskInput = z.input<typeof ZDecideTaskInput>;

export const ZQueueInput = z.object({
  status: z.enum(["pending", "open", "claimed", "waiting", "decided", "all"]).default("pending"),
  overdueOnly: z.boolean().default(false),
  page: z.number().int().min(1).default(1),
});
