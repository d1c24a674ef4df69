import { asc, eq, max } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { users } from "../identity/schema";
import { calendarFromRows, shanghaiDate, workingDaysInYear } from "./model";
import { calendarDays, calendarYears } from "./schema";

/** How long before the end of the last published year the data office is reminded to publish the next. */
export const publishReminderDays = 60;

/** A year past the last published one, computed from the holiday rules (model.ts, holiday-rules.ts). */
export interface ProvisionalYearView {
  year: number;
  holidays: string[];
  workingDays: number;
}

export interface CalendarYearView {
  year: number;
  source: string;
  holidays: string[];
  makeupWorkdays: string[];
  /** Official working days in the year. */
  workingDays: number;
  publishedAt: Date | null;
  publishedByName: string | null;
}

/**
 * The published years with their days, the provisional years computed after them, the next year
 * to publish, and whether it is due: within `publishReminderDays` of the end of the last published
 * year (or past it), due dates will soon reach a year nobody has published, and are provisional.
 */
export async function listCalendarYears(db: Db, now: Date = new Date()) {
  const [years, days] = await Promise.all([
    db
      .select({ year: calendarYears.year, source: calendarYears.source, publishedAt: calendarYears.publishedAt, publishedByName: users.displayName })
      .from(calendarYears)
      .leftJoin(users, eq(users.id, calendarYears.publishedBy))
      .orderBy(asc(calendarYears.year)),
    db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays).orderBy(asc(calendarDays.day)),
  ]);
  const cal = years.length > 0 ? calendarFromRows(days, years) : null;
  const views: CalendarYearView[] = years.map((y) => {
    const inYear = days.filter((d) => d.day.startsWith(`${y.year}-`));
    return {
      year: Number(y.year),
      source: y.source,
      holidays: inYear.filter((d) => d.kind === "holiday").map((d) => d.day),
      makeupWorkdays: inYear.filter((d) => d.kind === "makeupWorkday").map((d) => d.day),
      workingDays: cal ? workingDaysInYear(cal, Number(y.year)) : 0,
      publishedAt: y.publishedAt,
      publishedByName: y.publishedByName,
    };
  });
  const provisionalYears: ProvisionalYearView[] = cal
    ? [...cal.provisionalYears].map((year) => ({
        year,
        holidays: [...cal.holidays].filter((d) => d.startsWith(`${year}-`)).sort(),
        workingDays: workingDaysInYear(cal, year),
      }))
    : [];
  return { years: views, provisionalYears, ...reminderFor(cal?.lastPublishedYear ?? null, now) };
}

/**
 * Only whether next year is due, for the data office's landing page: the last published year,
 * without reading the days.
 */
export async function calendarReminder(db: Db, now: Date = new Date()) {
  const [last] = await db.select({ year: max(calendarYears.year) }).from(calendarYears);
  return reminderFor(last?.year ? Number(last.year) : null, now);
}

function reminderFor(lastYear: number | null, now: Date) {
  const today = shanghaiDate(now);
  const nextYear = lastYear === null ? Number(today.slice(0, 4)) : lastYear + 1;
  const daysLeft = lastYear === null ? 0 : Math.round((Date.parse(`${lastYear}-12-31T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { nextYear, daysLeft, nextYearDue: daysLeft <= publishReminderDays };
}
