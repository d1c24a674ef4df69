import { applicantProcedure, createTRPCRouter, dataOfficeProcedure, reviewerProcedure } from "@/server/trpc/init";
import { answerRectification } from "./answer-rectification";
import { appealRectification } from "./appeal-rectification";
import { decideAppeal } from "./decide-appeal";
import { departmentRatingFigures } from "./department-figures";
import { ZAnswerRectificationInput, ZAppealRectificationInput, ZApplicationRef, ZDecideAppealInput, ZDepartmentPeriod, ZRateInput } from "./inputs";
import { caseRatings, departmentRatings, departmentRectifications, officeRectifications } from "./list-ratings";
import { rateApplication } from "./rate-application";

export const ratingsRouter = createTRPCRouter({
  /** The case page's ratings and rectification replies (the applicant). */
  forCase: applicantProcedure.input(ZApplicationRef).query(({ ctx, input }) => caseRatings(ctx.db, ctx.actor, input)),
  rate: applicantProcedure.input(ZRateInput).mutation(({ ctx, input }) => rateApplication(ctx.db, ctx.actor, input)),
  appeal: applicantProcedure.input(ZAppealRectificationInput).mutation(({ ctx, input }) => appealRectification(ctx.db, ctx.actor, input)),
  /** The reviewer's department: its items to answer, and its ratings without names. */
  departmentItems: reviewerProcedure.query(({ ctx }) => departmentRectifications(ctx.db, ctx.actor)),
  departmentRatings: reviewerProcedure.query(({ ctx }) => departmentRatings(ctx.db, ctx.actor)),
  answer: reviewerProcedure.input(ZAnswerRectificationInput).mutation(({ ctx, input }) => answerRectification(ctx.db, ctx.actor, input)),
  /** The data office: open, late and appealed items; the decision on an appeal; a department's figures. */
  office: dataOfficeProcedure.query(({ ctx }) => officeRectifications(ctx.db)),
  decideAppeal: dataOfficeProcedure.input(ZDecideAppealInput).mutation(({ ctx, input }) => decideAppeal(ctx.db, ctx.actor, input)),
  figures: dataOfficeProcedure.input(ZDepartmentPeriod).query(({ ctx, input }) => departmentRatingFigures(ctx.db, input)),
});
