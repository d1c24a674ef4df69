import { applicantProcedure, createTRPCRouter, enterpriseProcedure, personProcedure, publicProcedure } from "@/server/trpc/init";
import { companyChangeOptions, submitCompanyChange } from "./company-change";
import { submitDeregistration } from "./deregister-company";
import { founderParticulars, startBusinessOptions } from "./form-options";
import { ZCompanyChangeInput, ZDeregistrationInput, ZNameInput, ZReserveNameInput, ZStartBusinessInput } from "./inputs";
import { checkName, listMyReservations, reserveName } from "./names";
import { submitStartBusiness } from "./submit-start-business";

/** A founder is a citizen acting as themself: an agent or the window does not found a company for someone. */
const founderProcedure = personProcedure;

export const registrationRouter = createTRPCRouter({
  /** What the form offers: name divisions, industries, entity types with their forms, scope items, Hebei counties. */
  options: publicProcedure.query(({ ctx }) => startBusinessOptions(ctx.db)),
  checkName: founderProcedure.input(ZNameInput).mutation(({ ctx, input }) => checkName(ctx.db, ctx.actor, input)),
  reserveName: founderProcedure.input(ZReserveNameInput).mutation(({ ctx, input }) => reserveName(ctx.db, ctx.actor, input)),
  myReservations: founderProcedure.query(({ ctx }) => listMyReservations(ctx.db, ctx.actor)),
  /** The founder's own name and ID number, to fill in as legal representative and first shareholder. */
  founder: founderProcedure.query(({ ctx }) => founderParticulars(ctx.db, ctx.actor)),
  submit: founderProcedure.input(ZStartBusinessInput).mutation(({ ctx, input }) => submitStartBusiness(ctx.db, ctx.actor, input)),
  /** The enterprise's registered particulars from its licence (read through the gate), for the change and deregistration forms. */
  lifecycleOptions: enterpriseProcedure.query(({ ctx }) => companyChangeOptions(ctx.db, ctx.actor)),
  submitChange: enterpriseProcedure.input(ZCompanyChangeInput).mutation(({ ctx, input }) => submitCompanyChange(ctx.db, ctx.actor, input)),
  /** Open to every applicant role so that someone not acting for the enterprise is told so on the field. */
  submitDeregistration: applicantProcedure.input(ZDeregistrationInput).mutation(({ ctx, input }) => submitDeregistration(ctx.db, ctx.actor, input)),
});
