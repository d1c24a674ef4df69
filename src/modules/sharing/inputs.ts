import { z } from "zod";
import { msg } from "@/lib/message";
import { ZIdNumberField, ZPersonName } from "../identity/inputs";
import { importableGrantStatuses, openTypes, shareTypes, updateFrequencies } from "./model";

// Client-safe input schemas of the shared data layer; messages are message keys.

export const ZCertificateNumber = z
  .string()
  .trim()
  .regex(/^\d{17}$/, msg("sharing.validation.certificateNumber"));

const ZReason = z.string().trim().min(4, msg("sharing.validation.reasonShort")).max(500, msg("sharing.validation.reasonLong"));

export const ZRevokeCertificateInput = z.object({ number: ZCertificateNumber, reason: ZReason });

export const ZUpdateResourceInput = z.object({
  code: z.string().trim().min(1).max(80),
  shareType: z.enum(shareTypes, msg("validation.required")),
  openType: z.enum(openTypes, msg("validation.required")),
  updateFrequency: z.enum(updateFrequencies, msg("validation.required")),
  legalBasis: z.string().trim().min(4, msg("sharing.validation.legalBasis")).max(500, msg("sharing.validation.reasonLong")),
});

export const ZResourceRef = z.object({ code: z.string().trim().min(1).max(80) });

/** Rotate a department's signing key (the data office). */
export const ZRotateKeyInput = z.object({ departmentCode: z.string().trim().min(1).max(80) });

export const ZRequestGrantInput = z.object({
  resourceCode: z.string().trim().min(1, msg("validation.required")).max(80),
  consumerDepartmentCode: z.string().trim().min(1, msg("validation.required")).max(40),
  serviceCodes: z.array(z.string().trim().min(1).max(64)).min(1, msg("sharing.validation.services")).max(50),
  purpose: z.string().trim().min(4, msg("sharing.validation.purpose")).max(500, msg("sharing.validation.reasonLong")),
});

export const ZDecideGrantInput = z.object({
  grantId: z.uuid(),
  version: z.number().int().min(1),
  decision: z.enum(["approve", "reject", "revoke"]),
  reason: z.string().trim().max(500, msg("sharing.validation.reasonLong")).optional(),
});

export const ZDataLogInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  /** Include the holder's own reads (pre-fill, own case pages); off by default. */
  includeOwn: z.boolean().default(false),
});

export const ZAskQuestionInput = z.object({
  logId: z.uuid(),
  question: z.string().trim().min(4, msg("sharing.validation.questionShort")).max(1000, msg("sharing.validation.questionLong")),
});

export const ZAnswerQuestionInput = z.object({
  questionId: z.uuid(),
  answer: z.string().trim().min(4, msg("sharing.validation.answerShort")).max(2000, msg("sharing.validation.questionLong")),
});

/** Public security records a person in the population register. */
export const ZAddPersonInput = z.object({
  idNumber: ZIdNumberField,
  name: ZPersonName,
  sex: z.enum(["male", "female"], msg("validation.required")),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg("validation.form.date")),
  householdDivisionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, msg("sharing.population.validation.division")),
});
export type AddPersonInput = z.input<typeof ZAddPersonInput>;

export const ZPopulationListInput = z.object({ query: z.string().trim().max(40).optional(), page: z.coerce.number().int().min(1).max(1000).default(1) });

// ---------------------------------------------------------------- the data-sharing part of a province file
// Shapes only; providers, consumers, certificate types and services are checked across the whole
// file (src/root/catalog-file.ts).

/** A data resource of the sharing catalog (政务数据资源目录). */
export const ZFileDataResource = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9.-]*$/, "letters, digits, dots and hyphens, starting with a letter")
    .max(80),
  nameZh: z.string().trim().min(1).max(2000),
  nameEn: z.string().trim().min(1).max(2000),
  provider: z.string().trim().min(1).max(2000),
  /** The fields of a resource that is not a certificate type (a certificate resource's are its type's shared fields). */
  fields: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  shareType: z.enum(shareTypes),
  openType: z.enum(openTypes),
  updateFrequency: z.enum(updateFrequencies),
  legalBasis: z.string(),
  certificateType: z.string().trim().min(1).nullable(),
  /** When a new resource was last updated, in days before the import (demo data); default 0. */
  lastUpdatedDaysAgo: z.number().int().min(0).default(0),
});

/** A grant: the consumer department may read the resource for the named services. */
export const ZFileGrant = z.strictObject({
  resource: z.string().trim().min(1).max(2000),
  consumer: z.string().trim().min(1).max(2000),
  services: z.array(z.string().trim().min(1).max(200)).min(1).max(2000),
  purpose: z.string().trim().min(1).max(2000),
  /** `approved`: in force from the import; `requested`: left for the provider to decide. */
  status: z.enum(importableGrantStatuses),
});

export type FileDataResource = z.output<typeof ZFileDataResource>;
export type FileGrant = z.output<typeof ZFileGrant>;

/** An objection to a field of a shared certificate (数据异议). */
export const ZFileDataObjectionInput = z.object({
  number: ZCertificateNumber,
  fieldKey: z
    .string()
    .trim()
    .min(1, msg("validation.required"))
    .max(64)
    .regex(/^[A-Za-z][A-Za-z0-9]*$/, msg("sharing.objections.errors.fieldUnknown")),
  claim: z.string().trim().min(4, msg("sharing.validation.reasonShort")).max(1000, msg("sharing.validation.questionLong")),
  proposedValue: z.string().trim().max(500, msg("sharing.validation.reasonLong")).optional(),
});

/** The issuing department corrects the field (with the right value) or answers why it stands. */
export const ZDecideDataObjectionInput = z.discriminatedUnion("decision", [
  z.object({
    objectionId: z.uuid(),
    version: z.number().int().min(1),
    decision: z.literal("correct"),
    value: z.string().trim().min(1, msg("validation.required")).max(500, msg("sharing.validation.reasonLong")),
    answer: ZReason,
  }),
  z.object({ objectionId: z.uuid(), version: z.number().int().min(1), decision: z.literal("answer"), answer: ZReason }),
]);

/** The holder withdraws one consent (撤回授权). */
export const ZWithdrawConsentInput = z.object({ consentId: z.uuid() });
