import { TRPCError } from "@trpc/server";
import { and, between, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { translateServerMessage } from "@/i18n/messages";
import { auditEvents } from "@/modules/audit/schema";
import { actorByLogin, withDemo } from "@/root/testing/fixtures";
import { createCallerFactory, createTRPCRouter } from "@/server/trpc/init";
import { ZPublishCalendarYearInput, type PublishCalendarYearInput } from "./inputs";
import { calendarReminder, listCalendarYears } from "./list-years";
import { cachedCalendar } from "./load-calendar";
import { addWorkingDays, isProvisionalDay } from "./model";
import officialWorkdays from "./official-workdays.json";
import { publishCalendarYear } from "./publish-year";
import { calendarRouter } from "./router";
import { calendarDays, calendarYears } from "./schema";

const createCaller = createCallerFactory(createTRPCRouter({ calendar: calendarRouter }));

const { h, office } = await withDemo({ office: "dataoffice" });

/** Working days of a year (up to `until`) counted the plain way: the check on the calendar's figures. */
function countWorkingDays(year: number, holidays: readonly string[], makeup: readonly string[], until = `${year}-12-31`): number {
  let n = 0;
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000)) {
    const day = d.toISOString().slice(0, 10);
    if (day > until) break;
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    if (makeup.includes(day) || (!weekend && !holidays.includes(day))) n += 1;
  }
  return n;
}

/** The first Saturday of February of `year`: a make-up working day in the test's notice. */
function firstSaturdayOfFebruary(year: number): string {
  const d = new Date(Date.UTC(year, 1, 1));
  while (d.getUTCDay() !== 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A notice of the test's own for `year` (not an official one): New Year's Day, a spring week, one make-up Saturday. */
function testNotice(year: number, overrides: Partial<PublishCalendarYearInput> = {}): PublishCalendarYearInput {
  return {
    year,
    source: `测试用通知（非官方）${year}`,
    holidays: `${year}-01-01\n${year}-02-10~${year}-02-16`,
    makeupWorkdays: firstSaturdayOfFebruary(year),
    confirmed: true,
    ...overrides,
  };
}

async function daysOf(year: number) {
  return h.db
    .select()
    .from(calendarDays)
    .where(between(calendarDays.day, `${year}-01-01`, `${year}-12-31`));
}

function issuesOf(input: PublishCalendarYearInput) {
  const parsed = ZPublishCalendarYearInput.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message.split("|")[0] }));
}

describe("the working-day calendar", () => {
  it("lists the seeded years with their source, days and working days, and reminds the data office near the end of the last year", async () => {
    const listed = await listCalendarYears(h.db, new Date("2026-06-01T00:00:00+08:00"));
    const last = Math.max(...listed.years.map((y) => y.year));
    for (const [year, entry] of Object.entries(officialWorkdays.years)) {
      const view = listed.years.find((y) => y.year === Number(year));
      expect(view).toMatchObject({
        source: officialWorkdays.source,
        holidays: [...entry.holidays].sort(),
        makeupWorkdays: [...entry.makeupWorkdays].sort(),
        publishedAt: null,
      });
      expect(view?.workingDays).toBe(countWorkingDays(Number(year), entry.holidays, entry.makeupWorkdays));
    }
    expect(listed.nextYear).toBe(last + 1);

    const far = await listCalendarYears(h.db, new Date(`${last}-06-01T00:00:00+08:00`));
    expect(far.nextYearDue).toBe(false);
    const near = await listCalendarYears(h.db, new Date(`${last}-11-27T10:00:00+08:00`));
    expect(near).toMatchObject({ nextYearDue: true, daysLeft: 34 });
    // The landing page's reminder reads only the last year, and says the same.
    expect(await calendarReminder(h.db, new Date(`${last}-11-27T10:00:00+08:00`))).toEqual({ nextYear: last + 1, daysLeft: 34, nextYearDue: true });
    expect(await calendarReminder(h.db, new Date(`${last}-06-01T00:00:00+08:00`))).toMatchObject({ nextYearDue: false });
    const past = await listCalendarYears(h.db, new Date(`${last + 1}-01-05T10:00:00+08:00`));
    expect(past.nextYearDue).toBe(true);
    expect(past.daysLeft).toBeLessThan(0);
  });

  it("refuses input a notice cannot have, on the field it belongs to", () => {
    const year = 2040;
    expect(issuesOf(testNotice(year))).toEqual([]);
    expect(issuesOf(testNotice(year, { holidays: `${year}-01-01\n${year}-02-30` }))).toEqual([{ path: "holidays", message: "calendar.validation.notADate" }]);
    expect(issuesOf(testNotice(year, { holidays: `${year}-01-01\n${year}-02-16~${year}-02-10` }))).toEqual([
      { path: "holidays", message: "calendar.validation.backwards" },
    ]);
    expect(issuesOf(testNotice(year, { holidays: `${year}-01-01~${year}-03-01` }))).toEqual([
      { path: "holidays", message: "calendar.validation.rangeTooLong" },
    ]);
    expect(issuesOf(testNotice(year, { holidays: "" }))).toEqual([{ path: "holidays", message: "calendar.validation.noHolidays" }]);
    expect(issuesOf(testNotice(year, { holidays: `${year}-05-01` }))).toEqual([{ path: "holidays", message: "calendar.validation.newYearsDay" }]);
    expect(issuesOf(testNotice(year, { holidays: `${year}-01-01、${year + 1}-01-01` }))).toEqual([
      { path: "holidays", message: "calendar.validation.outsideYear" },
    ]);
    // 2040-02-06 is a Monday.
    expect(issuesOf(testNotice(year, { makeupWorkdays: "2040-02-06" }))).toEqual([{ path: "makeupWorkdays", message: "calendar.validation.makeupNotWeekend" }]);
    expect(issuesOf(testNotice(year, { holidays: `${year}-01-01, 2040-02-04`, makeupWorkdays: "2040-02-04" }))).toEqual([
      { path: "makeupWorkdays", message: "calendar.validation.both" },
    ]);
    expect(issuesOf(testNotice(year, { source: "通知" }))).toEqual([{ path: "source", message: "calendar.validation.source" }]);
    expect(issuesOf({ ...testNotice(year), confirmed: false as unknown as true })).toEqual([{ path: "confirmed", message: "calendar.validation.confirm" }]);
    // Every field speaks at once: the days are checked even while the confirmation is missing.
    expect(issuesOf({ ...testNotice(year, { makeupWorkdays: "2040-02-06" }), confirmed: false as unknown as true })).toEqual([
      { path: "confirmed", message: "calendar.validation.confirm" },
      { path: "makeupWorkdays", message: "calendar.validation.makeupNotWeekend" },
    ]);
    // Ranges and separators as notices write them.
    const parsed = ZPublishCalendarYearInput.parse(testNotice(year, { holidays: `${year}-1-1，${year}-02-10 至 ${year}-02-12\n\n${year}-02-11` }));
    expect(parsed.holidays).toEqual([`${year}-01-01`, `${year}-02-10`, `${year}-02-11`, `${year}-02-12`]);
  });

  it("keeps publication to the data office and to the year after the last, writing nothing when refused", async () => {
    const { nextYear } = await listCalendarYears(h.db);
    const reviewer = await actorByLogin(h.db, "reviewer.market");
    const asReviewer = createCaller({ db: h.db, actor: reviewer, self: reviewer, locale: "zh-CN" });
    await expect(asReviewer.calendar.publish(testNotice(nextYear))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(publishCalendarYear(h.db, reviewer, ZPublishCalendarYearInput.parse(testNotice(nextYear)))).rejects.toMatchObject({ code: "forbidden" });

    const api = createCaller({ db: h.db, actor: office, self: office, locale: "zh-CN" });
    const skipped = await api.calendar.publish(testNotice(nextYear + 1)).catch((e: unknown) => e);
    expect(skipped).toBeInstanceOf(TRPCError);
    expect(translateServerMessage("zh-CN", (skipped as TRPCError).message)).toBe(`只能录入 ${nextYear} 年：年份必须紧接已公布的最后一年。`);
    const seeded = Number(Object.keys(officialWorkdays.years)[0]);
    await expect(api.calendar.publish(testNotice(seeded))).rejects.toMatchObject({ code: "CONFLICT" });
    const weekdayMakeup = await api.calendar.publish(testNotice(nextYear, { makeupWorkdays: `${nextYear}-01-01` })).catch((e: unknown) => e);
    expect(weekdayMakeup).toMatchObject({ code: "BAD_REQUEST" });

    expect(await daysOf(nextYear)).toEqual([]);
    expect(await daysOf(nextYear + 1)).toEqual([]);
    expect(
      await h.db
        .select()
        .from(calendarYears)
        .where(eq(calendarYears.year, String(nextYear))),
    ).toEqual([]);
  });

  it("publishes the next year in one go: due dates run into it at once, the audit names the office, and a second entry is a conflict", async () => {
    const { nextYear } = await listCalendarYears(h.db);
    const last = nextYear - 1;
    // Before: a due date in the unpublished year is computed from the holiday rules, provisional.
    const before = await cachedCalendar(h.db);
    expect(before.provisionalYears.has(nextYear)).toBe(true);
    expect(isProvisionalDay(before, addWorkingDays(before, `${last}-12-30`, 5))).toBe(true);

    const now = new Date(`${last}-11-27T10:00:00+08:00`);
    // Two offices at once: one enters the year, the other is told it is already there.
    const results = await Promise.allSettled([
      publishCalendarYear(h.db, office, ZPublishCalendarYearInput.parse(testNotice(nextYear)), now),
      publishCalendarYear(h.db, office, ZPublishCalendarYearInput.parse(testNotice(nextYear)), now),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toEqual([{ status: "fulfilled", value: { year: nextYear, holidays: 8, makeupWorkdays: 1 } }]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });

    const days = await daysOf(nextYear);
    expect(days).toHaveLength(9);
    expect(days.every((d) => d.source === `测试用通知（非官方）${nextYear}`)).toBe(true);

    // The cache was cleared: the new year counts at once, and agrees with a plain count.
    const cal = await cachedCalendar(h.db);
    expect(cal.lastPublishedYear).toBe(nextYear);
    expect(cal.provisionalYears.has(nextYear)).toBe(false);
    const holidays = [`${nextYear}-01-01`, ...Array.from({ length: 7 }, (_, i) => `${nextYear}-02-${String(10 + i)}`)];
    const makeup = [firstSaturdayOfFebruary(nextYear)];
    const due = addWorkingDays(cal, `${last}-12-30`, 30);
    expect(due.startsWith(`${nextYear}-02`)).toBe(true);
    expect(countWorkingDays(nextYear, holidays, makeup, due) + (cal.holidays.has(`${last}-12-31`) ? 0 : 1)).toBe(30);

    const listed = await listCalendarYears(h.db, now);
    const view = listed.years.find((y) => y.year === nextYear);
    expect(view).toMatchObject({ publishedAt: now, publishedByName: expect.any(String) as string });
    expect(view?.workingDays).toBe(countWorkingDays(nextYear, holidays, makeup));
    expect(listed).toMatchObject({ nextYear: nextYear + 1, nextYearDue: false });
    // The data office sees the ten years after it as provisional, computed from the rules.
    expect(listed.provisionalYears.map((y) => y.year)).toEqual(Array.from({ length: 10 }, (_, i) => nextYear + 1 + i));
    expect(listed.provisionalYears[0]?.holidays).toContain(`${nextYear + 1}-10-01`);

    const audits = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.streamId, "calendar"), eq(auditEvents.entityId, String(nextYear))));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "calendar.publish", actorRole: "dataOffice", actorUserId: office.userId });
  });
});
