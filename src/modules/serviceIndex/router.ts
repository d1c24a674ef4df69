import { createTRPCRouter, dataOfficeProcedure } from "@/server/trpc/init";
import { snapshotIndex } from "./snapshot-index";

export const serviceIndexRouter = createTRPCRouter({
  /** The data office computes today's snapshot now, instead of waiting for the nightly job (same use case). */
  snapshotNow: dataOfficeProcedure.mutation(({ ctx }) => snapshotIndex(ctx.db, new Date())),
});
