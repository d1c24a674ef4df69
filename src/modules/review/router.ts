import { z } from "zod";
import { createTRPCRouter, dataOfficeProcedure, reviewerProcedure } from "@/server/trpc/init";
import { claimTask, releaseTask } from "./claim-task";
import { clockRouter } from "./clock-router";
import { decideTask } from "./decide-task";
import { getTask } from "./get-task";
import { ZDecideTaskInput, ZDepartmentRef, ZOpinionTemplateRef, ZQueueInput, ZSaveOpinionTemplateInput, ZTaskRef } from "./inputs";
import { deleteOpinionTemplate, listOpinionTemplates, saveOpinionTemplate } from "./opinion-templates";
import { departmentCounts } from "./dashboard";
import { listDepartmentQueue } from "./list-queue";
import { nextTask } from "./next-task";
import { listDepartmentReviewers } from "./head";
import { listTransferTargets } from "./list-transfer-targets";
import { answerCountersign } from "./answer-countersign";
import { listCountersigns } from "./countersigns";
import { appointSubstitute } from "./appoint-substitute";
import {
  ZAnswerCountersignInput,
  ZAppointSubstituteInput,
  ZReassignTaskInput,
  ZRequestCountersignInput,
  ZReturnToWindowInput,
  ZTransferTaskInput,
} from "./ops-inputs";
import { listSubstitutes } from "./substitutes";
import { requestCountersign } from "./request-countersign";
import { returnToWindow } from "./return-to-window";
import { reassignTask } from "./reassign-task";
import { transferTask } from "./transfer-task";

export const reviewRouter = createTRPCRouter({
  dashboard: reviewerProcedure.query(({ ctx }) => departmentCounts(ctx.db, ctx.actor)),
  queue: reviewerProcedure.input(ZQueueInput).query(({ ctx, input }) => listDepartmentQueue(ctx.db, ctx.actor, input)),
  next: reviewerProcedure
    .input(z.object({ after: z.uuid().optional() }))
    .output(z.object({ taskId: z.string() }).nullable())
    .query(({ ctx, input }) => nextTask(ctx.db, ctx.actor, input.after)),
  task: reviewerProcedure.input(z.object({ taskId: z.uuid() })).query(({ ctx, input }) => getTask(ctx.db, ctx.actor, input.taskId)),
  claim: reviewerProcedure.input(ZTaskRef).mutation(({ ctx, input }) => claimTask(ctx.db, ctx.actor, input)),
  release: reviewerProcedure.input(ZTaskRef).mutation(({ ctx, input }) => releaseTask(ctx.db, ctx.actor, input)),
  decide: reviewerProcedure.input(ZDecideTaskInput).mutation(({ ctx, input }) => decideTask(ctx.db, ctx.actor, input)),
  templates: reviewerProcedure.query(({ ctx }) => listOpinionTemplates(ctx.db, ctx.actor, ctx.actor.departmentId)),
  departmentTemplates: dataOfficeProcedure.input(ZDepartmentRef).query(({ ctx, input }) => listOpinionTemplates(ctx.db, ctx.actor, input.departmentId)),
  saveTemplate: dataOfficeProcedure.input(ZSaveOpinionTemplateInput).mutation(({ ctx, input }) => saveOpinionTemplate(ctx.db, ctx.actor, input)),
  clocks: clockRouter,
  deleteTemplate: dataOfficeProcedure.input(ZOpinionTemplateRef).mutation(({ ctx, input }) => deleteOpinionTemplate(ctx.db, ctx.actor, input.id)),
  // A department's operations (issue 11 item 6): reassignment, transfer, return, countersign, substitutes.
  departmentReviewers: reviewerProcedure.query(({ ctx }) => listDepartmentReviewers(ctx.db, ctx.actor)),
  reassign: reviewerProcedure.input(ZReassignTaskInput).mutation(({ ctx, input }) => reassignTask(ctx.db, ctx.actor, input)),
  transferTargets: reviewerProcedure.input(z.object({ taskId: z.uuid() })).query(({ ctx, input }) => listTransferTargets(ctx.db, ctx.actor, input.taskId)),
  transfer: reviewerProcedure.input(ZTransferTaskInput).mutation(({ ctx, input }) => transferTask(ctx.db, ctx.actor, input)),
  returnToWindow: reviewerProcedure.input(ZReturnToWindowInput).mutation(({ ctx, input }) => returnToWindow(ctx.db, ctx.actor, input)),
  countersigns: reviewerProcedure.input(z.object({ taskId: z.uuid() })).query(({ ctx, input }) => listCountersigns(ctx.db, ctx.actor, input.taskId)),
  requestCountersign: reviewerProcedure.input(ZRequestCountersignInput).mutation(({ ctx, input }) => requestCountersign(ctx.db, ctx.actor, input)),
  answerCountersign: reviewerProcedure.input(ZAnswerCountersignInput).mutation(({ ctx, input }) => answerCountersign(ctx.db, ctx.actor, input)),
  substitutes: reviewerProcedure.query(({ ctx }) => listSubstitutes(ctx.db, ctx.actor)),
  appointSubstitute: reviewerProcedure.input(ZAppointSubstituteInput).mutation(({ ctx, input }) => appointSubstitute(ctx.db, ctx.actor, input)),
});
