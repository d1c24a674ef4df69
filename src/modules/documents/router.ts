import { z } from "zod";
import { authedProcedure, createTRPCRouter, publicProcedure, rateLimited } from "@/server/trpc/init";
import { ZCaseDocumentInput, ZCaseDocumentsInput, ZVerifyDocumentInput } from "./inputs";
import { getCaseDocument, listCaseDocuments, verifyCaseDocument } from "./read-documents";
import { ZCaseDocumentSummary, ZCaseDocumentView, ZDocumentVerificationView } from "./views";

export const documentsRouter = createTRPCRouter({
  forApplication: authedProcedure
    .input(ZCaseDocumentsInput)
    .output(z.array(ZCaseDocumentSummary))
    .query(({ ctx, input }) => listCaseDocuments(ctx.db, ctx.actor, input.applicationId)),
  get: authedProcedure
    .input(ZCaseDocumentInput)
    .output(ZCaseDocumentView)
    .query(({ ctx, input }) => getCaseDocument(ctx.db, ctx.actor, input.documentId)),
  verify: publicProcedure
    .use(rateLimited("verification"))
    .input(ZVerifyDocumentInput)
    .output(ZDocumentVerificationView.nullable())
    .query(({ ctx, input }) => verifyCaseDocument(ctx.db, input.number)),
});
