import { z } from "zod";
import { msg } from "@/lib/message";
import { ZTaskRef } from "./inputs";
import { countersignOpinions, maxSubstituteDays } from "./model";

// The inputs of a department's operations on its tasks (client-safe, shared by server and forms).

/** Why an operation is done: every reassignment, transfer, return and countersign says why (4 to 500 characters). */
export const ZOperationReason = z.string().trim().min(4, msg("review.ops.validation.reason")).max(500, msg("review.ops.validation.reason"));

/** The head gives a task of the department to another of its active reviewers. */
export const ZReassignTaskInput = ZTaskRef.extend({ assigneeId: z.uuid(msg("review.ops.validation.assignee")), reason: ZOperationReason });
export type ReassignTaskInput = z.input<typeof ZReassignTaskInput>;

/** A task transferred (转办) to the department competent for its service. */
export const ZTransferTaskInput = ZTaskRef.extend({ departmentId: z.uuid(msg("review.ops.validation.department")), reason: ZOperationReason });
export type TransferTaskInput = z.input<typeof ZTransferTaskInput>;

/** A case sent back to the window (退回窗口) from one of the department's tasks, because it should not have been accepted as it was. */
export const ZReturnToWindowInput = ZTaskRef.extend({ reason: ZOperationReason });
export type ReturnToWindowInput = z.input<typeof ZReturnToWindowInput>;

/** The reviewer holding a task asks a colleague of the department to countersign (加签). */
export const ZRequestCountersignInput = ZTaskRef.extend({ countersignerId: z.uuid(msg("review.ops.validation.countersigner")), reason: ZOperationReason });
export type RequestCountersignInput = z.input<typeof ZRequestCountersignInput>;

/** The countersigner's opinion: agree or disagree, with text. */
export const ZAnswerCountersignInput = z.object({
  countersignId: z.uuid(),
  opinion: z.enum(countersignOpinions, msg("review.ops.validation.opinion")),
  text: z.string().trim().min(2, msg("review.ops.validation.opinionText")).max(1000, msg("review.ops.validation.opinionText")),
});
export type AnswerCountersignInput = z.input<typeof ZAnswerCountersignInput>;

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg("validation.form.date"));
const MS_PER_DAY = 86_400_000;

/** The head names a substitute (代岗) for an absent reviewer of the department, from one day to another (both included). */
export const ZAppointSubstituteInput = z
  .object({
    absentUserId: z.uuid(msg("review.ops.validation.absent")),
    substituteUserId: z.uuid(msg("review.ops.validation.substitute")),
    startsOn: ZDay,
    endsOn: ZDay,
    reason: ZOperationReason,
  })
  .superRefine((v, ctx) => {
    if (v.absentUserId === v.substituteUserId) ctx.addIssue({ code: "custom", path: ["substituteUserId"], message: msg("review.ops.errors.substituteSelf") });
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: msg("review.ops.validation.substituteDates") });
    else if ((Date.parse(v.endsOn) - Date.parse(v.startsOn)) / MS_PER_DAY >= maxSubstituteDays)
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: msg("review.ops.validation.substituteTooLong", { max: maxSubstituteDays }) });
  });
export type AppointSubstituteInput = z.input<typeof ZAppointSubstituteInput>;
