import { desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import type { ZPublishCalendarYearInput } from "./inputs";
import { runCalendarPublished } from "./effects";
import { clearCalendarCache, loadCalendar } from "./load-calendar";
import { calendarDays, calendarYears } from "./schema";
import type { CalendarAuditAction } from "./model";

/**
 * The data office publishes the next year's working-day calendar from the State Council's notice:
 * only the year after the last one published (a gap would leave a year unknown inside the
 * calendar), never one already published (a correction is a migration, reviewed like code). The
 * year and its days are written in one transaction; two offices publishing at once: one wins, the
 * other is told the year is already published. The year was provisional until now: in the same
 * transaction the listeners registered at the composition root (effects.ts) recompute the dates
 * computed on it, so no open due date is left resting on the rules once the notice is in.
 */
export async function publishCalendarYear(db: Db, actor: Actor, input: z.output<typeof ZPublishCalendarYearInput>, now: Date = new Date()) {
  if (actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  const year = String(input.year);
  const result = await db.transaction(async (tx) => {
    // One publication at a time, so "the next year" is read and written without a race.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('calendar-years', 0))`);
    const [last] = await tx.select({ year: calendarYears.year }).from(calendarYears).orderBy(desc(calendarYears.year)).limit(1);
    const [existing] = await tx.select({ year: calendarYears.year }).from(calendarYears).where(eq(calendarYears.year, year));
    if (existing) throw new DomainError("conflict", "calendar.errors.alreadyPublished", { field: "year", params: { year } });
    const next = last ? Number(last.year) + 1 : input.year;
    if (input.year !== next) throw new DomainError("invalidInput", "calendar.errors.notNextYear", { field: "year", params: { year, next } });

    await tx.insert(calendarYears).values({ year, source: input.source, publishedAt: now, publishedBy: actor.userId });
    await tx
      .insert(calendarDays)
      .values([
        ...input.holidays.map((day) => ({ day, kind: "holiday" as const, source: input.source })),
        ...input.makeupWorkdays.map((day) => ({ day, kind: "makeupWorkday" as const, source: input.source })),
      ]);
    await recordAudit<CalendarAuditAction>(tx, {
      streamId: "calendar",
      actor: { userId: actor.userId, role: actor.role },
      action: "calendar.publish",
      entityType: "calendarYear",
      entityId: year,
      data: { source: input.source, holidays: input.holidays, makeupWorkdays: input.makeupWorkdays },
      at: now,
    });
    // The calendar as it stands inside this transaction, the new year published.
    const calendar = await loadCalendar(tx);
    await runCalendarPublished(tx, { year: input.year, calendar, now, actorId: actor.userId });
    return { year: input.year, holidays: input.holidays.length, makeupWorkdays: input.makeupWorkdays.length };
  });
  // This process sees the new year at once; others within the cache's ten minutes.
  clearCalendarCache(db);
  return result;
}
