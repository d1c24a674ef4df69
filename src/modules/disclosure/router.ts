import { createTRPCRouter, dataOfficeProcedure } from "@/server/trpc/init";
import { publishDecisions } from "./publish-decisions";
import { listLatePublications } from "./search-disclosures";

export const disclosureRouter = createTRPCRouter({
  /** The data office publishes pending decisions now, instead of waiting for the job (same use case). */
  publishNow: dataOfficeProcedure.mutation(({ ctx }) => publishDecisions(ctx.db, new Date())),
  /** Records published after their due day. */
  late: dataOfficeProcedure.query(({ ctx }) => listLatePublications(ctx.db)),
});
