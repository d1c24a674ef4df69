import { z } from "zod";
import { msg } from "@/lib/message";
import { normalizeCreditCode, validateCreditCode } from "../identity/credit-code";

/** An enterprise's unified social credit code, fully checked (risk classes and signals are of enterprises). */
export const ZRiskCreditCode = z
  .string()
  .trim()
  .max(40, msg("risk.errors.creditCode"))
  .transform((v) => normalizeCreditCode(v.toUpperCase()))
  .refine((v) => validateCreditCode(v).valid, msg("risk.errors.creditCode"));

/** Staff read an applicant's class and signals for an application they work on (the gate's purpose). */
export const ZStaffRiskInput = z.object({ holderCode: ZRiskCreditCode, applicationId: z.uuid() });
