import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  CalendarRangeError,
  calendarFromOfficialData,
  calendarFromRows,
  dueAt,
  dueDate,
  endOfShanghaiDay,
  isProvisionalDay,
  isOverdue,
  isWorkingDay,
  nextWorkingDay,
  shanghaiDate,
  workingDaysBetween,
  workingDaysInYear,
  type OfficialWorkdaysData,
} from "./model";
import official from "./official-workdays.json";

const cal = calendarFromOfficialData(official);

/** Shanghai wall-clock time → instant (UTC+8). */
const sh = (isoLocal: string) => new Date(`${isoLocal}+08:00`);

/**
 * An independent reference: enumerates dates with local-time `Date` objects (not the model's
 * UTC day numbers) and reads the JSON lists directly.
 */
function referenceWorkingDays(year: number): string[] {
  const entry = (official.years as Record<string, { holidays: string[]; makeupWorkdays: string[] }>)[String(year)]!;
  const out: string[] = [];
  for (let dt = new Date(year, 0, 1, 12); dt.getFullYear() === year; dt = new Date(dt.getFullYear(), dt.getMonth(), dt.getDate() + 1, 12)) {
    const key = `${dt.getFullYear()}-${String(dt.getMonth() + 1).padStart(2, "0")}-${String(dt.getDate()).padStart(2, "0")}`;
    const weekend = dt.getDay() === 0 || dt.getDay() === 6;
    if (entry.makeupWorkdays.includes(key) || (!weekend && !entry.holidays.includes(key))) out.push(key);
  }
  return out;
}

describe("the official data", () => {
  it("keeps its source and covers 2025–2026", () => {
    expect(official.source).toMatch(/State Council/);
    expect(cal.firstYear).toBe(2025);
    expect(cal.lastPublishedYear).toBe(2026);
  });

  it("loads the same calendar from database rows", () => {
    const days = Object.values(official.years).flatMap((y) => [
      ...y.holidays.map((day) => ({ day, kind: "holiday" as const })),
      ...y.makeupWorkdays.map((day) => ({ day, kind: "makeupWorkday" as const })),
    ]);
    const fromRows = calendarFromRows(days, [{ year: "2026" }, { year: "2025" }]);
    expect(fromRows).toEqual(cal);
  });

  it("rejects inconsistent data instead of guessing", () => {
    const base: OfficialWorkdaysData = official;
    expect(() => calendarFromRows([], [])).toThrow();
    expect(() => calendarFromRows([], [{ year: "2024" }, { year: "2026" }])).toThrow(/consecutive/);
    expect(() => calendarFromRows([{ day: "2027-01-01", kind: "holiday" }], [{ year: "2026" }])).toThrow(/not published/);
    // 2026-03-02 is a Monday: it cannot be a make-up working day.
    expect(() => calendarFromRows([{ day: "2026-03-02", kind: "makeupWorkday" }], [{ year: "2026" }])).toThrow(/weekend/);
    expect(() =>
      calendarFromRows(
        [
          { day: "2026-02-14", kind: "holiday" },
          { day: "2026-02-14", kind: "makeupWorkday" },
        ],
        [{ year: "2026" }],
      ),
    ).toThrow(/both/);
    expect(() => calendarFromOfficialData({ ...base, lastPublishedYear: 2027 })).toThrow(/lastPublishedYear/);
    expect(() => calendarFromOfficialData({ ...base, years: { "2026": { holidays: ["2025-10-01"], makeupWorkdays: [] } } })).toThrow(/listed under/);
  });
});

describe("isWorkingDay", () => {
  it.each([
    ["2026-01-01", false, "New Year's Day (Thursday)"],
    ["2026-01-02", false, "New Year holiday (Friday)"],
    ["2026-01-03", false, "New Year holiday (Saturday)"],
    ["2026-01-04", true, "make-up Sunday"],
    ["2026-02-13", true, "ordinary Friday"],
    ["2026-02-14", true, "make-up Saturday before the Spring Festival"],
    ["2026-02-15", false, "Spring Festival (Sunday)"],
    ["2026-02-17", false, "Spring Festival (Tuesday)"],
    ["2026-02-21", false, "Spring Festival (Saturday)"],
    ["2026-02-23", false, "last Spring Festival day (Monday)"],
    ["2026-02-24", true, "back to work (Tuesday)"],
    ["2026-02-28", true, "make-up Saturday after the Spring Festival"],
    ["2026-03-01", false, "ordinary Sunday"],
    ["2026-03-07", false, "ordinary Saturday"],
    ["2026-03-09", true, "ordinary Monday"],
    ["2026-09-20", true, "make-up Sunday before National Day"],
    ["2026-09-25", false, "Mid-Autumn Festival (Friday)"],
    ["2026-10-01", false, "National Day"],
    ["2026-10-07", false, "last National Day holiday (Wednesday)"],
    ["2026-10-08", true, "back to work (Thursday)"],
    ["2026-10-10", true, "make-up Saturday after National Day"],
    ["2026-10-11", false, "ordinary Sunday"],
  ])("%s is %s (%s)", (day, expected) => {
    expect(isWorkingDay(cal, day)).toBe(expected);
  });

  it("counts 248 working days in 2026: 261 weekdays − 19 weekday holidays + 6 make-up days", () => {
    // By hand: 2026 starts and ends on a Thursday, so 52 full weeks + 1 Thursday = 261 weekdays.
    // Holidays on weekdays: New Year 2 (01-01, 01-02), Spring Festival 6 (02-16…02-20, 02-23),
    // Qingming 1 (04-06), Labour Day 3 (05-01, 05-04, 05-05), Dragon Boat 1 (06-19),
    // Mid-Autumn 1 (09-25), National Day 5 (10-01, 10-02, 10-05, 10-06, 10-07) = 19.
    // Make-up days: 01-04, 02-14, 02-28, 05-09, 09-20, 10-10 = 6.
    const reference = referenceWorkingDays(2026);
    expect(reference).toHaveLength(261 - 19 + 6);
    expect(workingDaysBetween(cal, "2025-12-31", "2026-12-31")).toBe(248);
    for (const day of reference) expect(isWorkingDay(cal, day)).toBe(true);
  });

  it("agrees with the reference enumeration on every day of 2025 and 2026", () => {
    for (const year of [2025, 2026]) {
      const reference = new Set(referenceWorkingDays(year));
      for (let m = 0; m < 12; m += 1) {
        for (let d = 1; d <= 31; d += 1) {
          const dt = new Date(year, m, d, 12);
          if (dt.getMonth() !== m) continue;
          const key = `${year}-${String(m + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          expect(isWorkingDay(cal, key), key).toBe(reference.has(key));
        }
      }
    }
    // 2025: 261 weekdays − 18 weekday holidays + 5 make-up days. 2025-01-01 is a holiday, so the
    // half-open range (01-01, 12-31] misses no working day.
    expect(referenceWorkingDays(2025)).toHaveLength(261 - 18 + 5);
    expect(workingDaysBetween(cal, "2025-01-01", "2025-12-31")).toBe(248);
  });

  it("rejects malformed dates", () => {
    expect(() => isWorkingDay(cal, "2026-02-30")).toThrow(TypeError);
    expect(() => isWorkingDay(cal, "2026-2-3")).toThrow(TypeError);
    expect(() => isWorkingDay(cal, "2026-02-03T00:00:00Z")).toThrow(TypeError);
  });
});

describe("addWorkingDays (the day of receipt does not count)", () => {
  it.each([
    // Spring Festival 2026: holidays 02-15…02-23, make-up Saturdays 02-14 and 02-28.
    ["2026-02-13", 1, "2026-02-14"],
    ["2026-02-13", 2, "2026-02-24"],
    ["2026-02-12", 1, "2026-02-13"],
    ["2026-02-12", 5, "2026-02-26"],
    ["2026-02-12", 7, "2026-02-28"],
    ["2026-02-12", 8, "2026-03-02"],
    ["2026-02-14", 1, "2026-02-24"],
    ["2026-02-18", 1, "2026-02-24"],
    ["2026-02-27", 1, "2026-02-28"],
    // National Day 2026: Mid-Autumn 09-25…09-27, holidays 10-01…10-07, make-up 09-20 (Sun) and 10-10 (Sat).
    ["2026-09-18", 1, "2026-09-20"],
    ["2026-09-20", 1, "2026-09-21"],
    ["2026-09-24", 1, "2026-09-28"],
    ["2026-09-30", 1, "2026-10-08"],
    ["2026-09-30", 3, "2026-10-10"],
    ["2026-09-30", 4, "2026-10-12"],
    // New Year 2026: holidays 01-01…01-03, make-up 01-04 (Sun).
    ["2025-12-30", 1, "2025-12-31"],
    ["2025-12-31", 1, "2026-01-04"],
    ["2025-12-31", 2, "2026-01-05"],
    // An ordinary week.
    ["2026-03-09", 1, "2026-03-10"],
    ["2026-03-09", 4, "2026-03-13"],
    ["2026-03-09", 5, "2026-03-16"],
    ["2026-03-13", 1, "2026-03-16"],
    ["2026-03-14", 1, "2026-03-16"],
    ["2026-03-09", 0, "2026-03-09"],
    // Labour Day 2026: holidays 05-01…05-05, make-up 05-09 (Sat).
    ["2026-04-30", 1, "2026-05-06"],
    ["2026-05-08", 1, "2026-05-09"],
  ])("%s + %i working days = %s", (start, n, expected) => {
    expect(addWorkingDays(cal, start, n)).toBe(expected);
    if (n > 0) expect(workingDaysBetween(cal, start, expected)).toBe(n);
  });

  it("nextWorkingDay is the first working day strictly after", () => {
    expect(nextWorkingDay(cal, "2026-02-13")).toBe("2026-02-14");
    expect(nextWorkingDay(cal, "2026-02-14")).toBe("2026-02-24");
    expect(nextWorkingDay(cal, "2026-03-10")).toBe("2026-03-11");
  });

  it("rejects a negative or fractional count", () => {
    expect(() => addWorkingDays(cal, "2026-03-09", -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, "2026-03-09", 1.5)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it.each([
    ["2026-02-13", "2026-02-24", 2],
    ["2026-02-12", "2026-02-28", 7],
    ["2026-02-14", "2026-02-23", 0],
    ["2026-03-06", "2026-03-13", 5],
    ["2026-03-09", "2026-03-09", 0],
    ["2026-02-24", "2026-02-13", 0],
  ])("(%s, %s] has %i working days", (from, to, expected) => {
    expect(workingDaysBetween(cal, from, to)).toBe(expected);
  });
});

describe("outside the published calendar, without provisional years", () => {
  const cal = calendarFromOfficialData(official, { provisionalYears: 0 });

  const rangeError = (fn: () => unknown): CalendarRangeError => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarRangeError);
      return e as CalendarRangeError;
    }
    throw new Error("expected a CalendarRangeError");
  };

  it("throws for a date in an unpublished year", () => {
    expect(rangeError(() => isWorkingDay(cal, "2027-01-04")).date).toBe("2027-01-04");
    expect(rangeError(() => isWorkingDay(cal, "2024-12-31")).date).toBe("2024-12-31");
    expect(rangeError(() => addWorkingDays(cal, "2027-01-04", 0)).date).toBe("2027-01-04");
    expect(rangeError(() => workingDaysBetween(cal, "2027-01-04", "2026-12-01")).date).toBe("2027-01-04");
  });

  it("throws when a computation walks past 2026-12-31", () => {
    expect(addWorkingDays(cal, "2026-12-30", 1)).toBe("2026-12-31");
    expect(addWorkingDays(cal, "2026-12-31", 0)).toBe("2026-12-31");
    expect(rangeError(() => addWorkingDays(cal, "2026-12-30", 2)).date).toBe("2027-01-01");
    expect(rangeError(() => nextWorkingDay(cal, "2026-12-31")).date).toBe("2027-01-01");
    expect(rangeError(() => workingDaysBetween(cal, "2026-12-01", "2027-01-04")).date).toBe("2027-01-04");
  });

  it("throws rather than guessing a due date in 2027", () => {
    expect(() => dueAt(cal, { startedAt: sh("2026-12-20T10:00:00"), budgetDays: 20, pauses: [] }, sh("2026-12-20T10:00:00"))).toThrow(CalendarRangeError);
  });
});

describe("provisional years", () => {
  const rangeError = (fn: () => unknown): CalendarRangeError => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarRangeError);
      return e as CalendarRangeError;
    }
    throw new Error("expected a CalendarRangeError");
  };

  it("covers ten years past the last published one, and no more", () => {
    expect(cal.lastPublishedYear).toBe(2026);
    expect(cal.lastYear).toBe(2036);
    expect([...cal.provisionalYears]).toEqual([2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035, 2036]);
    expect(isWorkingDay(cal, "2036-12-31")).toBe(true);
    const e = rangeError(() => isWorkingDay(cal, "2037-01-01"));
    expect(e.date).toBe("2037-01-01");
    expect(e.lastYear).toBe(2036);
    expect(e.message).toMatch(/provisional/);
    expect(rangeError(() => addWorkingDays(cal, "2036-12-30", 2)).date).toBe("2037-01-01");
  });

  it("knows which days are provisional", () => {
    expect(isProvisionalDay(cal, "2026-12-31")).toBe(false);
    expect(isProvisionalDay(cal, "2027-01-01")).toBe(true);
    expect(isProvisionalDay(cal, "2036-12-31")).toBe(true);
    expect(isProvisionalDay(cal, "2037-01-01")).toBe(false);
    expect(isProvisionalDay(cal, "2025-06-01")).toBe(false);
  });

  it("takes the holidays of 2027 from the rules, with no make-up working days", () => {
    // Spring Festival 2027: eve 02-05, 1st–3rd 02-06..02-08 (Friday to Monday).
    for (const day of ["2027-01-01", "2027-02-05", "2027-02-08", "2027-04-05", "2027-05-01", "2027-05-02", "2027-06-09", "2027-09-15", "2027-10-01"]) {
      expect(isWorkingDay(cal, day), day).toBe(false);
    }
    // 2027-02-09 (Tuesday, 4th of the first month) is a working day: the rules give 4 days only.
    expect(isWorkingDay(cal, "2027-02-09")).toBe(true);
    expect(isWorkingDay(cal, "2027-10-04")).toBe(true);
    // No make-up days: every weekend day is off.
    expect(isWorkingDay(cal, "2027-02-20")).toBe(false);
    expect([...cal.makeupWorkdays].some((d) => d >= "2027")).toBe(false);
    // 2027 has 261 weekdays; 7 of its 13 statutory holidays fall on one (01-01, 02-05, 02-08,
    // 04-05, 06-09, 09-15, 10-01), the other 6 on weekends and are not made up.
    expect(workingDaysInYear(cal, 2027)).toBe(254);
  });

  it("counts a due date across the new year into 2027 and marks it provisional", () => {
    const start = sh("2026-12-04T10:00:00");
    // 2026-12-04 is a Friday: 20 working days → 2027-01-04 would be day 20 if 2027-01-01 were not a holiday.
    const due = dueDate(cal, { startedAt: start, budgetDays: 20, pauses: [] }, start);
    expect(shanghaiDate(due.at)).toBe("2027-01-04");
    expect(due.provisional).toBe(true);
    expect(dueAt(cal, { startedAt: start, budgetDays: 20, pauses: [] }, start)).toEqual(due.at);
  });

  it("does not mark a due date inside the published years", () => {
    const start = sh("2026-12-01T10:00:00");
    const due = dueDate(cal, { startedAt: start, budgetDays: 5, pauses: [] }, start);
    expect(shanghaiDate(due.at)).toBe("2026-12-08");
    expect(due.provisional).toBe(false);
  });

  it("marks a due date provisional exactly when its day is past the last published year (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 60 }), (offset, budget) => {
        const start = new Date(Date.UTC(2026, 0, 1, 2) + offset * 86_400_000);
        const due = dueDate(cal, { startedAt: start, budgetDays: budget, pauses: [] }, start);
        const day = shanghaiDate(due.at);
        expect(due.provisional).toBe(day > "2026-12-31");
        expect(workingDaysBetween(cal, shanghaiDate(start), day)).toBe(budget);
      }),
    );
  });

  it("ignores provisional holidays for a year once it is published", () => {
    const withMore = calendarFromRows(
      [
        { day: "2027-01-01", kind: "holiday" },
        { day: "2027-02-09", kind: "holiday" },
      ],
      [{ year: "2026" }, { year: "2027" }],
    );
    expect(withMore.lastPublishedYear).toBe(2027);
    expect(withMore.provisionalYears.has(2027)).toBe(false);
    // Published: only what the rows say (no Spring Festival here, so 02-08 is a working Monday).
    expect(isWorkingDay(withMore, "2027-02-08")).toBe(true);
    expect(isWorkingDay(withMore, "2027-02-09")).toBe(false);
    expect(withMore.lastYear).toBe(2037);
  });
});

describe("properties", () => {
  const firstDay = Date.UTC(2025, 0, 1);
  const lastDay = Date.UTC(2026, 9, 31);
  const dayArb = fc.integer({ min: 0, max: (lastDay - firstDay) / 86_400_000 }).map((i) => new Date(firstDay + i * 86_400_000).toISOString().slice(0, 10));

  it("addWorkingDays(d, n) is a working day after d, n working days later", () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const due = addWorkingDays(cal, d, n);
        expect(isWorkingDay(cal, due)).toBe(true);
        expect(due > d).toBe(true);
        expect(workingDaysBetween(cal, d, due)).toBe(n);
        // And it is the first such day: the day before is still short of n.
        expect(addWorkingDays(cal, d, n - 1) < due).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("workingDaysBetween is additive", () => {
    fc.assert(
      fc.property(dayArb, dayArb, dayArb, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort();
        expect(workingDaysBetween(cal, x!, y!) + workingDaysBetween(cal, y!, z!)).toBe(workingDaysBetween(cal, x!, z!));
      }),
      { numRuns: 200 },
    );
  });

  it("shanghaiDate and endOfShanghaiDay agree", () => {
    fc.assert(
      fc.property(dayArb, (d) => {
        const end = endOfShanghaiDay(d);
        expect(shanghaiDate(end)).toBe(d);
        expect(shanghaiDate(new Date(end.getTime() + 1))).toBe(nextDay(d));
      }),
    );
  });
});

function nextDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

describe("Shanghai dates", () => {
  it.each([
    ["2026-02-13T16:30:00Z", "2026-02-14"],
    ["2026-02-13T15:59:59.999Z", "2026-02-13"],
    ["2026-02-13T16:00:00Z", "2026-02-14"],
    ["2026-12-31T16:00:00Z", "2027-01-01"],
    ["2026-07-01T00:00:00Z", "2026-07-01"],
  ])("shanghaiDate(%s) = %s", (iso, expected) => {
    expect(shanghaiDate(new Date(iso))).toBe(expected);
  });

  it("endOfShanghaiDay is 23:59:59.999 at UTC+8", () => {
    expect(endOfShanghaiDay("2026-02-24").toISOString()).toBe("2026-02-24T15:59:59.999Z");
    expect(endOfShanghaiDay("2026-01-01").toISOString()).toBe("2026-01-01T15:59:59.999Z");
  });
});

describe("dueAt (derived from the start, the budget and the ledger of pauses)", () => {
  // Monday 2026-02-09, 10:00 in Shanghai; 10 working days: 02-10…02-14, 02-24…02-28.
  const startedAt = sh("2026-02-09T10:00:00");
  const now = sh("2026-03-20T09:00:00");

  it("is the end of the budget-th working day after the start date", () => {
    expect(dueAt(cal, { startedAt, budgetDays: 10, pauses: [] }, now).toISOString()).toBe("2026-02-28T15:59:59.999Z");
    expect(dueAt(cal, { startedAt: sh("2026-02-13T10:00:00"), budgetDays: 2, pauses: [] }, now)).toEqual(endOfShanghaiDay("2026-02-24"));
  });

  it("uses the Shanghai date of the start, not the UTC date", () => {
    // 2026-02-13T17:00Z is 01:00 on Saturday 2026-02-14 in Shanghai (a make-up working day).
    const due = dueAt(cal, { startedAt: new Date("2026-02-13T17:00:00Z"), budgetDays: 1, pauses: [] }, now);
    expect(due).toEqual(endOfShanghaiDay("2026-02-24"));
  });

  it("moves later by the working days a pause over the Spring Festival covers", () => {
    // Paused Thursday 02-12 09:00 to Wednesday 02-25 09:00: covers 02-12, 02-13, 02-14, 02-24
    // (the holidays 02-15…02-23 are not working days): 4 days, so 02-28 moves to 03-05.
    const pauses = [{ from: sh("2026-02-12T09:00:00"), to: sh("2026-02-25T09:00:00") }];
    expect(dueAt(cal, { startedAt, budgetDays: 10, pauses }, now)).toEqual(endOfShanghaiDay("2026-03-05"));
  });

  it("does not move for a pause that covers only holidays or part of one day", () => {
    const holidaysOnly = [{ from: sh("2026-02-15T09:00:00"), to: sh("2026-02-23T20:00:00") }];
    expect(dueAt(cal, { startedAt, budgetDays: 10, pauses: holidaysOnly }, now)).toEqual(endOfShanghaiDay("2026-02-28"));
    const sameDay = [{ from: sh("2026-02-10T09:00:00"), to: sh("2026-02-10T17:00:00") }];
    expect(dueAt(cal, { startedAt, budgetDays: 10, pauses: sameDay }, now)).toEqual(endOfShanghaiDay("2026-02-28"));
  });

  it("counts an open pause up to now", () => {
    const pauses = [{ from: sh("2026-02-12T09:00:00"), to: null }];
    // Now is 02-24 11:00: covers 02-12, 02-13, 02-14 (02-24 itself is the current day, not yet counted).
    expect(dueAt(cal, { startedAt, budgetDays: 10, pauses }, sh("2026-02-24T11:00:00"))).toEqual(endOfShanghaiDay("2026-03-04"));
  });

  it("adds several pauses, counting an overlapped day once", () => {
    const pauses = [
      { from: sh("2026-02-10T09:00:00"), to: sh("2026-02-11T09:00:00") }, // 02-10
      { from: sh("2026-02-24T09:00:00"), to: sh("2026-02-26T09:00:00") }, // 02-24, 02-25
      { from: sh("2026-02-25T09:00:00"), to: sh("2026-02-26T10:00:00") }, // 02-25 again
    ];
    // 3 working days: 02-28 → 03-02, 03-03, 03-04.
    expect(dueAt(cal, { startedAt, budgetDays: 10, pauses }, now)).toEqual(endOfShanghaiDay("2026-03-04"));
  });

  it("rejects a pause that ends before it starts", () => {
    const pauses = [{ from: sh("2026-02-12T09:00:00"), to: sh("2026-02-11T09:00:00") }];
    expect(() => dueAt(cal, { startedAt, budgetDays: 10, pauses }, now)).toThrow(RangeError);
  });
});

describe("isOverdue", () => {
  const due = endOfShanghaiDay("2026-02-24");
  const justAfter = new Date(due.getTime() + 1);
  it.each([
    ["undecided, now is the due instant", due, undefined, false],
    ["undecided, 1 ms after the due instant", justAfter, null, true],
    ["decided on time, checked later", justAfter, sh("2026-02-24T18:00:00"), false],
    ["decided late", justAfter, sh("2026-02-25T00:00:00"), true],
    ["undecided, before the due date", sh("2026-02-20T10:00:00"), null, false],
  ] as const)("%s", (_label, now, decidedAt, expected) => {
    expect(isOverdue(due, now, decidedAt)).toBe(expected);
  });
});
