import { authedProcedure, createTRPCRouter, reviewerProcedure } from "@/server/trpc/init";
import { caseClocks } from "./case-clocks";
import { ZCaseClocksInput, ZDecideExtensionInput, ZEndPauseInput, ZRequestExtensionInput, ZStartPauseInput } from "./clock-inputs";
import { decideExtension } from "./decide-extension";
import { endPause } from "./end-pause";
import { pendingExtensions } from "./pending-extensions";
import { requestExtension } from "./request-extension";
import { startPause } from "./start-pause";

/** Clocks the law knows: extensions (art. 42) and pauses (art. 45), and every case's limits. */
export const clockRouter = createTRPCRouter({
  forApplication: authedProcedure.input(ZCaseClocksInput).query(({ ctx, input }) => caseClocks(ctx.db, ctx.actor, input.applicationId)),
  requestExtension: reviewerProcedure.input(ZRequestExtensionInput).mutation(({ ctx, input }) => requestExtension(ctx.db, ctx.actor, input)),
  decideExtension: reviewerProcedure.input(ZDecideExtensionInput).mutation(({ ctx, input }) => decideExtension(ctx.db, ctx.actor, input)),
  pendingExtensions: reviewerProcedure.query(({ ctx }) => pendingExtensions(ctx.db, ctx.actor)),
  startPause: reviewerProcedure.input(ZStartPauseInput).mutation(({ ctx, input }) => startPause(ctx.db, ctx.actor, input)),
  endPause: reviewerProcedure.input(ZEndPauseInput).mutation(({ ctx, input }) => endPause(ctx.db, ctx.actor, input)),
});
