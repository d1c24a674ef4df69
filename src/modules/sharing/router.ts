import { z } from "zod";
import { applicantProcedure, createTRPCRouter, dataOfficeProcedure, keeperProcedure, publicProcedure, rateLimited } from "@/server/trpc/init";
import { answerQuestion, askQuestion, countOpenQuestions, listDataLog, listQuestions } from "./data-log";
import { publicKeys, verifyCertificate } from "./gate";
import { decideGrant, listGrants, requestGrant } from "./grants";
import { ZAnswerQuestionInput, ZAskQuestionInput, ZCertificateNumber, ZDataLogInput, ZDecideGrantInput, ZRequestGrantInput, ZResourceRef, ZRevokeCertificateInput, ZUpdateResourceInput } from "./inputs";
import { listResources } from "./list-resources";
import { getMyCertificate, listMyCertificates } from "./my-certificates";
import { revokeCertificate } from "./revoke-certificate";
import { markResourceUpdated, updateResource } from "./update-resource";

export const sharingRouter = createTRPCRouter({
  // The public.
  verify: publicProcedure.use(rateLimited("verification")).input(z.object({ number: ZCertificateNumber })).query(({ ctx, input }) => verifyCertificate(ctx.db, input.number, ctx.actor ?? null)),
  publicKeys: publicProcedure.query(({ ctx }) => publicKeys(ctx.db)),
  // Holders.
  myCertificates: applicantProcedure.query(({ ctx }) => listMyCertificates(ctx.db, ctx.actor)),
  myCertificate: applicantProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getMyCertificate(ctx.db, ctx.actor, input.id)),
  dataLog: applicantProcedure.input(ZDataLogInput).query(({ ctx, input }) => listDataLog(ctx.db, ctx.actor, input)),
  askQuestion: applicantProcedure.input(ZAskQuestionInput).mutation(({ ctx, input }) => askQuestion(ctx.db, ctx.actor, input)),
  // The data office and providers.
  resources: keeperProcedure.query(({ ctx }) => listResources(ctx.db)),
  updateResource: dataOfficeProcedure.input(ZUpdateResourceInput).mutation(({ ctx, input }) => updateResource(ctx.db, ctx.actor, input)),
  markResourceUpdated: keeperProcedure.input(ZResourceRef).mutation(({ ctx, input }) => markResourceUpdated(ctx.db, ctx.actor, input)),
  grants: keeperProcedure.query(({ ctx }) => listGrants(ctx.db, ctx.actor)),
  requestGrant: dataOfficeProcedure.input(ZRequestGrantInput).mutation(({ ctx, input }) => requestGrant(ctx.db, ctx.actor, input)),
  decideGrant: keeperProcedure.input(ZDecideGrantInput).mutation(({ ctx, input }) => decideGrant(ctx.db, ctx.actor, input)),
  openQuestionCount: dataOfficeProcedure.query(({ ctx }) => countOpenQuestions(ctx.db)),
  questions: dataOfficeProcedure.input(z.object({ open: z.boolean().optional() }).default({})).query(({ ctx, input }) => listQuestions(ctx.db, input)),
  answerQuestion: dataOfficeProcedure.input(ZAnswerQuestionInput).mutation(({ ctx, input }) => answerQuestion(ctx.db, ctx.actor, input)),
  revokeCertificate: keeperProcedure.input(ZRevokeCertificateInput).mutation(({ ctx, input }) => revokeCertificate(ctx.db, ctx.actor, input)),
});
