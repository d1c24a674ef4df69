import type { Db } from "@/server/db/client";
import { calendarFromRows, type WorkCalendar } from "./model";
import { calendarDays, calendarYears } from "./schema";

/** Reads the published calendar from the database. Throws if no year is published. */
export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  const [days, years] = await Promise.all([
    db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays),
    db.select({ year: calendarYears.year }).from(calendarYears),
  ]);
  return calendarFromRows(days, years);
}

/** How long `cachedCalendar` keeps a calendar: a newly published year shows within 10 minutes. */
export const calendarCacheMs = 10 * 60 * 1000;

let cache = new WeakMap<Db, { loadedAt: number; calendar: Promise<WorkCalendar> }>();

/**
 * `loadCalendar`, cached in this process for 10 minutes per database handle. A failed load is
 * not cached.
 */
export function cachedCalendar(db: Db, nowMs: number = Date.now()): Promise<WorkCalendar> {
  const hit = cache.get(db);
  if (hit && nowMs - hit.loadedAt < calendarCacheMs) return hit.calendar;
  const calendar = loadCalendar(db);
  const entry = { loadedAt: nowMs, calendar };
  cache.set(db, entry);
  calendar.catch(() => {
    if (cache.get(db) === entry) cache.delete(db);
  });
  return calendar;
}

/** Forgets cached calendars (after seeding, or between tests). */
export function clearCalendarCache(db?: Db): void {
  if (db) cache.delete(db);
  else cache = new WeakMap();
}
