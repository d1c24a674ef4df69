import { z } from "zod";
import { msg } from "@/lib/message";
import { ZTaskRef } from "./inputs";

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
