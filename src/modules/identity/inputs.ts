import { z } from "zod";
import { msg } from "@/lib/message";
import { hasForbiddenCharacter } from "@/lib/text";
import { validateCreditCode } from "./credit-code";
import { validateIdNumber } from "./id-number";
import { departmentLevels, staffRoles } from "./model";

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

/** A person's name as on the ID card: letters of any script, the middle dot of minority names, spaces. */
export const ZPersonName = z
  .string()
  .trim()
  .min(2, msg("validation.personName"))
  .max(40, msg("validation.personName"))
  .refine(plainLine, msg("errors.controlCharacter"))
  .regex(/^[\p{L}\p{M}·• '-]+$/u, msg("identity.validation.personNameCharacters"));

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

/**
 * 法人注册: the signed-in person registers the enterprise by its credit code; everything else is
 * read from its business licence in the registry.
 */
export const ZRegisterEnterpriseInput = z.object({ creditCode: ZCreditCodeField });
export type RegisterEnterpriseInput = z.input<typeof ZRegisterEnterpriseInput>;

export const ZRegisterCitizenInput = z
  .object({ name: ZPersonName, idNumber: ZIdNumberField, phone: ZPhone, password: ZNewPassword, confirmPassword: z.string() })
  .superRefine(confirmed);
export type RegisterCitizenInput = z.input<typeof ZRegisterCitizenInput>;

export const ZSignInInput = z.object({
  login: z.string().trim().min(1, msg("validation.login")).max(64, msg("validation.login")).refine(plainLine, msg("errors.controlCharacter")),
  password: z
    .string()
    .min(1, msg("validation.passwordRequired"))
    .max(128, msg("validation.passwordRequired"))
    .refine(plainLine, msg("errors.controlCharacter")),
});

/** 法人登录: the enterprise's credit code with the person's own account. */
export const ZEnterpriseSignInInput = ZSignInInput.extend({ creditCode: ZCreditCodeField });
export type EnterpriseSignInInput = z.input<typeof ZEnterpriseSignInInput>;

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg("validation.form.date"));
const ZServiceCodes = z.array(z.string().trim().min(1).max(64)).max(50).default([]);

function scopedServices<T extends { scope: string; serviceCodes: string[] }>(value: T, ctx: z.RefinementCtx) {
  if (value.scope === "services" && value.serviceCodes.length === 0) {
    ctx.addIssue({ code: "custom", path: ["serviceCodes"], message: msg("identity.validation.mandateServices") });
  }
}

/** The legal representative (or an administrator) grants a mandate to act for the enterprise. */
export const ZGrantMandateInput = z
  .object({
    agentIdNumber: ZIdNumberField,
    agentName: ZPersonName,
    scope: z.enum(["all", "services", "viewOnly"], msg("validation.required")),
    serviceCodes: ZServiceCodes,
    startsOn: ZDay,
    endsOn: ZDay,
    administrator: z.boolean().default(false),
  })
  .superRefine(scopedServices)
  .superRefine((value, ctx) => {
    if (value.endsOn < value.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: msg("identity.validation.mandateDates") });
    if (value.administrator && value.scope !== "all")
      ctx.addIssue({ code: "custom", path: ["administrator"], message: msg("identity.validation.administratorScope") });
  });
export type GrantMandateInput = z.input<typeof ZGrantMandateInput>;

/** A citizen authorises a relative or a helper to apply for them (帮办代办). */
export const ZGrantPersonalMandateInput = z
  .object({
    agentIdNumber: ZIdNumberField,
    agentName: ZPersonName,
    relationship: z.enum(["relative", "communityHelper", "other"], msg("validation.required")),
    scope: z.enum(["all", "services", "viewOnly"], msg("validation.required")),
    serviceCodes: ZServiceCodes,
    endsOn: ZDay,
  })
  .superRefine(scopedServices);
export type GrantPersonalMandateInput = z.input<typeof ZGrantPersonalMandateInput>;

export const ZRevokeMandateInput = z.object({ mandateId: z.uuid(), reason: z.string().trim().max(200, msg("identity.validation.reasonLong")).default("") });

export const ZActingChoiceInput = z.object({ kind: z.enum(["entity", "person"]), id: z.uuid() }).nullable();

export const ZChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, msg("validation.passwordRequired")).max(128, msg("validation.passwordRequired")),
    password: ZNewPassword,
    confirmPassword: z.string(),
  })
  .superRefine(confirmed);
export type ChangePasswordInput = z.input<typeof ZChangePasswordInput>;

/** The window starts keying in for a walk-in applicant, with the consent shown at the counter. */
export const ZStartKeyInInput = z.object({
  idNumber: ZIdNumberField,
  name: ZPersonName,
  consentKind: z.enum(["signedForm", "inPerson"], msg("validation.required")),
  consentReference: z.string().trim().min(2, msg("identity.validation.consentReference")).max(100, msg("identity.validation.consentReference")),
});
export type StartKeyInInput = z.input<typeof ZStartKeyInInput>;

export const ZSessionRef = z.object({ sessionId: z.uuid() });
export type SignInInput = z.input<typeof ZSignInInput>;

// ---------------------------------------------------------------- the organisation part of a province file
// Shapes only; known divisions and departments and unique logins are checked across the whole file
// (src/root/catalog-file.ts). A file holds no password.

/** A department with its level and the division (GB/T 2260) it serves. */
export const ZFileDepartment = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9.-]*$/, "letters, digits, dots and hyphens, starting with a letter")
    .max(64),
  nameZh: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  level: z.enum(departmentLevels),
  divisionCode: z.string().regex(/^\d{6}$/, "six digits (GB/T 2260)"),
  /** A city or county body: the provincial department (code) whose function it carries out. */
  functionCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9.-]*$/, "letters, digits, dots and hyphens, starting with a letter")
    .max(64)
    .optional(),
});

/** A staff account: no password; it is set by an administrator (or, in the demo file, the demo's). */
export const ZFileStaff = z.strictObject({
  login: z.string().trim().min(1).max(64),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(staffRoles),
  department: z.string().trim().min(1).max(80).optional(),
  /** The reviewer heads their department; only a reviewer. */
  departmentHead: z.boolean().optional(),
});

export type FileDepartment = z.output<typeof ZFileDepartment>;
export type FileStaff = z.output<typeof ZFileStaff>;

/** The administrator creates a department (部门). */
export const ZCreateDepartmentInput = z.object({
  code: z
    .string()
    .trim()
    .min(1, msg("validation.required"))
    .max(64, msg("identity.errors.departmentCode"))
    .regex(/^[A-Za-z][A-Za-z0-9.-]*$/, msg("identity.errors.departmentCode")),
  nameZh: z
    .string()
    .trim()
    .min(1, msg("validation.required"))
    .max(100, msg("validation.form.tooLong", { max: 100 }))
    .refine(plainLine, msg("errors.controlCharacter")),
  nameEn: z
    .string()
    .trim()
    .min(1, msg("validation.required"))
    .max(200, msg("validation.form.tooLong", { max: 200 }))
    .refine(plainLine, msg("errors.controlCharacter")),
  level: z.enum(departmentLevels, msg("validation.required")),
  divisionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, msg("identity.errors.unknownDivision")),
});
export type CreateDepartmentInput = z.input<typeof ZCreateDepartmentInput>;

/**
 * The administrator edits a department: its names, level and division. The code names which
 * department and does not change (services, certificate types, staff and grants name it).
 */
export const ZUpdateDepartmentInput = ZCreateDepartmentInput.extend({
  code: z.string().trim().min(1, msg("validation.required")).max(64, msg("identity.errors.departmentCode")),
});
export type UpdateDepartmentInput = z.input<typeof ZUpdateDepartmentInput>;

/**
 * The administrator creates a staff account. The password is optional: without one the account
 * has no usable password until the administrator resets it (/admin, 密码重置).
 */
export const ZCreateStaffAccountInput = z.object({
  login: z
    .string()
    .trim()
    .min(1, msg("validation.required"))
    .max(64, msg("identity.errors.login"))
    .regex(/^[A-Za-z][A-Za-z0-9._-]*$/, msg("identity.errors.login")),
  displayName: z.string().trim().min(1, msg("validation.required")).max(100).refine(plainLine, msg("errors.controlCharacter")),
  role: z.enum(staffRoles, msg("validation.required")),
  departmentCode: z.string().trim().max(64).nullable().optional(),
  /** The reviewer heads their department; refused for any other role. */
  departmentHead: z.boolean().optional(),
  password: ZNewPassword.optional(),
});
export type CreateStaffAccountInput = z.input<typeof ZCreateStaffAccountInput>;
