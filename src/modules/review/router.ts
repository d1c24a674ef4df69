import { z } from "zod";
import { createTRPCRouter, reviewerProcedure } from "@/server/trpc/init";
import { claimTask, releaseTask } from "./claim-task";
import { decideTask } from "./decide-task";
import { getTask } from "./get-task";
import { ZDecideTaskInput, ZQueueInput, ZTaskRef } from "./inputs";
import { departmentCounts } from "./dashboard";
import { listDepartmentQueue } from "./list-queue";

export const reviewRouter = createTRPCRouter({
  dashboard: reviewerProcedure.query(({ ctx }) => departmentCounts(ctx.db, ctx.actor)),
  queue: reviewerProcedure.input(ZQueueInput).query(({ ctx, input }) => listDepartmentQueue(ctx.db, ctx.actor, input)),
  task: reviewerProcedure.input(z.object({ taskId: z.uuid() })).query(({ ctx, input }) => getTask(ctx.db, ctx.actor, input.taskId)),
  claim: reviewerProcedure.input(ZTaskRef).mutation(({ ctx, input }) => claimTask(ctx.db, ctx.actor, input)),
  release: reviewerProcedure.input(ZTaskRef).mutation(({ ctx, input }) => releaseTask(ctx.db, ctx.actor, input)),
  decide: reviewerProcedure.input(ZDecideTaskInput).mutation(({ ctx, input }) => decideTask(ctx.db, ctx.actor, input)),
});
