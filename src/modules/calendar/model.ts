/**
 * The official working-day calendar of China (State Council holiday notices), and the due
 * dates computed from it. Pure TypeScript: no framework or database imports.
 *
 * A working day is Monday–Friday unless the State Council lists it as a holiday, plus the
 * weekend days it lists as make-up working days (调休上班).
 *
 * Days are calendar dates in China, written 'YYYY-MM-DD'. All arithmetic is done on UTC
 * midnights (`Date.UTC`), never on the host's local time, so the host time zone does not
 * matter. Instants are turned into Chinese dates with `shanghaiDate` (Asia/Shanghai is UTC+8
 * all year, no daylight saving).
 *
 * The calendar is published by the State Council one year at a time. Beyond the last published
 * year, up to `provisionalYearsAhead` more years are PROVISIONAL: their holidays are computed from
 * the holiday rules (holiday-rules.ts, lunar.ts), without make-up working days, and every due date
 * that reaches one is marked provisional (`dueDate`), to be recomputed when the notice is
 * published. Any date outside [firstYear-01-01, lastYear-12-31] met at any step of a computation
 * throws a `CalendarRangeError`: beyond the provisional years nothing is assumed.
 */

import { provisionalHolidays } from "./holiday-rules";

export interface WorkCalendar {
  /** Public holidays (no work), including those falling on weekends. */
  holidays: Set<string>;
  /** Weekend days that are worked (调休上班). */
  makeupWorkdays: Set<string>;
  /** First year covered: dates before `${firstYear}-01-01` are out of range. */
  firstYear: number;
  /** Last year published by the State Council; the years after it up to `lastYear` are provisional. */
  lastPublishedYear: number;
  /** Last year covered, published or provisional: dates after `${lastYear}-12-31` are out of range. */
  lastYear: number;
  /** The years computed from the holiday rules, not published: (lastPublishedYear, lastYear]. */
  provisionalYears: ReadonlySet<number>;
}

/**
 * How many years past the last published one are computed from the holiday rules. Ten: a
 * statutory limit of up to a few hundred working days fits, and the rules (revised 2024) are
 * unlikely to hold unchanged much longer than that.
 */
export const provisionalYearsAhead = 10;

/** Options for building a calendar: how many provisional years to add (default `provisionalYearsAhead`). */
export interface CalendarOptions {
  provisionalYears?: number;
}

/** The shape of `official-workdays.json`. */
export interface OfficialWorkdaysData {
  source: string;
  lastPublishedYear: number;
  years: Record<string, { holidays: readonly string[]; makeupWorkdays: readonly string[] }>;
}

/** A date outside the published calendar was needed: the answer would be a guess. */
export class CalendarRangeError extends Error {
  readonly date: string;
  readonly firstYear: number;
  readonly lastPublishedYear: number;

  /** Last year covered, provisional years included. */
  readonly lastYear: number;

  constructor(date: string, firstYear: number, lastPublishedYear: number, lastYear: number = lastPublishedYear) {
    super(
      `No working-day calendar for ${date}: the calendar covers ${firstYear}-01-01 to ${lastYear}-12-31` +
        (lastYear > lastPublishedYear ? ` (published to ${lastPublishedYear}, provisional after)` : ""),
    );
    this.name = "CalendarRangeError";
    this.date = date;
    this.firstYear = firstYear;
    this.lastPublishedYear = lastPublishedYear;
    this.lastYear = lastYear;
  }
}

// ---------------------------------------------------------------------------------------------
// Day strings <-> UTC day numbers

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' string; throws on a malformed or impossible date. */
function toDayNumber(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new TypeError(`Not a 'YYYY-MM-DD' date: ${JSON.stringify(day)}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  // Date.UTC rolls 2026-02-30 over to March: reject anything that does not round-trip.
  if (fromDayNumber(ms / MS_PER_DAY) !== day) throw new TypeError(`Not a calendar date: ${day}`);
  return ms / MS_PER_DAY;
}

function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

function isWeekend(n: number): boolean {
  const w = weekday(n);
  return w === 0 || w === 6;
}

/** Whether a 'YYYY-MM-DD' day is a Saturday or Sunday. */
export function isWeekendDay(day: string): boolean {
  return isWeekend(toDayNumber(day));
}

function firstDayNumber(cal: WorkCalendar): number {
  return Date.UTC(cal.firstYear, 0, 1) / MS_PER_DAY;
}

function lastDayNumber(cal: WorkCalendar): number {
  return Date.UTC(cal.lastYear, 11, 31) / MS_PER_DAY;
}

function lastPublishedDayNumber(cal: WorkCalendar): number {
  return Date.UTC(cal.lastPublishedYear, 11, 31) / MS_PER_DAY;
}

function assertInRange(cal: WorkCalendar, n: number): void {
  if (n < firstDayNumber(cal) || n > lastDayNumber(cal)) {
    throw new CalendarRangeError(fromDayNumber(n), cal.firstYear, cal.lastPublishedYear, cal.lastYear);
  }
}

/** Whether `day` lies in a provisional year (computed from the rules, not yet published). */
export function isProvisionalDay(cal: WorkCalendar, day: string): boolean {
  return toDayNumber(day) > lastPublishedDayNumber(cal) && cal.provisionalYears.has(Number(day.slice(0, 4)));
}

function isWorkingDayNumber(cal: WorkCalendar, n: number): boolean {
  assertInRange(cal, n);
  const day = fromDayNumber(n);
  if (cal.makeupWorkdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  return !isWeekend(n);
}

// ---------------------------------------------------------------------------------------------
// Building a calendar

/**
 * Builds and checks a calendar. The published years must be consecutive (a gap would be an
 * unpublished year inside the range), every listed day must fall in a published year, a day
 * cannot be both a holiday and a make-up day, and make-up days must be weekend days.
 */
function buildCalendar(years: readonly number[], holidays: Iterable<string>, makeupWorkdays: Iterable<string>, options: CalendarOptions = {}): WorkCalendar {
  if (years.length === 0) throw new Error("No published calendar year");
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  for (const y of sorted) {
    if (!Number.isInteger(y) || y < 1000 || y > 9999) throw new Error(`Not a calendar year: ${y}`);
  }
  const firstYear = sorted[0]!;
  const lastPublishedYear = sorted[sorted.length - 1]!;
  if (lastPublishedYear - firstYear + 1 !== sorted.length) {
    throw new Error(`Published calendar years are not consecutive: ${sorted.join(", ")}`);
  }
  const ahead = options.provisionalYears ?? provisionalYearsAhead;
  if (!Number.isSafeInteger(ahead) || ahead < 0) throw new Error(`Provisional years must be a whole number ≥ 0: ${ahead}`);
  const lastYear = Math.min(lastPublishedYear + ahead, 9999);
  const provisionalYears = new Set<number>();
  for (let y = lastPublishedYear + 1; y <= lastYear; y += 1) provisionalYears.add(y);
  const cal: WorkCalendar = { holidays: new Set(), makeupWorkdays: new Set(), firstYear, lastPublishedYear, lastYear, provisionalYears };

  const check = (day: string): number => {
    const n = toDayNumber(day);
    const year = Number(day.slice(0, 4));
    if (year < firstYear || year > lastPublishedYear) {
      throw new Error(`Calendar day ${day} is in a year that is not published`);
    }
    return n;
  };
  for (const day of holidays) {
    check(day);
    cal.holidays.add(day);
  }
  for (const day of makeupWorkdays) {
    const n = check(day);
    if (!isWeekend(n)) throw new Error(`Make-up working day ${day} is not a weekend day`);
    if (cal.holidays.has(day)) throw new Error(`Day ${day} is both a holiday and a make-up working day`);
    cal.makeupWorkdays.add(day);
  }
  // After the published days, so a listed day can never fall in a provisional year.
  for (const y of provisionalYears) for (const day of provisionalHolidays(y)) cal.holidays.add(day);
  return cal;
}

/** The calendar from `official-workdays.json` (the State Council notices). */
export function calendarFromOfficialData(json: OfficialWorkdaysData, options: CalendarOptions = {}): WorkCalendar {
  const years = Object.keys(json.years).map(Number);
  const holidays: string[] = [];
  const makeupWorkdays: string[] = [];
  for (const [year, entry] of Object.entries(json.years)) {
    for (const day of [...entry.holidays, ...entry.makeupWorkdays]) {
      if (!day.startsWith(`${year}-`)) throw new Error(`Day ${day} is listed under year ${year}`);
    }
    holidays.push(...entry.holidays);
    makeupWorkdays.push(...entry.makeupWorkdays);
  }
  const cal = buildCalendar(years, holidays, makeupWorkdays, options);
  if (cal.lastPublishedYear !== json.lastPublishedYear) {
    throw new Error(`lastPublishedYear ${json.lastPublishedYear} does not match the last listed year ${cal.lastPublishedYear}`);
  }
  return cal;
}

/** The calendar from the `calendar_days` and `calendar_years` rows. */
export function calendarFromRows(
  days: ReadonlyArray<{ day: string; kind: "holiday" | "makeupWorkday" }>,
  years: ReadonlyArray<{ year: string }>,
  options: CalendarOptions = {},
): WorkCalendar {
  return buildCalendar(
    years.map((y) => {
      if (!/^\d{4}$/.test(y.year)) throw new Error(`Not a calendar year: ${JSON.stringify(y.year)}`);
      return Number(y.year);
    }),
    days.filter((d) => d.kind === "holiday").map((d) => d.day),
    days.filter((d) => d.kind === "makeupWorkday").map((d) => d.day),
    options,
  );
}

// ---------------------------------------------------------------------------------------------
// Working days

/** Whether `day` is an official working day. Throws `CalendarRangeError` outside the calendar. */
export function isWorkingDay(cal: WorkCalendar, day: string): boolean {
  return isWorkingDayNumber(cal, toDayNumber(day));
}

/**
 * The date of the n-th working day AFTER `startDay`.
 *
 * The start day itself never counts, whether or not it is a working day. This follows
 * Administrative Licensing Law practice: time limits are counted in working days, excluding
 * statutory holidays (《行政许可法》 art. 82), and a period starting on a day does not count that
 * day (《民法典》 art. 201), so "N working days from the day of receipt" (受理之日起N个工作日)
 * starts counting at the first working day after receipt. For example a
 * case received on Friday 2026-02-13 with a 2-working-day limit is due on 2026-02-24
 * (Saturday 2026-02-14 is a make-up working day, then the Spring Festival holidays).
 *
 * `n = 0` returns `startDay` (after checking it is in range). Every day walked is range-checked,
 * so a walk past the last published year throws `CalendarRangeError`.
 */
export function addWorkingDays(cal: WorkCalendar, startDay: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0: ${n}`);
  let d = toDayNumber(startDay);
  assertInRange(cal, d);
  let left = n;
  while (left > 0) {
    d += 1;
    if (isWorkingDayNumber(cal, d)) left -= 1;
  }
  return fromDayNumber(d);
}

/** The first working day strictly after `day` (same as `addWorkingDays(cal, day, 1)`). */
export function nextWorkingDay(cal: WorkCalendar, day: string): string {
  return addWorkingDays(cal, day, 1);
}

/**
 * The number of working days d with fromDay < d <= toDay; 0 when toDay <= fromDay.
 * The inverse of `addWorkingDays`: workingDaysBetween(d, addWorkingDays(d, n)) === n.
 * Both ends are range-checked.
 */
export function workingDaysBetween(cal: WorkCalendar, fromDay: string, toDay: string): number {
  const from = toDayNumber(fromDay);
  const to = toDayNumber(toDay);
  assertInRange(cal, from);
  assertInRange(cal, to);
  let count = 0;
  for (let d = from + 1; d <= to; d += 1) if (isWorkingDayNumber(cal, d)) count += 1;
  return count;
}

/** Official working days from 1 January to 31 December of `year` (both in range). */
export function workingDaysInYear(cal: WorkCalendar, year: number): number {
  const first = `${year}-01-01`;
  // workingDaysBetween counts the days after its first argument.
  return (isWorkingDay(cal, first) ? 1 : 0) + workingDaysBetween(cal, first, `${year}-12-31`);
}

/** Sorted days grouped into runs of consecutive dates, as a notice writes its holiday periods. */
export function dayRuns(days: readonly string[]): Array<{ from: string; to: string; count: number }> {
  const runs: Array<{ from: string; to: string; count: number }> = [];
  let prev = Number.NaN;
  for (const day of [...new Set(days)].sort()) {
    const n = toDayNumber(day);
    const last = runs[runs.length - 1];
    if (last && n === prev + 1) {
      last.to = day;
      last.count += 1;
    } else runs.push({ from: day, to: day, count: 1 });
    prev = n;
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// Instants and Chinese dates

// Moved to src/lib/dates.ts (every module needs them; the working-day calendar does not).
export { endOfShanghaiDay, shanghaiDate } from "@/lib/dates";
import { endOfShanghaiDay, shanghaiDate } from "@/lib/dates";

// ---------------------------------------------------------------------------------------------
// Due dates

export interface Pause {
  from: Date;
  /** null while the clock is still stopped. */
  to: Date | null;
}

export interface Clock {
  /** When the time limit started (e.g. the moment of acceptance, 受理). */
  startedAt: Date;
  /** The time limit in working days. */
  budgetDays: number;
  /** The ledger of suspensions (e.g. waiting for the applicant to supplement materials). */
  pauses: ReadonlyArray<Pause>;
}

/**
 * When a time limit runs out. Clocks are facts, not counters: the due date is derived each
 * time from the start, the budget and the ledger of pauses, never stored and decremented.
 *
 * 1. The base due date is the end (23:59:59.999 Shanghai time) of the `budgetDays`-th working
 *    day after the Shanghai date of `startedAt` (the start day does not count; see
 *    `addWorkingDays`).
 * 2. Each pause covers the working days d with shanghaiDate(from) <= d < shanghaiDate(to): the
 *    day the clock stops counts as paused, the day it restarts counts as running. An open pause
 *    (`to === null`) runs up to `now`. A day covered by several overlapping pauses is counted
 *    once. The due date moves later by that many working days.
 *
 * Throws `CalendarRangeError` if any day involved is outside the published calendar, and
 * `RangeError` for a closed pause that ends before it starts.
 */
export function dueAt(cal: WorkCalendar, clock: Clock, now: Date): Date {
  return dueDate(cal, clock, now).at;
}

/** A due date, and whether it rests on a provisional year. */
export interface DueDate {
  at: Date;
  /**
   * True when the due day, or any day counted to reach it (paused days included), lies in a
   * provisional year: the State Council's notice may move it (make-up days, bridged weekends).
   */
  provisional: boolean;
}

/**
 * `dueAt` with its provisional mark. Days are walked in order and the due day is the last one
 * counted, so the date rests on a provisional year exactly when the due day or a paused day lies
 * past the last published year.
 */
export function dueDate(cal: WorkCalendar, clock: Clock, now: Date): DueDate {
  const pausedDays = new Set<number>();
  for (const pause of clock.pauses) {
    const end = pause.to ?? now;
    if (pause.to && pause.to.getTime() < pause.from.getTime()) {
      throw new RangeError(`Pause ends (${pause.to.toISOString()}) before it starts (${pause.from.toISOString()})`);
    }
    const first = toDayNumber(shanghaiDate(pause.from));
    const stop = toDayNumber(shanghaiDate(end));
    for (let d = first; d < stop; d += 1) if (isWorkingDayNumber(cal, d)) pausedDays.add(d);
  }
  const due = addWorkingDays(cal, shanghaiDate(clock.startedAt), clock.budgetDays + pausedDays.size);
  const lastPublished = lastPublishedDayNumber(cal);
  const provisional = toDayNumber(due) > lastPublished || [...pausedDays].some((d) => d > lastPublished);
  return { at: endOfShanghaiDay(due), provisional };
}

/**
 * Whether the time limit was missed: decided after `due`, or still undecided and `now` is
 * after `due`. A decision at or before `due` is never overdue.
 */
export function isOverdue(due: Date, now: Date, decidedAt?: Date | null): boolean {
  const at = decidedAt ?? now;
  return at.getTime() > due.getTime();
}

/**
 * Working days left before a due date, for a countdown on a list: 0 on the due day itself, the
 * number of working days after today up to the due day before it, and minus the working days
 * since the due day once it has passed. Null when a day lies outside the calendar (the row shows
 * the date alone rather than a guess).
 */
export function remainingWorkingDays(cal: WorkCalendar, due: Date, now: Date): number | null {
  const today = shanghaiDate(now);
  const dueDay = shanghaiDate(due);
  try {
    if (dueDay >= today) return workingDaysBetween(cal, today, dueDay);
    return -Math.max(1, workingDaysBetween(cal, dueDay, today));
  } catch (e) {
    if (e instanceof CalendarRangeError) return null;
    throw e;
  }
}

/** The calendar's audit actions: a year of the State Council's notice entered. */
export const calendarAuditActions = ["calendar.publish"] as const;
export type CalendarAuditAction = (typeof calendarAuditActions)[number];
