import { z } from "zod";
import { msg } from "@/lib/message";
import { maxExtensionDays, pauseKinds } from "./model";

/** A reviewer asks to extend a task (延期): at most the law's 10 working days, with a reason. */
export const ZRequestExtensionInput = z.object({
  taskId: z.uuid(),
  days: z
    .number(msg("review.clocks.validation.days"))
    .int(msg("review.clocks.validation.days"))
    .min(1, msg("review.clocks.validation.days"))
    .max(maxExtensionDays, msg("review.clocks.validation.days")),
  reason: z.string().trim().min(4, msg("review.clocks.validation.reason")).max(500, msg("review.clocks.validation.reason")),
});
export type RequestExtensionInput = z.input<typeof ZRequestExtensionInput>;

/** The head decides a request: approve, or refuse with a note saying why. */
export const ZDecideExtensionInput = z.discriminatedUnion("outcome", [
  z.object({ extensionId: z.uuid(), outcome: z.literal("approve"), note: z.string().trim().max(500, msg("review.clocks.validation.note")).optional() }),
  z.object({
    extensionId: z.uuid(),
    outcome: z.literal("refuse"),
    note: z.string().trim().min(4, msg("review.clocks.validation.note")).max(500, msg("review.clocks.validation.note")),
  }),
]);
export type DecideExtensionInput = z.input<typeof ZDecideExtensionInput>;

/** A reviewer stops the clock for a hearing, an inspection or expert review (art. 45), saying why. */
export const ZStartPauseInput = z.object({
  taskId: z.uuid(),
  kind: z.enum(pauseKinds, msg("review.clocks.validation.kind")),
  reason: z.string().trim().min(4, msg("review.clocks.validation.pauseReason")).max(500, msg("review.clocks.validation.pauseReason")),
});
export type StartPauseInput = z.input<typeof ZStartPauseInput>;

/** The reviewer ends the running pause of a task. */
export const ZEndPauseInput = z.object({ taskId: z.uuid() });

export const ZCaseClocksInput = z.object({ applicationId: z.uuid() });
