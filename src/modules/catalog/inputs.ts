import { z } from "zod";
import { msg } from "@/lib/message";
import { hasForbiddenCharacter } from "@/lib/text";
import {
  answerUnits,
  certificateFieldTypes,
  certificateIdentities,
  certificateRegistryValues,
  commitmentMethods,
  commitmentProblems,
  competenceLevels,
  hasLegalBasis,
  maxCommitmentWorkingDays,
  materialSourceProblems,
  serviceRuleProblems,
  yuanToFen,
  type CatalogRuleProblem,
} from "./model";

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

/** One line of text in a data office form: required, bounded, no control characters. */
const ZLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, msg("validation.required"))
    .max(max, msg("catalog.errors.tooLong", { max }))
    .refine((v) => !hasForbiddenCharacter(v, { singleLine: true }), msg("errors.controlCharacter"));
/** Several lines (a legal basis, conditions); empty allowed where the rule says so. */
const ZParagraph = (max: number) => z.string().trim().max(max, msg("catalog.errors.tooLong", { max }));
/** An optional select in a form: "" means none. */
const ZOptionalCode = z
  .string()
  .trim()
  .max(64)
  .nullable()
  .optional()
  .transform((v) => (v ? v : null));
const ZKinds = z
  .array(z.enum(["enterprise", "citizen"]))
  .min(1, msg("catalog.errors.applicantKinds"))
  .max(2)
  .transform((v) => [...new Set(v)]);
const ZDepartmentCode = z.string().trim().min(1, msg("validation.required")).max(64);

/** What a service says of itself besides its code, limits and fee; the data office's full form. */
const serviceDetails = {
  nameZh: ZLine(200),
  nameEn: ZLine(200),
  departmentCode: ZDepartmentCode,
  // The legal basis may not be empty; the rule (`serviceRuleProblems`) says so on its field.
  legalBasis: ZParagraph(2000),
  conditionsZh: ZParagraph(4000),
  conditionsEn: ZParagraph(4000),
  applicantKinds: ZKinds,
  issuesCertificateType: ZOptionalCode,
  registersEntity: z.boolean(),
};

/** Adds the rule problems of a service to a zod context, on their fields. */
function serviceRules(v: { legalBasis?: string; statutoryDays: number; promisedDays: number }, ctx: z.RefinementCtx) {
  // An edit that leaves the legal basis out keeps the one the service has.
  const problems = serviceRuleProblems({ ...v, legalBasis: v.legalBasis ?? "" }).filter((p) => p.field !== "legalBasis" || v.legalBasis !== undefined);
  for (const p of problems) ctx.addIssue({ code: "custom", path: [p.field], message: ruleMessage(p) });
}

/** The message key of a rule's problem, for forms and the server alike. */
export function ruleMessage(p: CatalogRuleProblem): string {
  switch (p.problem) {
    case "promisedAboveStatutory":
      return msg("validation.catalog.promisedAboveStatutory");
    case "promisedTooSmall":
      return msg("validation.catalog.days");
    default:
      return msg(`catalog.errors.${p.problem}`);
  }
}

/**
 * 管辖层级: which level decides the service (see `ServiceCompetence` in model.ts). A level other
 * than city or county is refused on `lowestLevel`; keys are material keys of the service.
 */
export const ZServiceCompetence = z.strictObject({
  lowestLevel: z.enum(competenceLevels, msg("catalog.errors.competenceLevel")),
  locationKey: ZStepKey.optional(),
  provinceFromAmount: z
    .strictObject({
      key: ZStepKey,
      atLeast: z
        .number(msg("catalog.errors.competenceAtLeast"))
        .min(0, msg("catalog.errors.competenceAtLeast"))
        .max(1e12, msg("catalog.errors.competenceAtLeast")),
    })
    .optional(),
});

/**
 * The editor's competence fields as a rule: no level chosen is no rule; empty keys are absent; the
 * threshold typed as text is a number (text that is not one is left for the schema to refuse).
 */
export function competenceFromForm(value: unknown): unknown {
  if (!value || typeof value !== "object") return value;
  const v = value as { lowestLevel?: unknown; locationKey?: unknown; provinceFromAmount?: { key?: unknown; atLeast?: unknown } | null };
  if (v.lowestLevel === "" || v.lowestLevel === undefined) return null;
  const amount = v.provinceFromAmount;
  const amountKey = typeof amount?.key === "string" ? amount.key.trim() : amount?.key;
  const atLeast = typeof amount?.atLeast === "string" ? (amount.atLeast.trim() === "" ? undefined : Number(amount.atLeast.trim())) : amount?.atLeast;
  return {
    lowestLevel: v.lowestLevel,
    ...(typeof v.locationKey === "string" && v.locationKey.trim() === "" ? {} : v.locationKey === undefined ? {} : { locationKey: v.locationKey }),
    ...(amount && (amountKey !== "" || atLeast !== undefined) ? { provinceFromAmount: { key: amountKey, atLeast } } : {}),
  };
}

export const ZUpdateServiceInput = z
  .object({
    code: ZCatalogCode,
    // The details are optional: the quick editor sends limits, fee and flags only.
    nameZh: serviceDetails.nameZh.optional(),
    nameEn: serviceDetails.nameEn.optional(),
    departmentCode: ZDepartmentCode.optional(),
    legalBasis: serviceDetails.legalBasis.optional(),
    conditionsZh: serviceDetails.conditionsZh.optional(),
    conditionsEn: serviceDetails.conditionsEn.optional(),
    applicantKinds: ZKinds.optional(),
    issuesCertificateType: z.string().trim().max(64).nullable().optional(),
    registersEntity: z.boolean().optional(),
    statutoryDays: ZWorkingDays,
    promisedDays: ZWorkingDays,
    feeYuan: ZFeeYuan,
    autoAcceptance: z.boolean(),
    deemedApprovalOnTimeout: z.boolean(),
    published: z.boolean(),
    /**
     * The competence rule; null removes it (the service's own department decides); absent keeps
     * it. The editor sends its fields as typed (`competenceFromForm`).
     */
    competence: z.preprocess(competenceFromForm, ZServiceCompetence.nullable()).optional(),
  })
  // 承诺时限 may be shorter than 法定时限, never longer; a legal basis, when sent, is not empty.
  // The use case checks again.
  .superRefine(serviceRules)
  .transform(({ feeYuan, issuesCertificateType, ...rest }) => ({
    ...rest,
    feeFen: feeYuan,
    ...(issuesCertificateType === undefined ? {} : { issuesCertificateType: issuesCertificateType || null }),
  }));
export type UpdateServiceInput = z.input<typeof ZUpdateServiceInput>;

/** The data office creates a service (unpublished until it says so). */
export const ZCreateServiceInput = z
  .object({
    code: ZCatalogCode,
    ...serviceDetails,
    statutoryDays: ZWorkingDays,
    promisedDays: ZWorkingDays,
    feeYuan: ZFeeYuan,
    autoAcceptance: z.boolean(),
    deemedApprovalOnTimeout: z.boolean(),
    published: z.boolean(),
  })
  .superRefine(serviceRules)
  .transform(({ feeYuan, ...rest }) => ({ ...rest, feeFen: feeYuan }));
export type CreateServiceInput = z.input<typeof ZCreateServiceInput>;

/** A material's options for a select, one per line: `value | 中文 | English`. */
const ZOptionsText = z
  .string()
  .max(8000, msg("catalog.errors.tooLong", { max: 8000 }))
  .optional()
  .transform((text, ctx) => {
    const lines = (text ?? "")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length > 100) {
      ctx.addIssue({ code: "custom", message: msg("catalog.errors.options") });
      return z.NEVER;
    }
    const options = [];
    for (const line of lines) {
      const [value, labelZh, labelEn, ...rest] = line.split("|").map((x) => x.trim());
      if (!value || !labelZh || !labelEn || rest.length || value.length > 100 || labelZh.length > 200 || labelEn.length > 200) {
        ctx.addIssue({ code: "custom", message: msg("catalog.errors.options") });
        return z.NEVER;
      }
      options.push({ value, labelZh, labelEn });
    }
    return options;
  });

/**
 * A material of a service, added or edited by the data office. Its legal basis is required (no
 * needless certificate); how it is supplied must be complete (`materialSourceProblems`); a
 * conditional material says when it is needed.
 */
export const ZSaveMaterialInput = z
  .object({
    serviceCode: ZCatalogCode,
    key: ZStepKey,
    nameZh: ZLine(200),
    nameEn: ZLine(200),
    legalBasis: ZParagraph(2000),
    source: z.enum(["formField", "upload", "certificate"], msg("validation.required")),
    fieldType: z
      .enum(["", "text", "textarea", "number", "date", "select"])
      .optional()
      .transform((v) => (v ? v : null)),
    optionsText: ZOptionsText,
    certificateType: ZOptionalCode,
    required: z.boolean(),
    conditionZh: ZParagraph(500).optional(),
    conditionEn: ZParagraph(500).optional(),
    sortOrder: z.coerce
      .number<string | number>({ error: msg("catalog.errors.sortOrder") })
      .int(msg("catalog.errors.sortOrder"))
      .min(0, msg("catalog.errors.sortOrder"))
      .max(10000, msg("catalog.errors.sortOrder")),
    /** 告知承诺: a commitment may replace it; then the notice and the verification rule are required. */
    committable: z.boolean().default(false),
    commitmentNoticeZh: ZParagraph(2000).optional(),
    commitmentNoticeEn: ZParagraph(2000).optional(),
    /** The verifying department's code. */
    commitmentDepartment: ZOptionalCode,
    commitmentDays: z
      .union([z.string(), z.number()])
      .optional()
      .transform((v) => (v === undefined || String(v).trim() === "" ? null : Number(String(v).trim()))),
    commitmentMethod: z
      .enum(["", ...commitmentMethods])
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((m, ctx) => {
    if (!m.committable) return;
    const missing = (path: string) => ctx.addIssue({ code: "custom", path: [path], message: msg("catalog.errors.commitmentMissing") });
    if (!m.commitmentNoticeZh) missing("commitmentNoticeZh");
    if (!m.commitmentNoticeEn) missing("commitmentNoticeEn");
    if (!m.commitmentDepartment) missing("commitmentDepartment");
    if (!m.commitmentMethod) missing("commitmentMethod");
    const days = m.commitmentDays;
    if (days === null || !Number.isInteger(days) || days < 1 || days > maxCommitmentWorkingDays)
      ctx.addIssue({ code: "custom", path: ["commitmentDays"], message: msg("catalog.errors.commitmentDays") });
  })
  .transform(
    ({
      optionsText,
      conditionZh,
      conditionEn,
      committable,
      commitmentNoticeZh,
      commitmentNoticeEn,
      commitmentDepartment,
      commitmentDays,
      commitmentMethod,
      ...m
    }) => ({
      ...m,
      commitment:
        committable && commitmentNoticeZh && commitmentNoticeEn && commitmentDepartment && commitmentDays && commitmentMethod
          ? {
              noticeZh: commitmentNoticeZh,
              noticeEn: commitmentNoticeEn,
              departmentCode: commitmentDepartment,
              workingDays: commitmentDays,
              method: commitmentMethod,
            }
          : null,
      // Only a form field has a field type, only a select has options, only a certificate a type.
      fieldType: m.source === "formField" ? m.fieldType : null,
      options: m.source === "formField" && m.fieldType === "select" ? (optionsText ?? []) : null,
      certificateType: m.source === "certificate" ? m.certificateType : null,
      conditionZh: m.required ? null : conditionZh || null,
      conditionEn: m.required ? null : conditionEn || null,
    }),
  )
  .superRefine((m, ctx) => {
    if (!hasLegalBasis(m.legalBasis)) ctx.addIssue({ code: "custom", path: ["legalBasis"], message: msg("catalog.errors.noLegalBasis") });
    for (const p of materialSourceProblems(m))
      ctx.addIssue({ code: "custom", path: [p.field === "options" ? "optionsText" : p.field], message: ruleMessage(p) });
    if (!m.required && !m.conditionZh) ctx.addIssue({ code: "custom", path: ["conditionZh"], message: msg("catalog.errors.conditionMissing") });
    if (!m.required && !m.conditionEn) ctx.addIssue({ code: "custom", path: ["conditionEn"], message: msg("catalog.errors.conditionMissing") });
    for (const p of commitmentProblems(m)) ctx.addIssue({ code: "custom", path: [p.field], message: msg(p.message) });
  });
export type SaveMaterialInput = z.input<typeof ZSaveMaterialInput>;

export const ZRemoveMaterialInput = z.object({ serviceCode: ZCatalogCode, key: ZStepKey });

/**
 * The data office creates a bundle (unpublished until it says so) with its steps. The steps'
 * graph is checked by the server, as the step editor's is (不得互为前置).
 */
export const ZCreateBundleInput = z.object({
  code: ZCatalogCode,
  nameZh: ZLine(200),
  nameEn: ZLine(200),
  descriptionZh: ZParagraph(4000),
  descriptionEn: ZParagraph(4000),
  leadDepartmentCode: ZDepartmentCode,
  applicantKinds: ZKinds,
  requiresCertificateType: ZOptionalCode,
  steps: z
    .array(z.object({ key: ZStepKey, serviceCode: ZCatalogCode, needs: z.array(ZStepKey).max(50).default([]) }))
    .min(1, msg("catalog.errors.noSteps"))
    .max(50),
});
export type CreateBundleInput = z.input<typeof ZCreateBundleInput>;

/** Publishes a bundle (its guide and applying open) or withdraws it. */
export const ZPublishBundleInput = z.object({ code: ZCatalogCode, published: z.boolean() });

/**
 * A bundle's steps, replacing the ones it has. Only the shape is checked here: whether the steps
 * form a DAG (不得互为前置) is the server's answer, with the cycle named.
 */
export const ZSetBundleStepsInput = z.object({
  bundleCode: ZCatalogCode,
  steps: z
    .array(z.object({ key: ZStepKey, serviceCode: ZCatalogCode, needs: z.array(ZStepKey).max(50) }))
    .min(1, msg("catalog.errors.noSteps"))
    .max(50),
});
export type SetBundleStepsInput = z.input<typeof ZSetBundleStepsInput>;

// ---------------------------------------------------------------- certificate types and their fields
// One shape for the province file and the data office's form. Whether an answer key is a form
// field of a service issuing the type is checked where the catalog is seen (the import, the use case).

/** A field key of a certificate (`businessScope`), like a material key. */
export const ZCertificateFieldKey = z
  .string()
  .trim()
  .min(1, msg("validation.required"))
  .max(64, msg("catalog.errors.fieldKey"))
  .regex(/^[A-Za-z][A-Za-z0-9]*$/, msg("catalog.errors.fieldKey"));

const ZLabel = z
  .string()
  .trim()
  .min(1, msg("validation.required"))
  .max(200, msg("validation.form.tooLong", { max: 200 }));
const ZUnit = z
  .string()
  .trim()
  .max(20, msg("validation.form.tooLong", { max: 20 }));

/** One declared field: its names, type (with unit or options), source, and whether it is shared. */
export const ZCertificateField = z
  .strictObject({
    key: ZCertificateFieldKey,
    nameZh: ZLabel,
    nameEn: ZLabel,
    type: z.enum(certificateFieldTypes, msg("catalog.errors.fieldType")),
    unitZh: ZUnit.optional(),
    unitEn: ZUnit.optional(),
    options: z
      .array(
        z.strictObject({
          value: z
            .string()
            .trim()
            .min(1, msg("validation.required"))
            .max(64, msg("validation.form.tooLong", { max: 64 })),
          labelZh: ZLabel,
          labelEn: ZLabel,
        }),
      )
      .max(50, msg("catalog.errors.tooManyOptions"))
      .optional(),
    source: z.union([
      z.strictObject({ answer: z.string().trim().min(1, msg("validation.required")).max(64, msg("catalog.errors.fieldKey")) }),
      z.strictObject({ registry: z.enum(certificateRegistryValues, msg("catalog.errors.registryValue")) }),
    ]),
    shared: z.boolean(),
    printed: z.boolean().optional(),
  })
  .superRefine((f, ctx) => {
    const options = f.options ?? [];
    if (f.type === "enum" && options.length === 0) ctx.addIssue({ code: "custom", path: ["options"], message: msg("catalog.errors.enumWithoutOptions") });
    if (f.type !== "enum" && options.length > 0) ctx.addIssue({ code: "custom", path: ["options"], message: msg("catalog.errors.optionsOnlyForEnum") });
    const seen = new Set<string>();
    options.forEach((o, i) => {
      if (seen.has(o.value))
        ctx.addIssue({ code: "custom", path: ["options", i, "value"], message: msg("catalog.errors.duplicateOption", { value: o.value }) });
      seen.add(o.value);
    });
    if (f.type !== "number" && (f.unitZh || f.unitEn)) ctx.addIssue({ code: "custom", path: ["unitZh"], message: msg("catalog.errors.unitOnlyForNumber") });
  });

/** A certificate type's fields: at least one, keys unique. */
export const ZCertificateFields = z
  .array(ZCertificateField)
  .min(1, msg("catalog.errors.noFields"))
  .max(60, msg("catalog.errors.tooManyFields"))
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: msg("catalog.errors.duplicateFieldKey", { key: f.key }) });
      seen.add(f.key);
    });
  });

/** The data office creates or edits a certificate type (`create`: a new code; otherwise the code exists). */
export const ZSaveCertificateTypeInput = z.object({
  create: z.boolean(),
  code: ZCatalogCode,
  nameZh: ZLabel,
  nameEn: ZLabel,
  issuerDepartmentCode: z.string().trim().min(1, msg("validation.required")).max(64),
  /** Years from issue; empty: no expiry. */
  validityYears: z
    .union([
      z.literal("").transform(() => null),
      z.coerce
        .number<string | number>()
        .int(msg("catalog.errors.validityYears"))
        .min(1, msg("catalog.errors.validityYears"))
        .max(100, msg("catalog.errors.validityYears")),
    ])
    .nullable(),
  fields: ZCertificateFields,
  /**
   * What the type proves about its holder (`entity` or `person`, one type each); empty: nothing in
   * particular. Left out: an existing type keeps its flag.
   */
  identifies: z
    .union([z.literal("").transform(() => null), z.enum(certificateIdentities, msg("validation.required"))])
    .nullable()
    .optional(),
});
export type SaveCertificateTypeInput = z.input<typeof ZSaveCertificateTypeInput>;

// ---------------------------------------------------------------- the catalog part of a province file
// Shapes only; the rules across entries (known departments, legal bases, time limits, acyclic
// steps) are checked where the whole file is seen (src/root/catalog-file.ts). Messages are plain
// English: a province file is read by the import command, not by a form.

/** Any text of a province file: a name, a condition, a field's label. */
const ZFileText = z.string().trim().min(1).max(2000);
const ZApplicantKinds = z
  .array(z.enum(["enterprise", "citizen"]))
  .min(1)
  .max(2);

/** A kind of certificate government issues; `issuer` is a department code of the file. */
export const ZFileCertificateType = z.strictObject({
  code: ZCatalogCode,
  nameZh: ZFileText,
  nameEn: ZFileText,
  issuer: ZFileText,
  fields: ZCertificateFields,
  validityYears: z.number().int().positive().nullable(),
  /** What the type proves about its holder: `entity` (the business licence), `person` (the ID card); one type each. */
  identifies: z.enum(certificateIdentities).nullable().default(null),
});

/** A piece of data or document, defined once by key; services ask for it with their own legal basis. */
export const ZFileMaterial = z.strictObject({
  key: ZStepKey,
  nameZh: ZFileText,
  nameEn: ZFileText,
  source: z.enum(["formField", "upload", "certificate"]),
  fieldType: z.enum(["text", "textarea", "number", "date", "select"]).optional(),
  options: z
    .array(z.strictObject({ value: ZFileText, labelZh: ZFileText, labelEn: ZFileText }))
    .max(200)
    .optional(),
  /** A number field's unit: its answers are shown with it ("120 平方米", "120 m²"). */
  unit: z.enum(answerUnits).optional(),
  certificateType: ZCatalogCode.optional(),
  sortOrder: z.number().int(),
});

/** A situation question's answer or question key: a code, like a material key. */
const ZSituationCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9-]*$/, "letters, digits and hyphens, starting with a letter");

/** 办理情形: a question the guide and the form ask first; its answers decide which materials apply. */
export const ZFileSituation = z
  .strictObject({
    key: ZSituationCode,
    nameZh: ZFileText,
    nameEn: ZFileText,
    options: z
      .array(z.strictObject({ value: ZSituationCode, labelZh: ZFileText, labelEn: ZFileText }))
      .min(2)
      .max(20),
  })
  .superRefine((q, ctx) => {
    const seen = new Set<string>();
    q.options.forEach((o, i) => {
      if (seen.has(o.value)) ctx.addIssue({ code: "custom", path: ["options", i, "value"], message: `answer "${o.value}" listed twice` });
      seen.add(o.value);
    });
  });

/** When a service asks a material: question key → the answers it applies to (all named questions hold). */
export const ZFileAppliesWhen = z
  .record(ZSituationCode, z.array(ZSituationCode).min(1).max(20))
  .refine((r) => Object.keys(r).length <= 10, "at most 10 questions");

/** 告知承诺 in the province file: the notice (zh, en) and who verifies, within how many working days, how. */
export const ZFileCommitment = z.strictObject({
  noticeZh: ZFileText,
  noticeEn: ZFileText,
  departmentCode: ZFileText,
  workingDays: z.number().int().min(1).max(maxCommitmentWorkingDays),
  method: z.enum(commitmentMethods),
});

/** A service (政务服务事项): its department, legal basis, limits, flags and materials. */
export const ZFileService = z.strictObject({
  code: ZCatalogCode,
  nameZh: ZFileText,
  nameEn: ZFileText,
  department: ZFileText,
  legalBasis: z.string().max(2000),
  conditionsZh: z.string(),
  conditionsEn: z.string(),
  statutoryDays: z.number().int(),
  promisedDays: z.number().int(),
  feeFen: z.number().int().min(0),
  /** 补正期限: working days to answer a one-time notice (default 10). */
  supplementDays: z.number().int().min(1).max(365).default(10),
  issues: ZCatalogCode.nullable(),
  applicantKinds: ZApplicantKinds,
  autoAcceptance: z.boolean(),
  deemedApprovalOnTimeout: z.boolean().default(false),
  registersEntity: z.boolean().default(false),
  /** 办理情形: asked first; a material's `appliesWhen` names these questions and their answers. */
  situations: z.array(ZFileSituation).max(20).default([]),
  /** Other competent departments (codes), to which a task may be transferred (转办). */
  otherDepartments: z.array(ZFileText).max(20).default([]),
  /** 管辖层级: routed to a city or county body of the department's function (see `ServiceCompetence`). */
  competence: ZServiceCompetence.optional(),
  materials: z
    .array(
      z.strictObject({
        key: ZStepKey,
        legalBasis: z.string().max(2000),
        conditionZh: ZFileText.optional(),
        conditionEn: ZFileText.optional(),
        appliesWhen: ZFileAppliesWhen.optional(),
        /** 告知承诺: a commitment may replace it, with the notice and the verification rule (department by code). */
        commitment: ZFileCommitment.optional(),
      }),
    )
    .max(200),
});

/** A bundle (一件事) with its steps; `needs` name step keys of the same bundle. */
export const ZFileBundle = z.strictObject({
  code: ZCatalogCode,
  nameZh: ZFileText,
  nameEn: ZFileText,
  descriptionZh: z.string(),
  descriptionEn: z.string(),
  lead: ZFileText,
  applicantKinds: ZApplicantKinds,
  requiresCertificateType: ZCatalogCode.nullable(),
  /** Ask each stage's materials when that stage opens (a construction project), not all at submission. */
  stagedMaterials: z.boolean().default(false),
  steps: z
    .array(z.strictObject({ key: ZStepKey, service: ZCatalogCode, needs: z.array(ZStepKey).max(100) }))
    .min(1)
    .max(100),
});

export type FileCertificateType = z.output<typeof ZFileCertificateType>;
export type FileMaterial = z.output<typeof ZFileMaterial>;
export type FileService = z.output<typeof ZFileService>;
export type FileBundle = z.output<typeof ZFileBundle>;
