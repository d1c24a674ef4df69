import { z } from "zod";
import { regionCodes } from "@/lib/regions";
import { createTRPCRouter, dataOfficeProcedure, publicProcedure, rateLimited } from "@/server/trpc/init";
import { ZCertificateNumber } from "../sharing/inputs";
import { listProviderHealth, type ProviderKind } from "../sharing/providers";
import { acrossFromEnv, peerUrlsFromEnv } from "./from-env";
import { verifyAcrossRegions } from "./verify-across";

export const exchangeRouter = createTRPCRouter({
  /** Public verification on this node or, for a number issued elsewhere, through the issuing region's node. */
  verify: publicProcedure
    .use(rateLimited("verification"))
    .input(z.object({ number: ZCertificateNumber, region: z.enum(regionCodes).nullable().default(null) }))
    .query(({ ctx, input }) => verifyAcrossRegions(ctx.db, acrossFromEnv(ctx.db), { number: input.number, region: input.region, reader: ctx.actor ?? null })),
  /** Each certificate provider's health, for the data office. */
  providerHealth: dataOfficeProcedure.query(({ ctx }) =>
    listProviderHealth(ctx.db, [
      { provider: "local", kind: "local" as ProviderKind },
      ...Object.keys(peerUrlsFromEnv()).map((r) => ({ provider: `peer:${r}`, kind: "peer" as ProviderKind })),
    ]),
  ),
});
