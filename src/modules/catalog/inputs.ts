import { z } from "zod";
import { msg } from "@/lib/message";
import { answerUnits, certificateFieldTypes, certificateRegistryValues, yuanToFen } from "./model";

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
  materials: z
    .array(z.strictObject({ key: ZStepKey, legalBasis: z.string().max(2000), conditionZh: ZFileText.optional(), conditionEn: ZFileText.optional() }))
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
  steps: z
    .array(z.strictObject({ key: ZStepKey, service: ZCatalogCode, needs: z.array(ZStepKey).max(100) }))
    .min(1)
    .max(100),
});

export type FileCertificateType = z.output<typeof ZFileCertificateType>;
export type FileMaterial = z.output<typeof ZFileMaterial>;
export type FileService = z.output<typeof ZFileService>;
export type FileBundle = z.output<typeof ZFileBundle>;
