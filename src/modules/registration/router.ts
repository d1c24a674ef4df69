import { createTRPCRouter, personProcedure, publicProcedure } from "@/server/trpc/init";
import { founderParticulars, startBusinessOptions } from "./form-options";
import { ZNameInput, ZReserveNameInput, ZStartBusinessInput } from "./inputs";
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
});
