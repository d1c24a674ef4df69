import { createTRPCRouter, dataOfficeProcedure, publicProcedure, reviewerProcedure } from "@/server/trpc/init";
import { createPlan } from "./create-plan";
import { drawPlan } from "./draw-plan";
import { ZCreatePlanInput, ZDrawPlanInput, ZPlanRef, ZRecordResultInput } from "./inputs";
import { recordResult } from "./record-result";
import { listPlans, myAssignments, planDetail, planningOptions } from "./views";

export const inspectionsRouter = createTRPCRouter({
  /** Every plan with its seed, weights, candidate count and status. */
  list: publicProcedure.query(({ ctx }) => listPlans(ctx.db)),
  /** One plan in full: candidates with keys, drawn entities and inspectors, results. */
  plan: publicProcedure.input(ZPlanRef).query(({ ctx, input }) => planDetail(ctx.db, input.planId)),
  /** The data office: the departments and services a plan may name. */
  options: dataOfficeProcedure.query(({ ctx }) => planningOptions(ctx.db)),
  create: dataOfficeProcedure.input(ZCreatePlanInput).mutation(({ ctx, input }) => createPlan(ctx.db, ctx.actor, input)),
  draw: dataOfficeProcedure.input(ZDrawPlanInput).mutation(({ ctx, input }) => drawPlan(ctx.db, ctx.actor, input)),
  /** A reviewer's assignments as a drawn inspector, and recording a result. */
  mine: reviewerProcedure.query(({ ctx }) => myAssignments(ctx.db, ctx.actor)),
  recordResult: reviewerProcedure.input(ZRecordResultInput).mutation(({ ctx, input }) => recordResult(ctx.db, ctx.actor, input)),
});
