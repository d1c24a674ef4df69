import { z } from "zod";
import { msg } from "@/lib/message";
import { hasForbiddenCharacter } from "@/lib/text";
import { validateCreditCode } from "./credit-code";
import { validateIdNumber } from "./id-number";

// Client-safe input schemas, shared by the tRPC procedures and the forms. Messages are message
// keys (see `msg`) so each side shows them in the reader's language.

type FailedCheck = string | ({ check: string } & Record<string, unknown>);

function checkMessage(prefix: string, failed: FailedCheck): string {
  if (typeof failed === "string") return msg(`${prefix}.${failed}`);
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(failed)) {
    if (k !== "check" && (typeof v === "string" || typeof v === "number")) params[k] = v;
  }
  return msg(`${prefix}.${failed.check}`, params);
}

/** One line of text: no control or bidirectional characters, no tab or line break (see lib/text.ts). */
const plainLine = (v: string) => !hasForbiddenCharacter(v, { singleLine: true });

const required = (key: string) => z.string({ error: msg("validation.required") }).trim().min(1, msg(key));

/** A unified social credit code: GB 32100 check character and GB 11714 organisation code check. */
export const ZCreditCodeField = z
  .string({ error: msg("validation.required") })
  .trim()
  .min(1, msg("validation.required"))
  .superRefine((value, ctx) => {
    const result = validateCreditCode(value);
    for (const failed of result.failedChecks as FailedCheck[]) {
      ctx.addIssue({ code: "custom", message: checkMessage("validation.creditCode", failed) });
    }
  })
  .transform((value) => validateCreditCode(value).normalized);

/** A resident ID number: ISO 7064 MOD 11-2 check character and a real date of birth. */
export const ZIdNumberField = z
  .string({ error: msg("validation.required") })
  .trim()
  .min(1, msg("validation.required"))
  .superRefine((value, ctx) => {
    const result = validateIdNumber(value);
    for (const failed of result.failedChecks as FailedCheck[]) {
      ctx.addIssue({ code: "custom", message: checkMessage("validation.idNumber", failed) });
    }
  })
  .transform((value) => validateIdNumber(value).normalized);

/** A mainland mobile number (11 digits starting with 1) or a landline with area code. */
export const ZPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, msg("validation.phone"));

export const ZPersonName = z.string().trim().min(2, msg("validation.personName")).max(40, msg("validation.personName")).refine(plainLine, msg("errors.controlCharacter"));

/** At least 8 characters with a letter and a digit; at most 128 (scrypt input stays bounded). */
export const ZNewPassword = z
  .string()
  .min(8, msg("validation.password.short"))
  .max(128, msg("validation.password.long"))
  .regex(/[A-Za-z]/, msg("validation.password.letter"))
  .regex(/\d/, msg("validation.password.digit"));

function confirmed<T extends { password: string; confirmPassword: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.password !== value.confirmPassword) {
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: msg("validation.password.mismatch") });
  }
}

export const ZRegisterEnterpriseInput = z
  .object({
    creditCode: ZCreditCodeField,
    name: required("validation.enterpriseName").pipe(z.string().min(4, msg("validation.enterpriseName")).max(100, msg("validation.enterpriseName"))),
    legalRepresentative: ZPersonName,
    contactName: ZPersonName,
    contactPhone: ZPhone,
    password: ZNewPassword,
    confirmPassword: z.string(),
  })
  .superRefine(confirmed);
export type RegisterEnterpriseInput = z.input<typeof ZRegisterEnterpriseInput>;

export const ZRegisterCitizenInput = z
  .object({
    name: ZPersonName,
    idNumber: ZIdNumberField,
    phone: ZPhone,
    password: ZNewPassword,
    confirmPassword: z.string(),
  })
  .superRefine(confirmed);
export type RegisterCitizenInput = z.input<typeof ZRegisterCitizenInput>;

export const ZSignInInput = z.object({
  login: z.string().trim().min(1, msg("validation.login")).max(64, msg("validation.login")).refine(plainLine, msg("errors.controlCharacter")),
  password: z.string().min(1, msg("validation.passwordRequired")).max(128, msg("validation.passwordRequired")).refine(plainLine, msg("errors.controlCharacter")),
});
export type SignInInput = z.input<typeof ZSignInInput>;
