import { z } from "zod";
import { msg } from "@/lib/message";
import { yuanToFen } from "./model";

// Client-safe input schemas, shared by the tRPC procedures and the data office's forms. Messages
// are message keys (see `msg`) so each side shows them in the reader's language.

/** A catalog code (service, bundle): letters, digits and hyphens, starting with a letter. */
export const ZCatalogCode = z
  .string()
  .trim()
  .min(1, msg("validation.required"))
  .max(64, msg("catalog.errors.code"))
  .regex(/^[A-Za-z][A-Za-z0-9-]*$/, msg("catalog.errors.code"));

/** A step key inside a bundle, e.g. `businessLicence`. */
export const ZStepKey = z
  .string()
  .trim()
  .min(1, msg("validation.required"))
  .max(64, msg("catalog.errors.stepKey"))
  .regex(/^[A-Za-z][A-Za-z0-9-]*$/, msg("catalog.errors.stepKey"));

export const ZSubjectKind = z.enum(["service", "bundle"]);

/** A guide by code; `kind` only when the caller knows it (bundle codes are tried first). */
export const ZGuideInput = z.object({ code: ZCatalogCode, kind: ZSubjectKind.optional() });

export const ZPlanInput = z.object({ kind: ZSubjectKind, code: ZCatalogCode });

/** Working days as typed in a form (text) or sent as a number. */
const ZWorkingDays = z.coerce
  .number<string | number>({ error: msg("validation.catalog.days") })
  .int(msg("validation.catalog.days"))
  .min(1, msg("validation.catalog.days"))
  .max(365, msg("validation.catalog.days"));

/** A fee in yuan with at most two decimals ("0", "12.50"); becomes fen. */
const ZFeeYuan = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => yuanToFen(v) !== null, msg("catalog.errors.fee"))
  .transform((v) => yuanToFen(v) ?? 0);

export const ZUpdateServiceInput = z
  .object({
    code: ZCatalogCode,
    statutoryDays: ZWorkingDays,
    promisedDays: ZWorkingDays,
    feeYuan: ZFeeYuan,
    autoAcceptance: z.boolean(),
    deemedApprovalOnTimeout: z.boolean(),
    published: z.boolean(),
  })
  .superRefine((v, ctx) => {
    // 承诺时限 may be shorter than 法定时限, never longer. The use case checks again.
    if (v.promisedDays > v.statutoryDays) {
      ctx.addIssue({ code: "custom", path: ["promisedDays"], message: msg("validation.catalog.promisedAboveStatutory") });
    }
  })
  .transform(({ feeYuan, ...rest }) => ({ ...rest, feeFen: feeYuan }));
export type UpdateServiceInput = z.input<typeof ZUpdateServiceInput>;

/**
 * A bundle's steps, replacing the ones it has. Only the shape is checked here: whether the steps
 * form a DAG (不得互为前置) is the server's answer, with the cycle named.
 */
export const ZSetBundleStepsInput = z.object({
  bundleCode: ZCatalogCode,
  steps: z
    .array(
      z.object({
        key: ZStepKey,
        serviceCode: ZCatalogCode,
        needs: z.array(ZStepKey).max(50),
      }),
    )
    .min(1, msg("catalog.errors.noSteps"))
    .max(50),
});
export type SetBundleStepsInput = z.input<typeof ZSetBundleStepsInput>;
