import { z } from "zod";
import { msg } from "@/lib/message";
import { ZNoticeItemInput, ZRefusalConfirmation } from "../applications/inputs";
import { opinionTemplateOutcomes } from "./model";

export const ZTaskRef = z.object({ taskId: z.uuid(), version: z.number().int().positive() });

export const ZDecideTaskInput = z.discriminatedUnion("outcome", [
  ZTaskRef.extend({ outcome: z.literal("approved"), reason: z.string().trim().max(1000).optional() }),
  ZTaskRef.extend({
    outcome: z.literal("denied"),
    reason: z.string().trim().min(4, msg("validation.reason")).max(1000, msg("validation.reason")),
    /** A denial cancels every other open step of the case: confirmed, having been shown which. */
    confirmed: ZRefusalConfirmation,
  }),
  ZTaskRef.extend({ outcome: z.literal("supplementRequested"), items: z.array(ZNoticeItemInput).min(1, msg("validation.noticeItems")).max(100) }),
]);
export type DecideTaskInput = z.input<typeof ZDecideTaskInput>;

/**
 * The dashboard's counters, each also a filter of the queue: 待认领, 审查中, 今日到期, 即将超期
 * (due within the next 2 working days), 已超期, and the reviewer's own tasks.
 */
export const queueBuckets = ["unclaimed", "inReview", "dueToday", "dueSoon", "overdue", "mine"] as const;
export type QueueBucket = (typeof queueBuckets)[number];

/** A search of the department's tasks: a tracking number, an applicant's name or their code (credit code or ID number). */
export const ZQueueSearch = z.string().trim().max(64, msg("review.validation.search"));

export const ZQueueInput = z.object({
  status: z.enum(["pending", "open", "claimed", "waiting", "decided", "all"]).default("pending"),
  overdueOnly: z.boolean().default(false),
  bucket: z.enum(queueBuckets).optional(),
  q: ZQueueSearch.optional(),
  page: z.number().int().min(1).max(10_000).default(1),
});

/** Keep an opinion template of a department: add one, or change one by its id. */
export const ZSaveOpinionTemplateInput = z.object({
  id: z.uuid().optional(),
  departmentId: z.uuid(),
  outcome: z.enum(opinionTemplateOutcomes),
  title: z.string().trim().min(2, msg("review.validation.templateTitle")).max(60, msg("review.validation.templateTitle")),
  body: z.string().trim().min(4, msg("review.validation.templateBody")).max(1000, msg("review.validation.templateBody")),
});
export type SaveOpinionTemplateInput = z.input<typeof ZSaveOpinionTemplateInput>;

export const ZOpinionTemplateRef = z.object({ id: z.uuid() });
export const ZDepartmentRef = z.object({ departmentId: z.uuid() });
