import { z } from "zod";
import { msg } from "@/lib/message";
import { hasForbiddenCharacter } from "@/lib/text";
import { ZCreditCodeField, ZIdNumberField, ZPersonName } from "../identity/inputs";
import { businessScopeItems, contributionFormValues, entityTypeKeys, industries, tradeNameProblem } from "./model";

// Client-safe input schemas of starting a business; messages are message keys.

/** A name division: Hebei (130000) or one of its cities (1301xx–1311xx ending in 00). */
const ZNameDivision = z.string().regex(/^13(00|0[1-9]|1[01])00$/, msg("registration.validation.nameDivision"));

export const ZTradeName = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = tradeNameProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: msg(`registration.validation.tradeName.${problem}`) });
  });

export const ZNameInput = z.object({
  divisionCode: ZNameDivision,
  tradeName: ZTradeName,
  industry: z.enum(
    industries.map((i) => i.value),
    msg("registration.validation.industry"),
  ),
  entityType: z.enum(entityTypeKeys, msg("registration.validation.entityType")),
  form: z.string().trim().min(1, msg("registration.validation.form")).max(10),
});

export const ZReserveNameInput = ZNameInput.extend({
  /** The founder read the warnings (confusingly similar names) and keeps the name. */
  acceptWarnings: z.boolean().default(false),
});

/** An amount in 10,000 yuan with at most two decimals, above zero. */
const ZWanYuan = z
  .string()
  .trim()
  .regex(/^\d{1,8}(\.\d{1,2})?$/, msg("registration.validation.amount"))
  .refine((v) => Number(v) > 0, msg("registration.validation.amount"));

/** A calendar day as a date input gives it (YYYY-MM-DD), and one that exists. */
const ZIsoDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg("registration.validation.contributionDueOn"))
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, msg("registration.validation.contributionDueOn"));

export const sealTypeValues = ["company", "companyFinance", "full"] as const;
export const invoiceTypeValues = ["generalVat", "specialVat", "both"] as const;
export const housingFundRates = ["5", "8", "10", "12"] as const;

export const ZStartBusinessInput = z
  .object({
    idempotencyKey: z.uuid(),
    nameId: z.uuid(msg("registration.validation.name")),
    entityType: z.enum(entityTypeKeys, msg("registration.validation.entityType")),
    registeredCapital: ZWanYuan,
    divisionCode: z.string().regex(/^13\d{4}$/, msg("registration.validation.addressDivision")),
    streetAddress: z.string().trim().min(4, msg("registration.validation.street")).max(100, msg("registration.validation.street")),
    scopeCodes: z
      .array(z.enum(businessScopeItems.map((s) => s.code)))
      .min(1, msg("registration.validation.scope"))
      .max(10, msg("registration.validation.scope")),
    legalRepresentative: z.object({ name: ZPersonName, idNumber: ZIdNumberField }),
    shareholders: z
      .array(
        z.object({
          name: ZPersonName,
          idNumber: ZIdNumberField,
          contribution: ZWanYuan,
          contributionForm: z.enum(contributionFormValues, msg("registration.validation.contributionForm")),
          /** 认缴出资期限: checked against the submission day on the server (Company Law art. 47). */
          contributionDueOn: ZIsoDay,
        }),
      )
      .min(1, msg("registration.validation.shareholders"))
      .max(10, msg("registration.validation.shareholders")),
    sealTypes: z.enum(sealTypeValues, msg("registration.validation.seals")),
    invoiceTypes: z.enum(invoiceTypeValues, msg("registration.validation.invoices")),
    employeeCount: z.coerce
      .number<string | number>({ error: msg("registration.validation.employees") })
      .int(msg("registration.validation.employees"))
      .min(0, msg("registration.validation.employees"))
      .max(100_000, msg("registration.validation.employees")),
    housingFundRate: z.enum(housingFundRates, msg("registration.validation.housingFund")),
    bankAccount: z
      .string()
      .trim()
      .regex(/^(\d{8,30})?$/, msg("registration.validation.bankAccount"))
      .default(""),
    /** 住所申报承诺: the founder declares the address is true and lawfully usable. */
    addressCommitment: z.literal(true, msg("registration.validation.addressCommitment")),
    /** The standard articles of association are adopted (标准化章程). */
    standardArticles: z.literal(true, msg("registration.validation.standardArticles")),
    /** Consent to the founder's own ID card being read from the registry. */
    consent: z.literal(true, msg("validation.consent")),
  })
  .superRefine((v, ctx) => {
    const total = v.shareholders.reduce((sum, s) => sum + Math.round(Number(s.contribution) * 100), 0);
    if (total !== Math.round(Number(v.registeredCapital) * 100)) {
      ctx.addIssue({ code: "custom", path: ["registeredCapital"], message: msg("registration.validation.capitalSum") });
    }
    const ids = v.shareholders.map((s) => s.idNumber);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: "custom", path: ["shareholders", i, "idNumber"], message: msg("registration.validation.duplicateShareholder") });
    });
  });

// ---------------------------------------------------------------------------------------------
// The life cycle: change (变更登记) and deregistration (注销登记)
// ---------------------------------------------------------------------------------------------

/** A new name, declared like a founder's: division, trade name, industry and form. */
export const ZNewNameInput = z.object({
  divisionCode: ZNameDivision,
  tradeName: ZTradeName,
  industry: z.enum(
    industries.map((i) => i.value),
    msg("registration.validation.industry"),
  ),
  form: z.string().trim().min(1, msg("registration.validation.form")).max(10, msg("registration.validation.form")),
});

/**
 * A change registration: the particulars as they should read (prefilled from the licence, so an
 * untouched field is no change); a new name or a new legal representative only when they change.
 */
export const ZCompanyChangeInput = z.object({
  idempotencyKey: z.uuid(),
  changeName: z.boolean().default(false),
  newName: ZNewNameInput.optional(),
  businessAddress: z
    .string()
    .trim()
    .min(4, msg("registration.validation.street"))
    .max(120, msg("registration.validation.street"))
    .refine((v) => !hasForbiddenCharacter(v, { singleLine: true }), msg("errors.controlCharacter")),
  changeLegalRepresentative: z.boolean().default(false),
  legalRepresentative: z.object({ name: ZPersonName, idNumber: ZIdNumberField }).optional(),
  registeredCapital: ZWanYuan,
  /** Consent to the enterprise's licence being read from the registry. */
  consent: z.literal(true, msg("validation.consent")),
});

/** A deregistration: for which enterprise (the one acted for), why, and the liquidation declared done. */
export const ZDeregistrationInput = z.object({
  idempotencyKey: z.uuid(),
  creditCode: ZCreditCodeField,
  reason: z
    .string()
    .trim()
    .min(2, msg("registration.lifecycle.validation.reason"))
    .max(300, msg("registration.lifecycle.validation.reason"))
    .refine((v) => !hasForbiddenCharacter(v), msg("errors.controlCharacter")),
  /** 清算完结承诺: debts settled, liquidation done (简易注销 commitment). */
  liquidationCommitment: z.literal(true, msg("registration.lifecycle.validation.liquidationCommitment")),
  consent: z.literal(true, msg("validation.consent")),
});
