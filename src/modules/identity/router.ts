import { z } from "zod";
import { authedProcedure, createTRPCRouter, publicProcedure, rateLimited, staffProcedure } from "@/server/trpc/init";
import { actingOptions } from "./acting-for";
import { ZRegisterCitizenInput, ZRegisterEnterpriseInput } from "./inputs";
import { registerCitizen } from "./register-citizen";
import { registerEnterprise } from "./register-enterprise";
import { getProfile, ZProfileView } from "./get-profile";
import { listDepartments, ZDepartmentView } from "./list-departments";

const ZRegistered = z.object({ login: z.string() });

export const identityRouter = createTRPCRouter({
  registerEnterprise: publicProcedure
    .use(rateLimited("registrations"))
    .input(ZRegisterEnterpriseInput)
    .output(ZRegistered)
    .mutation(({ ctx, input }) => registerEnterprise(ctx.db, input)),
  registerCitizen: publicProcedure
    .use(rateLimited("registrations"))
    .input(ZRegisterCitizenInput)
    .output(ZRegistered)
    .mutation(({ ctx, input }) => registerCitizen(ctx.db, input)),
  departments: staffProcedure.output(z.array(ZDepartmentView)).query(({ ctx }) => listDepartments(ctx.db)),
  me: authedProcedure.output(ZProfileView).query(({ ctx }) => getProfile(ctx.db, ctx.actor)),
  /** The enterprises the signed-in citizen may act for, and the one they act for now. */
  actingOptions: authedProcedure.query(({ ctx }) => actingOptions(ctx.db, ctx.actor)),
});
