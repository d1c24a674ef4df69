import { z } from "zod";
import { applicantProcedure, authedProcedure, clerkProcedure, createTRPCRouter, publicProcedure, rateLimited } from "@/server/trpc/init";
import { acceptApplication } from "./accept-application";
import { completeSupplement } from "./complete-supplement";
import { getApplication } from "./get-application";
import {
  ZApplicationRef,
  ZCompleteSupplementInput,
  ZRefuseInput,
  ZRequestCompletionInput,
  ZSaveDraftInput,
  ZSubmitApplicationInput,
  ZSupplyStageMaterialsInput,
  ZTrackInput,
  ZProcessedInput,
  ZVersionedRef,
} from "./inputs";
import { listAcceptanceQueue, listMyApplications, listProcessed } from "./list-applications";
import { refuseApplication } from "./refuse-application";
import { requestCompletion } from "./request-completion";
import { loadDraft, saveDraft } from "./save-draft";
import { caseworkExchange } from "./foreign-certificates";
import { prefillCertificates } from "./prefill";
import { submitApplication } from "./submit-application";
import { supplyStageMaterials } from "./supply-stage-materials";
import { windowApplicationStatuses } from "./model";
import { trackApplication } from "./track-application";
import { ZApplicationListItem, ZApplicationView, ZTrackView } from "./views";
import { withdrawApplication } from "./withdraw-application";
import { forwardApplication } from "./forward-application";
import { ZForwardApplicationInput } from "./inputs";
import { listForwardings, ZForwardingsView } from "./list-forwardings";

const ZTransitionResult = z.object({ id: z.string(), status: z.string(), version: z.number() });

export const applicationsRouter = createTRPCRouter({
  // 异地代收代办: the window's forwarded applications, and forwarding one to another region's node.
  forwardings: clerkProcedure.output(ZForwardingsView).query(({ ctx }) => listForwardings(ctx.db, ctx.actor, caseworkExchange(ctx.db).client.region)),
  forward: clerkProcedure
    .input(ZForwardApplicationInput)
    .output(z.object({ id: z.string(), status: z.string() }))
    .mutation(({ ctx, input }) => forwardApplication(ctx.db, ctx.actor, input, { client: caseworkExchange(ctx.db).client })),
  prefill: applicantProcedure
    .input(z.object({ kind: z.enum(["service", "bundle"]), code: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => prefillCertificates(ctx.db, ctx.actor, input, new Date(), caseworkExchange(ctx.db))),
  draft: applicantProcedure
    .input(z.object({ idempotencyKey: z.string().min(8).max(64) }))
    .query(({ ctx, input }) => loadDraft(ctx.db, ctx.actor, input.idempotencyKey)),
  saveDraft: applicantProcedure.input(ZSaveDraftInput).mutation(({ ctx, input }) => saveDraft(ctx.db, ctx.actor, input)),
  submit: applicantProcedure
    .input(ZSubmitApplicationInput)
    .mutation(({ ctx, input }) => submitApplication(ctx.db, ctx.actor, input, new Date(), { exchange: caseworkExchange(ctx.db) })),
  mine: applicantProcedure.output(z.array(ZApplicationListItem)).query(({ ctx }) => listMyApplications(ctx.db, ctx.actor)),
  get: authedProcedure
    .input(ZApplicationRef)
    .output(ZApplicationView)
    .query(({ ctx, input }) => getApplication(ctx.db, ctx.actor, input.applicationId)),
  withdraw: applicantProcedure
    .input(ZVersionedRef)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => withdrawApplication(ctx.db, ctx.actor, input)),
  completeSupplement: applicantProcedure
    .input(ZCompleteSupplementInput)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => completeSupplement(ctx.db, ctx.actor, input)),
  supplyStageMaterials: applicantProcedure
    .input(ZSupplyStageMaterialsInput)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => supplyStageMaterials(ctx.db, ctx.actor, input)),
  track: publicProcedure
    .use(rateLimited("tracking"))
    .input(ZTrackInput)
    .output(ZTrackView)
    .query(({ ctx, input }) => trackApplication(ctx.db, input)),
  acceptanceQueue: clerkProcedure
    .input(z.object({ status: z.enum(windowApplicationStatuses).default("submitted") }))
    .query(({ ctx, input }) => listAcceptanceQueue(ctx.db, ctx.actor, input)),
  processed: clerkProcedure.input(ZProcessedInput).query(({ ctx, input }) => listProcessed(ctx.db, ctx.actor, input)),
  accept: clerkProcedure
    .input(ZVersionedRef)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => acceptApplication(ctx.db, ctx.actor, input)),
  refuse: clerkProcedure
    .input(ZRefuseInput)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => refuseApplication(ctx.db, ctx.actor, input)),
  requestCompletion: clerkProcedure
    .input(ZRequestCompletionInput)
    .output(ZTransitionResult)
    .mutation(({ ctx, input }) => requestCompletion(ctx.db, ctx.actor, input)),
});
