import { createTRPCRouter, holderProcedure, publicProcedure, reviewerProcedure, staffProcedure } from "@/server/trpc/init";
import { answerObjection } from "./answer-objection";
import { applyForRepair } from "./apply-repair";
import { decideRepair } from "./decide-repair";
import { departmentCredit } from "./department-credit";
import { fileObjection } from "./file-objection";
import {
  ZAnswerObjectionInput,
  ZApplyRepairInput,
  ZCreditCodeRef,
  ZDecideRepairInput,
  ZFileObjectionInput,
  ZRecordCreditInput,
  ZStaffProfileInput,
} from "./inputs";
import { myCreditProfile, publicCreditProfile, staffCreditProfile } from "./profile";
import { recordByDepartment } from "./record-credit";

export const creditRouter = createTRPCRouter({
  /** The subject's whole profile (every version, published or not), objections and repairs. */
  mine: holderProcedure.query(({ ctx }) => myCreditProfile(ctx.db, ctx.actor)),
  object: holderProcedure.input(ZFileObjectionInput).mutation(({ ctx, input }) => fileObjection(ctx.db, ctx.actor, input)),
  applyRepair: holderProcedure.input(ZApplyRepairInput).mutation(({ ctx, input }) => applyForRepair(ctx.db, ctx.actor, input)),
  /** The source department: its objections and repairs to answer, what it recorded; recording and answering. */
  department: reviewerProcedure.query(({ ctx }) => departmentCredit(ctx.db, ctx.actor)),
  record: reviewerProcedure.input(ZRecordCreditInput).mutation(({ ctx, input }) => recordByDepartment(ctx.db, ctx.actor, input)),
  answerObjection: reviewerProcedure.input(ZAnswerObjectionInput).mutation(({ ctx, input }) => answerObjection(ctx.db, ctx.actor, input)),
  decideRepair: reviewerProcedure.input(ZDecideRepairInput).mutation(({ ctx, input }) => decideRepair(ctx.db, ctx.actor, input)),
  /** Staff read a holder's whole profile through the gate (purpose, grant, data log). */
  staffProfile: staffProcedure.input(ZStaffProfileInput).query(({ ctx, input }) => staffCreditProfile(ctx.db, ctx.actor, input)),
  /** The public part of an enterprise's profile. */
  public: publicProcedure.input(ZCreditCodeRef).query(({ ctx, input }) => publicCreditProfile(ctx.db, input.code)),
});
