import { createTRPCRouter, publicProcedure } from "@/server/trpc/init";
import { previewDatasets } from "./preview-datasets";

export const openDataRouter = createTRPCRouter({
  /** Every open dataset's metadata with its first rows, as the open API serves them. */
  previews: publicProcedure.query(({ ctx }) => previewDatasets(ctx.db)),
});
