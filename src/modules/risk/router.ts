import { createTRPCRouter, dataOfficeProcedure, staffProcedure } from "@/server/trpc/init";
import { ZStaffRiskInput } from "./inputs";
import { recomputeRisk } from "./recompute-risk";
import { riskOverview, staffApplicantRisk } from "./read-risk";

export const riskRouter = createTRPCRouter({
  /** The data office: ranked signals with their evidence, and the month's classes with their factors. */
  overview: dataOfficeProcedure.query(({ ctx }) => riskOverview(ctx.db, ctx.actor)),
  /** The data office's "recompute now": signals, then this month's classes. */
  recompute: dataOfficeProcedure.mutation(({ ctx }) => recomputeRisk(ctx.db, ctx.actor)),
  /** Staff read an applicant's class and signals through the gate (purpose, grant, data log). */
  applicant: staffProcedure.input(ZStaffRiskInput).query(({ ctx, input }) => staffApplicantRisk(ctx.db, ctx.actor, input)),
});
