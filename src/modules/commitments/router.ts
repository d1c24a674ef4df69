import { z } from "zod";
import { applicantProcedure, authedProcedure, createTRPCRouter, reviewerProcedure } from "@/server/trpc/init";
import { myCommitmentEligibility } from "./eligibility";
import { ZApplicationVerificationsInput, ZRecordVerificationInput } from "./inputs";
import { applicationVerifications, departmentVerifications } from "./list-verifications";
import { exclusionReasons, verificationStatuses } from "./model";
import { recordVerification } from "./record-verification";
import { ZVerificationList } from "./views";

export const commitmentsRouter = createTRPCRouter({
  /** May the applicant the actor files for commit instead of proof today (told before submitting)? */
  eligibility: applicantProcedure
    .output(z.object({ excluded: z.enum(exclusionReasons).nullable() }))
    .query(({ ctx }) => myCommitmentEligibility(ctx.db, ctx.actor)),
  /** The verifying department's tasks. */
  department: reviewerProcedure.output(ZVerificationList).query(({ ctx }) => departmentVerifications(ctx.db, ctx.actor)),
  /** An application's tasks, for its case page (the applicant, staff). */
  ofApplication: authedProcedure
    .input(ZApplicationVerificationsInput)
    .output(ZVerificationList)
    .query(({ ctx, input }) => applicationVerifications(ctx.db, ctx.actor, input.applicationId)),
  /** The department records a result: passed, or failed (revokes, records, notifies). */
  record: reviewerProcedure
    .input(ZRecordVerificationInput)
    .output(z.object({ id: z.string(), status: z.enum(verificationStatuses), revoked: z.array(z.string()), creditRecordId: z.string().nullable() }))
    .mutation(({ ctx, input }) => recordVerification(ctx.db, ctx.actor, input)),
});
