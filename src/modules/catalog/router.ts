import { z } from "zod";
import { createTRPCRouter, publicProcedure } from "@/server/trpc/init";
import { getGuide } from "./get-guide";
import { listGuides } from "./list-guides";
import { loadApplicationPlan } from "./load-application-plan";

const ZSubjectRef = z.object({ kind: z.enum(["service", "bundle"]), code: z.string().trim().min(1).max(64) });

export const catalogRouter = createTRPCRouter({
  guides: publicProcedure.query(({ ctx }) => listGuides(ctx.db)),
  guide: publicProcedure.input(ZSubjectRef).query(({ ctx, input }) => getGuide(ctx.db, input)),
  plan: publicProcedure.input(ZSubjectRef).query(({ ctx, input }) => loadApplicationPlan(ctx.db, input)),
});
