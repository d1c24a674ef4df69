import { z } from "zod";
import { msg } from "@/lib/message";

export const ZSubject = z.object({
  kind: z.enum(["service", "bundle"]),
  code: z.string().trim().min(1).max(64),
});

/** How the applicant supplies one material: a file they uploaded, or the certificate government holds. */
export const ZMaterialSupply = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("upload"), uploadId: z.uuid() }),
  z.object({ kind: z.literal("certificate") }),
]);

const ZKey = z.string().min(8, msg("validation.idempotencyKey")).max(64, msg("validation.idempotencyKey"));

export const ZSaveDraftInput = z.object({
  subject: ZSubject,
  idempotencyKey: ZKey,
  formData: z.record(z.string(), z.string().max(2000)).default({}),
  materials: z.record(z.string(), ZMaterialSupply).default({}),
});

export const ZSubmitApplicationInput = ZSaveDraftInput.extend({
  /** The applicant agrees that the certificates government holds are used for this application. */
  consent: z.boolean(),
});
export type SubmitApplicationInput = z.input<typeof ZSubmitApplicationInput>;

export const ZApplicationRef = z.object({ applicationId: z.uuid() });
export const ZVersionedRef = ZApplicationRef.extend({ version: z.number().int().positive() });

export const ZRefuseInput = ZVersionedRef.extend({
  reason: z.string().trim().min(4, msg("validation.reason")).max(1000, msg("validation.reason")),
});

export const ZNoticeItemInput = z.object({
  materialKeys: z.array(z.string().min(1)).default([]),
  text: z.string().trim().min(4, msg("validation.reason")).max(1000, msg("validation.reason")),
});

export const ZRequestCompletionInput = ZVersionedRef.extend({
  items: z.array(ZNoticeItemInput).min(1, msg("validation.noticeItems")),
});

export const ZCompleteSupplementInput = ZVersionedRef.extend({
  formData: z.record(z.string(), z.string().max(2000)).default({}),
  materials: z.record(z.string(), ZMaterialSupply).default({}),
});

export const ZTrackInput = z.object({
  trackingNumber: z.string().trim().regex(/^\d{20}$/, msg("validation.trackingNumber")),
  queryCode: z.string().trim().min(1, msg("validation.queryCode")).max(16, msg("validation.queryCode")),
});
