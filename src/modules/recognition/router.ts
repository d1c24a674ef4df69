import { env } from "@/server/env";
import { createTRPCRouter, dataOfficeProcedure, publicProcedure } from "@/server/trpc/init";
import { addRecognition } from "./add-recognition";
import { endRecognition } from "./end-recognition";
import { ZAddRecognitionInput, ZEndRecognitionInput } from "./inputs";
import { listRecognitions, recognitionOptions } from "./views";

export const recognitionRouter = createTRPCRouter({
  /** Every entry of this node's matrix, current and ended (the published matrix is the current ones). */
  list: publicProcedure.query(({ ctx }) => listRecognitions(ctx.db)),
  /** The data office: the other regions, and each service with the certificate types it asks for. */
  options: dataOfficeProcedure.query(({ ctx }) => recognitionOptions(ctx.db, env().REGION)),
  add: dataOfficeProcedure.input(ZAddRecognitionInput).mutation(({ ctx, input }) => addRecognition(ctx.db, ctx.actor, input, { region: env().REGION })),
  end: dataOfficeProcedure.input(ZEndRecognitionInput).mutation(({ ctx, input }) => endRecognition(ctx.db, ctx.actor, input)),
});
