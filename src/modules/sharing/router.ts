import { z } from "zod";
import { createTRPCRouter, holderProcedure, dataOfficeProcedure, keeperProcedure, publicProcedure, rateLimited, reviewerProcedure } from "@/server/trpc/init";
import { answerQuestion, askQuestion, countOpenQuestions, listDataLog, listPublicVerifications, listQuestions } from "./data-log";
import { publicKeys, verifyCertificate } from "./gate";
import { decideDataObjection } from "./decide-data-objection";
import { fileDataObjection } from "./file-data-objection";
import { decideGrant, listGrants, requestGrant } from "./grants";
import { listDataObjections } from "./list-data-objections";
import { listMyConsents } from "./list-consents";
import { withdrawConsent } from "./withdraw-consent";
import {
  ZAddPersonInput,
  ZAnswerQuestionInput,
  ZAskQuestionInput,
  ZCertificateNumber,
  ZDataLogInput,
  ZDecideDataObjectionInput,
  ZDecideGrantInput,
  ZFileDataObjectionInput,
  ZPopulationListInput,
  ZRequestGrantInput,
  ZResourceRef,
  ZRevokeCertificateInput,
  ZRotateKeyInput,
  ZUpdateResourceInput,
  ZWithdrawConsentInput,
} from "./inputs";
import { listResources } from "./list-resources";
import { getMyCertificate, listMyCertificates } from "./my-certificates";
import { addPopulationRecord, keepsPopulationRegister, listPopulationRecords } from "./population";
import { rotateKeyOfDepartment } from "./registry";
import { revokeCertificate } from "./revoke-certificate";
import { markResourceUpdated, updateResource } from "./update-resource";

export const sharingRouter = createTRPCRouter({
  // The public.
  verify: publicProcedure
    .use(rateLimited("verification"))
    .input(z.object({ number: ZCertificateNumber }))
    .query(({ ctx, input }) => verifyCertificate(ctx.db, input.number, ctx.actor ?? null)),
  publicKeys: publicProcedure.query(({ ctx }) => publicKeys(ctx.db)),
  // Holders.
  myCertificates: holderProcedure.query(({ ctx }) => listMyCertificates(ctx.db, ctx.actor)),
  myCertificate: holderProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) => getMyCertificate(ctx.db, ctx.actor, input.id)),
  dataLog: holderProcedure.input(ZDataLogInput).query(({ ctx, input }) => listDataLog(ctx.db, ctx.actor, input)),
  askQuestion: holderProcedure.input(ZAskQuestionInput).mutation(({ ctx, input }) => askQuestion(ctx.db, ctx.actor, input)),
  publicVerifications: holderProcedure.query(({ ctx }) => listPublicVerifications(ctx.db, ctx.actor)),
  // Consents per certificate and application (我的授权); those resting on consent can be withdrawn.
  myConsents: holderProcedure.query(({ ctx }) => listMyConsents(ctx.db, ctx.actor)),
  withdrawConsent: holderProcedure.input(ZWithdrawConsentInput).mutation(({ ctx, input }) => withdrawConsent(ctx.db, ctx.actor, input)),
  // Objections to wrong shared data (数据异议): the holder, or a using department's reviewer; the issuing department decides.
  fileObjection: holderProcedure.input(ZFileDataObjectionInput).mutation(({ ctx, input }) => fileDataObjection(ctx.db, ctx.actor, input)),
  myObjections: holderProcedure.query(({ ctx }) => listDataObjections(ctx.db, ctx.actor)),
  fileObjectionAsUser: reviewerProcedure.input(ZFileDataObjectionInput).mutation(({ ctx, input }) => fileDataObjection(ctx.db, ctx.actor, input)),
  objections: keeperProcedure
    .input(z.object({ late: z.boolean().optional() }).default({}))
    .query(({ ctx, input }) => listDataObjections(ctx.db, ctx.actor, input)),
  decideObjection: reviewerProcedure.input(ZDecideDataObjectionInput).mutation(({ ctx, input }) => decideDataObjection(ctx.db, ctx.actor, input)),
  // Public security keeps the population register.
  keepsPopulationRegister: reviewerProcedure.output(z.boolean()).query(({ ctx }) => keepsPopulationRegister(ctx.db, ctx.actor)),
  populationRecords: reviewerProcedure.input(ZPopulationListInput).query(({ ctx, input }) => listPopulationRecords(ctx.db, ctx.actor, input)),
  addPerson: reviewerProcedure
    .input(ZAddPersonInput)
    .output(z.object({ idNumberMasked: z.string(), certificateNumber: z.string() }))
    .mutation(({ ctx, input }) => addPopulationRecord(ctx.db, ctx.actor, input)),
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
  rotateKey: dataOfficeProcedure.input(ZRotateKeyInput).mutation(({ ctx, input }) => rotateKeyOfDepartment(ctx.db, ctx.actor, input)),
  revokeCertificate: keeperProcedure.input(ZRevokeCertificateInput).mutation(({ ctx, input }) => revokeCertificate(ctx.db, ctx.actor, input)),
});
