import { z } from "zod";
import { sessionPolicy } from "@/server/auth/policy";
import {
  administratorProcedure,
  authedProcedure,
  clerkProcedure,
  createTRPCRouter,
  organisationProcedure,
  enterpriseProcedure,
  personProcedure,
  publicProcedure,
  rateLimited,
  holderProcedure,
} from "@/server/trpc/init";
import { shanghaiDate } from "@/lib/dates";
import { actingOptions } from "./acting";
import { entityStanding } from "./entity-lifecycle";
import { changePassword } from "./change-password";
import { getProfile, ZProfileView } from "./get-profile";
import { grantMandate, grantPersonalMandate } from "./grant-mandate";
import {
  ZActingChoiceInput,
  ZChangePasswordInput,
  ZGrantMandateInput,
  ZGrantPersonalMandateInput,
  ZRegisterCitizenInput,
  ZRegisterEnterpriseInput,
  ZRevokeMandateInput,
  ZSessionRef,
  ZStartKeyInInput,
  ZCreateDepartmentInput,
  ZCreateStaffAccountInput,
  ZUpdateDepartmentInput,
} from "./inputs";
import { listDepartments, ZDepartmentView } from "./list-departments";
import { listMandates, ZMandatesPage } from "./list-mandates";
import { listStaffAccounts, ZStaffAccountView } from "./list-staff-accounts";
import { registerCitizen } from "./register-citizen";
import { registerEnterprise } from "./register-enterprise";
import { revokeMandate } from "./revoke-mandate";
import { chooseActingFor, endMySession, listMySessions, signOutElsewhere } from "./sessions";
import { updateStaffAccount, ZUpdateStaffAccountInput } from "./update-staff-account";
import { createDepartment } from "./create-department";
import { updateDepartment } from "./update-department";
import { createStaffAccount } from "./create-staff-account";
import { verifyIdentity } from "./verify-identity";
import { endKeyIn, startKeyIn } from "./window-key-in";

const ZRegistered = z.object({ login: z.string() });
const ZId = z.object({ id: z.string() });
const ZActingOptions = z.object({
  current: z.object({ kind: z.enum(["entity", "person"]), id: z.string() }).nullable(),
  options: z.array(
    z.object({
      kind: z.enum(["entity", "person"]),
      id: z.string(),
      name: z.string(),
      code: z.string().nullable(),
      as: z.enum(["legalRepresentative", "mandate", "personalAgent"]),
      scope: z.enum(["all", "services", "viewOnly"]),
    }),
  ),
});
const ZSessionView = z.object({
  id: z.string(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  expiresAt: z.date(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

const ZEntityStanding = z.object({ name: z.string(), deregisteredAt: z.date().nullable() }).nullable();

export const identityRouter = createTRPCRouter({
  /** An enterprise's public standing by its credit code (企业信息公示): its name, and whether it was deregistered. */
  entityStanding: publicProcedure
    .input(z.object({ creditCode: z.string().trim().toUpperCase().length(18) }))
    .output(ZEntityStanding)
    .query(({ ctx, input }) => entityStanding(ctx.db, input.creditCode)),
  registerCitizen: publicProcedure
    .use(rateLimited("registrations"))
    .input(ZRegisterCitizenInput)
    .output(ZRegistered)
    .mutation(({ ctx, input }) => registerCitizen(ctx.db, input)),
  /** 法人注册: the signed-in legal representative registers the enterprise named on a licence, then acts for it. */
  registerEnterprise: personProcedure
    .use(rateLimited("identityChecks"))
    .input(ZRegisterEnterpriseInput)
    .output(z.object({ creditCode: z.string(), name: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const registered = await registerEnterprise(ctx.db, ctx.actor, input);
      await chooseActingFor(ctx.db, ctx.self, { kind: "entity", id: registered.entityId });
      return { creditCode: registered.creditCode, name: registered.name };
    }),
  verifyIdentity: personProcedure
    .use(rateLimited("identityChecks"))
    .output(z.object({ verification: z.literal("populationRegister") }))
    .mutation(({ ctx }) => verifyIdentity(ctx.db, ctx.actor)),
  departments: organisationProcedure.output(z.array(ZDepartmentView)).query(({ ctx }) => listDepartments(ctx.db)),
  me: authedProcedure.output(ZProfileView).query(({ ctx }) => getProfile(ctx.db, ctx.actor)),
  /** Whom the signed-in person may act for, and whom they act for now. */
  actingOptions: authedProcedure.output(ZActingOptions).query(({ ctx }) => actingOptions(ctx.db, ctx.self, shanghaiDate(new Date()), ctx.actor)),
  chooseActingFor: authedProcedure.input(ZActingChoiceInput).mutation(({ ctx, input }) => chooseActingFor(ctx.db, ctx.self, input)),
  mandates: holderProcedure.output(ZMandatesPage).query(({ ctx }) => listMandates(ctx.db, ctx.actor)),
  grantMandate: enterpriseProcedure
    .use(rateLimited("identityChecks"))
    .input(ZGrantMandateInput)
    .output(ZId)
    .mutation(({ ctx, input }) => grantMandate(ctx.db, ctx.actor, input)),
  grantPersonalMandate: personProcedure
    .use(rateLimited("identityChecks"))
    .input(ZGrantPersonalMandateInput)
    .output(ZId)
    .mutation(({ ctx, input }) => grantPersonalMandate(ctx.db, ctx.actor, input)),
  revokeMandate: holderProcedure
    .input(ZRevokeMandateInput)
    .output(ZId)
    .mutation(({ ctx, input }) => revokeMandate(ctx.db, ctx.actor, input)),
  sessions: authedProcedure.output(z.array(ZSessionView)).query(({ ctx }) => listMySessions(ctx.db, ctx.self, sessionPolicy())),
  endSession: authedProcedure.input(ZSessionRef).mutation(({ ctx, input }) => endMySession(ctx.db, ctx.self, input.sessionId)),
  signOutElsewhere: authedProcedure.output(z.object({ ended: z.number() })).mutation(({ ctx }) => signOutElsewhere(ctx.db, ctx.self)),
  changePassword: authedProcedure
    .input(ZChangePasswordInput)
    .output(z.object({ sessionsEnded: z.number() }))
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.self, input)),
  startKeyIn: clerkProcedure
    .use(rateLimited("identityChecks"))
    .input(ZStartKeyInInput)
    .output(z.object({ keyInId: z.string(), personName: z.string() }))
    .mutation(({ ctx, input }) => startKeyIn(ctx.db, ctx.self, input)),
  endKeyIn: authedProcedure.mutation(({ ctx }) => endKeyIn(ctx.db, ctx.self)),
  staffAccounts: administratorProcedure.output(z.array(ZStaffAccountView)).query(({ ctx }) => listStaffAccounts(ctx.db)),
  updateStaffAccount: administratorProcedure
    .input(ZUpdateStaffAccountInput)
    .output(z.object({ sessionsEnded: z.number(), changes: z.array(z.string()) }))
    .mutation(({ ctx, input }) => updateStaffAccount(ctx.db, ctx.actor, input)),
  createDepartment: administratorProcedure
    .input(ZCreateDepartmentInput)
    .output(z.object({ id: z.string(), code: z.string() }))
    .mutation(({ ctx, input }) => createDepartment(ctx.db, ctx.actor, input)),
  updateDepartment: administratorProcedure
    .input(ZUpdateDepartmentInput)
    .output(z.object({ id: z.string(), code: z.string(), changed: z.boolean() }))
    .mutation(({ ctx, input }) => updateDepartment(ctx.db, ctx.actor, input)),
  createStaffAccount: administratorProcedure
    .input(ZCreateStaffAccountInput)
    .output(z.object({ userId: z.string(), login: z.string() }))
    .mutation(({ ctx, input }) => createStaffAccount(ctx.db, ctx.actor, input)),
});
