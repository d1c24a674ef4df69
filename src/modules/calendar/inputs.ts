import { z } from "zod";
import { msg } from "@/lib/message";
import { isWeekendDay } from "./model";

// Client-safe input schemas of the working-day calendar; messages are message keys.

const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const MS_PER_DAY = 86_400_000;
/** A holiday period is at most a few weeks: a longer range is a typing mistake. */
const maxRangeDays = 31;

/** 'YYYY-MM-DD' of a typed day (2027-2-6 is accepted), or null when it is not a calendar date. */
function normaliseDay(token: string): string | null {
  const m = DAY.exec(token);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export type DayListResult = { ok: true; days: string[] } | { ok: false; token: string; problem: "notADate" | "backwards" | "rangeTooLong" };

/**
 * Parses the days as the data office types them from a notice: dates separated by new lines,
 * commas or 、, and ranges written `2027-02-06~2027-02-12`, `..` or `至`. The result is sorted
 * and without repeats.
 */
export function parseDayList(text: string): DayListResult {
  const tokens = text
    .split(/[\n,，、;；]+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  const days = new Set<string>();
  for (const token of tokens) {
    const parts = token.split(/\s*(?:~|～|\.\.|至|到)\s*/);
    if (parts.length > 2) return { ok: false, token, problem: "notADate" };
    const from = normaliseDay(parts[0] ?? "");
    const to = parts.length === 2 ? normaliseDay(parts[1] ?? "") : from;
    if (!from || !to) return { ok: false, token, problem: "notADate" };
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    if (b < a) return { ok: false, token, problem: "backwards" };
    if ((b - a) / MS_PER_DAY + 1 > maxRangeDays) return { ok: false, token, problem: "rangeTooLong" };
    for (let t = a; t <= b; t += MS_PER_DAY) days.add(new Date(t).toISOString().slice(0, 10));
  }
  return { ok: true, days: [...days].sort() };
}

function dayList(field: "holidays" | "makeupWorkdays") {
  return z
    .string()
    .max(4000, msg("calendar.validation.textTooLong"))
    .transform((text, ctx) => {
      const parsed = parseDayList(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: msg(`calendar.validation.${parsed.problem}`, { token: parsed.token.slice(0, 40) }) });
        return z.NEVER;
      }
      if (field === "holidays" && parsed.days.length === 0) {
        ctx.addIssue({ code: "custom", message: msg("calendar.validation.noHolidays") });
        return z.NEVER;
      }
      if (parsed.days.length > 80) {
        ctx.addIssue({ code: "custom", message: msg("calendar.validation.tooMany") });
        return z.NEVER;
      }
      return parsed.days;
    });
}

/**
 * A year's calendar as the State Council's notice publishes it: the notice it comes from, the
 * public holidays (放假) and the weekend days worked instead (调休上班). The server checks again
 * that the year is the next one and that every day belongs to it.
 */
export const ZPublishCalendarYearInput = z
  .object({
    year: z.coerce.number().int().min(2000, msg("calendar.validation.year")).max(2100, msg("calendar.validation.year")),
    source: z.string().trim().min(6, msg("calendar.validation.source")).max(300, msg("calendar.validation.sourceLong")),
    holidays: dayList("holidays"),
    makeupWorkdays: dayList("makeupWorkdays"),
    confirmed: z.literal(true, msg("calendar.validation.confirm")),
  })
  .superRefine(
    (v, ctx) => {
      const prefix = `${v.year}-`;
      const outside = (days: string[]) => days.find((d) => !d.startsWith(prefix));
      const holidayOutside = outside(v.holidays);
      if (holidayOutside)
        ctx.addIssue({ code: "custom", path: ["holidays"], message: msg("calendar.validation.outsideYear", { day: holidayOutside, year: v.year }) });
      const makeupOutside = outside(v.makeupWorkdays);
      if (makeupOutside)
        ctx.addIssue({ code: "custom", path: ["makeupWorkdays"], message: msg("calendar.validation.outsideYear", { day: makeupOutside, year: v.year }) });
      // 元旦 is a public holiday by law (全国年节及纪念日放假办法): missing it means a wrong year or list.
      if (!holidayOutside && !v.holidays.includes(`${v.year}-01-01`)) {
        ctx.addIssue({ code: "custom", path: ["holidays"], message: msg("calendar.validation.newYearsDay", { year: v.year }) });
      }
      const weekday = v.makeupWorkdays.find((d) => !isWeekendDay(d));
      if (weekday) ctx.addIssue({ code: "custom", path: ["makeupWorkdays"], message: msg("calendar.validation.makeupNotWeekend", { day: weekday }) });
      const both = v.makeupWorkdays.find((d) => v.holidays.includes(d));
      if (both) ctx.addIssue({ code: "custom", path: ["makeupWorkdays"], message: msg("calendar.validation.both", { day: both }) });
    },
    {
      // The days are checked against the year whenever they parsed, even if the source or the
      // confirmation is still missing, so every field says what is wrong at once.
      when: (payload) => !payload.issues.some((i) => ["year", "holidays", "makeupWorkdays"].includes(String(i.path?.[0]))),
    },
  );
export type PublishCalendarYearInput = z.input<typeof ZPublishCalendarYearInput>;
