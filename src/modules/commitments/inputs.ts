import { z } from "zod";
import { msg } from "@/lib/message";

/** The verifying department records a task's result: passed or failed, with what it found. */
export const ZRecordVerificationInput = z.object({
  verificationId: z.uuid(),
  version: z.number().int().positive(),
  outcome: z.enum(["pass", "fail"], msg("commitments.validation.outcome")),
  finding: z.string().trim().min(4, msg("commitments.validation.finding")).max(1000, msg("commitments.validation.finding")),
});
export type RecordVerificationInput = z.input<typeof ZRecordVerificationInput>;

/** The applicant's case: its verification tasks. */
export const ZApplicationVerificationsInput = z.object({ applicationId: z.uuid() });
