import { z } from "zod";
import { msg } from "@/lib/message";
import { appealDecisions, maxRatingCommentLength, ratingLevels, ratingTags, rectificationClassifications } from "./model";

/** An empty choice of a form (a select left on its placeholder) is no choice. */
const chosen = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema);

/** A required text of bounded length; `message` is the one message for both bounds. */
const text = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max, message);

/** The applicant rates the application as a whole (`departmentId` absent) or one department that decided a task. */
export const ZRateInput = z.object({
  applicationId: z.uuid(),
  departmentId: chosen(z.uuid().optional()),
  level: chosen(z.enum(ratingLevels, { error: msg("ratings.errors.level") })),
  tags: z
    .array(z.enum(ratingTags, { error: msg("ratings.errors.tag") }))
    .max(ratingTags.length, msg("ratings.errors.tag"))
    .refine((tags) => new Set(tags).size === tags.length, msg("ratings.errors.tag"))
    .default([]),
  comment: z
    .string()
    .trim()
    .max(maxRatingCommentLength, msg("ratings.errors.comment", { max: maxRatingCommentLength }))
    .default(""),
});
export type RateInput = z.input<typeof ZRateInput>;

export const ZApplicationRef = z.object({ applicationId: z.uuid() });

const itemRef = { itemId: z.uuid(), version: z.number().int().positive() };

/** The department's answer: a classification with its reason (both required), the reply, what it changed. */
export const ZAnswerRectificationInput = z.object({
  ...itemRef,
  classification: chosen(z.enum(rectificationClassifications, { error: msg("ratings.errors.classification") })),
  classificationReason: text(4, 500, msg("ratings.errors.classificationReason")),
  reply: text(4, 1000, msg("ratings.errors.reply")),
  changes: z.string().trim().max(1000, msg("ratings.errors.changes")).default(""),
});
export type AnswerRectificationInput = z.input<typeof ZAnswerRectificationInput>;

/** The applicant's one appeal against the department's answer. */
export const ZAppealRectificationInput = z.object({ ...itemRef, reason: text(4, 500, msg("ratings.errors.appealReason")) });
export type AppealRectificationInput = z.input<typeof ZAppealRectificationInput>;

/** The data office's decision on an appeal, with its reason. */
export const ZDecideAppealInput = z.object({
  ...itemRef,
  decision: chosen(z.enum(appealDecisions, { error: msg("ratings.errors.decision") })),
  reason: text(4, 500, msg("ratings.errors.decisionReason")),
});
export type DecideAppealInput = z.input<typeof ZDecideAppealInput>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg("ratings.errors.date"));

/** A department's figures for a period (both days included, China dates). */
export const ZDepartmentPeriod = z
  .object({ departmentId: z.uuid(), from: day, to: day })
  .refine((v) => v.from <= v.to, { message: msg("ratings.errors.range"), path: ["to"] });
