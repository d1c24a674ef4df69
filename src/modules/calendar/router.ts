import { createTRPCRouter, dataOfficeProcedure } from "@/server/trpc/init";
import { ZPublishCalendarYearInput } from "./inputs";
import { calendarReminder, listCalendarYears } from "./list-years";
import { publishCalendarYear } from "./publish-year";

export const calendarRouter = createTRPCRouter({
  years: dataOfficeProcedure.query(({ ctx }) => listCalendarYears(ctx.db)),
  reminder: dataOfficeProcedure.query(({ ctx }) => calendarReminder(ctx.db)),
  publish: dataOfficeProcedure.input(ZPublishCalendarYearInput).mutation(({ ctx, input }) => publishCalendarYear(ctx.db, ctx.actor, input)),
});
