import { z } from "zod";
import { msg } from "@/lib/message";
import { hasForbiddenCharacter } from "@/lib/text";
import { normalizeCreditCode, validateCreditCode } from "../identity/credit-code";
import { normalizeIdNumber, validateIdNumber } from "../identity/id-number";
import { departmentRecordedKinds, objectionEvents, penaltySeverities, repairEvents } from "./model";

/** An empty choice of a form (a select left on its placeholder) is no choice. */
const chosen = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema);
/** An empty text of a form is absent. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** A text of bounded length, without control characters (one line unless `multiLine`). */
const text = (min: number, max: number, message: string, multiLine = false) =>
  z
    .string()
    .trim()
    .min(min, message)
    .max(max, message)
    .refine((v) => !hasForbiddenCharacter(v, { singleLine: !multiLine }), msg("errors.controlCharacter"));

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg("credit.errors.date"))
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), msg("credit.errors.date"));

/** A credit code or a resident ID number, whichever it is, fully checked. */
export const ZSubjectCode = z
  .string()
  .trim()
  .max(40, msg("credit.errors.subjectCode"))
  .transform((v) => v.toUpperCase())
  .refine((v) => validateCreditCode(normalizeCreditCode(v)).valid || validateIdNumber(normalizeIdNumber(v)).valid, msg("credit.errors.subjectCode"));

/** A unified social credit code (the public pages and the open JSON are by credit code only). */
export const ZCreditCodeRef = z.object({
  code: z
    .string()
    .trim()
    .max(40, msg("credit.errors.creditCode"))
    .transform((c) => c.toUpperCase())
    .refine((c) => validateCreditCode(c).valid, msg("credit.errors.creditCode")),
});

const correction = {
  title: text(2, 100, msg("credit.errors.title")),
  content: text(4, 2000, msg("credit.errors.content"), true),
  legalBasis: text(4, 500, msg("credit.errors.legalBasis")),
  documentNumber: optional(text(1, 80, msg("credit.errors.documentNumber"))),
  severity: chosen(z.enum(penaltySeverities, { error: msg("credit.errors.severity") }).optional()),
  decidedOn: day,
  validUntil: optional(day),
};

/**
 * A department records a penalty, an honour or a dishonesty-list entry: whose (a credit code or ID
 * number of someone the portal knows), what, on which legal basis (required), when and until when.
 */
export const ZRecordCreditInput = z
  .object({ kind: chosen(z.enum(departmentRecordedKinds, { error: msg("credit.errors.kind") })), subjectCode: ZSubjectCode, ...correction })
  .refine((v) => v.kind !== "administrativePenalty" || v.severity !== undefined, { message: msg("credit.errors.severity"), path: ["severity"] })
  .refine((v) => v.kind !== "dishonestyList" || v.validUntil !== undefined, { message: msg("credit.errors.listUntil"), path: ["validUntil"] })
  .refine((v) => !v.validUntil || v.validUntil >= v.decidedOn, { message: msg("credit.errors.range"), path: ["validUntil"] });
export type RecordCreditFormInput = z.input<typeof ZRecordCreditInput>;

const recordRef = { recordId: z.uuid() };

/** The subject objects to a record of theirs (异议), saying what is wrong. */
export const ZFileObjectionInput = z.object({ ...recordRef, reason: text(4, 1000, msg("credit.errors.reason"), true) });
export type FileObjectionInput = z.input<typeof ZFileObjectionInput>;

/**
 * The source department answers an objection: `correct` (the record's corrected particulars, a new
 * version) or `uphold` (the record stands), with its reason either way.
 */
export const ZAnswerObjectionInput = z
  .object({
    objectionId: z.uuid(),
    version: z.number().int().positive(),
    outcome: chosen(z.enum(objectionEvents, { error: msg("credit.errors.outcome") })),
    answer: text(4, 1000, msg("credit.errors.answer"), true),
    correction: z
      .object({
        title: optional(correction.title),
        content: optional(correction.content),
        legalBasis: optional(correction.legalBasis),
        documentNumber: correction.documentNumber,
        severity: correction.severity,
        decidedOn: optional(day),
        validUntil: correction.validUntil,
      })
      .optional(),
  })
  .refine((v) => v.outcome !== "correct" || (v.correction !== undefined && Object.values(v.correction).some((x) => x !== undefined)), {
    message: msg("credit.errors.correction"),
    path: ["correction"],
  });
export type AnswerObjectionInput = z.input<typeof ZAnswerObjectionInput>;

/** The subject applies for credit repair, saying how the behaviour was corrected. */
export const ZApplyRepairInput = z.object({ ...recordRef, reason: text(4, 1000, msg("credit.errors.reason"), true) });
export type ApplyRepairInput = z.input<typeof ZApplyRepairInput>;

/** The source department grants or refuses a repair, with its reason. */
export const ZDecideRepairInput = z.object({
  repairId: z.uuid(),
  version: z.number().int().positive(),
  decision: chosen(z.enum(repairEvents, { error: msg("credit.errors.decision") })),
  reason: text(4, 1000, msg("credit.errors.answer"), true),
});
export type DecideRepairInput = z.input<typeof ZDecideRepairInput>;

/** Staff read a holder's whole credit profile for an application their department works on. */
export const ZStaffProfileInput = z.object({ holderCode: ZSubjectCode, applicationId: z.uuid() });
