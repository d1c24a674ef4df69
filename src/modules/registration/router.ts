import { asc, eq, or } from "drizzle-orm";
import { createTRPCRouter, publicProcedure, roleProcedure } from "@/server/trpc/init";
import { divisions } from "../divisions/schema";
import { citizens } from "../identity/schema";
import { ZNameInput, ZReserveNameInput, ZStartBusinessInput } from "./inputs";
import { businessScopeItems, entityTypes, industries, reservationDays } from "./model";
import { checkName, listMyReservations, nameDivisionName, reserveName } from "./names";
import { submitStartBusiness } from "./submit-start-business";

const founderProcedure = roleProcedure("citizen");

export const registrationRouter = createTRPCRouter({
  /** What the form offers: name divisions, industries, entity types with their forms, scope items, Hebei counties. */
  options: publicProcedure.query(async ({ ctx }) => {
    const rows = await ctx.db
      .select()
      .from(divisions)
      .where(or(eq(divisions.code, "130000"), eq(divisions.parentCode, "130000")));
    const counties = await ctx.db.select().from(divisions).where(eq(divisions.level, 3)).orderBy(asc(divisions.code));
    const cities = rows.filter((r) => r.level === 2).sort((a, b) => a.code.localeCompare(b.code));
    return {
      nameDivisions: [...rows.filter((r) => r.level === 1), ...cities].map((d) => ({ code: d.code, nameInName: nameDivisionName(d.nameZh), nameZh: d.nameZh, nameEn: d.nameEn })),
      cities: cities.map((c) => ({
        code: c.code,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        counties: counties.filter((k) => k.parentCode === c.code).map((k) => ({ code: k.code, nameZh: k.nameZh })),
      })),
      industries,
      entityTypes: Object.entries(entityTypes).map(([value, t]) => ({ value, labelZh: t.labelZh, labelEn: t.labelEn, forms: [...t.forms] })),
      scopeItems: businessScopeItems,
      reservationDays,
    };
  }),
  checkName: founderProcedure.input(ZNameInput).mutation(({ ctx, input }) => checkName(ctx.db, ctx.actor, input)),
  reserveName: founderProcedure.input(ZReserveNameInput).mutation(({ ctx, input }) => reserveName(ctx.db, ctx.actor, input)),
  myReservations: founderProcedure.query(({ ctx }) => listMyReservations(ctx.db, ctx.actor)),
  /** The founder's own name and ID number, to fill in as legal representative and first shareholder. */
  founder: founderProcedure.query(async ({ ctx }) => {
    const [row] = await ctx.db.select({ name: citizens.name, idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.userId, ctx.actor.userId));
    return row ?? null;
  }),
  submit: founderProcedure.input(ZStartBusinessInput).mutation(({ ctx, input }) => submitStartBusiness(ctx.db, ctx.actor, input)),
});
