import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { provisionalHolidays, statutoryHolidays } from "./holiday-rules";
import { lunarDay, lunarMonthsOfSui, newMoonJde, qingmingDay, sunApparentLongitude, winterSolsticeDay } from "./lunar";
import official from "./official-workdays.json";

const day = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/**
 * The festivals as the State Council's notices and the Purple Mountain Observatory's almanac give
 * them: [year, Spring Festival (1st of the 1st month), Qingming, Dragon Boat, Mid-Autumn].
 */
const known: ReadonlyArray<readonly [number, string, string, string, string]> = [
  [2020, "2020-01-25", "2020-04-04", "2020-06-25", "2020-10-01"],
  [2021, "2021-02-12", "2021-04-04", "2021-06-14", "2021-09-21"],
  [2022, "2022-02-01", "2022-04-05", "2022-06-03", "2022-09-10"],
  [2023, "2023-01-22", "2023-04-05", "2023-06-22", "2023-09-29"],
  [2024, "2024-02-10", "2024-04-04", "2024-06-10", "2024-09-17"],
  [2025, "2025-01-29", "2025-04-04", "2025-05-31", "2025-10-06"],
  [2026, "2026-02-17", "2026-04-05", "2026-06-19", "2026-09-25"],
  [2027, "2027-02-06", "2027-04-05", "2027-06-09", "2027-09-15"],
  [2028, "2028-01-26", "2028-04-04", "2028-05-28", "2028-10-03"],
  [2029, "2029-02-13", "2029-04-04", "2029-06-16", "2029-09-22"],
  [2030, "2030-02-03", "2030-04-05", "2030-06-05", "2030-09-12"],
];

describe("the Sun and the Moon", () => {
  it("finds the new moon of 1977-02-18 (Meeus example 49.a)", () => {
    // JDE 2443192.65118 for k = −283.
    expect(newMoonJde(-283)).toBeCloseTo(2443192.65118, 4);
  });

  it("gives the Sun's apparent longitude of 1992-10-13 0h TD (Meeus example 25.a)", () => {
    expect(sunApparentLongitude(2448908.5)).toBeCloseTo(199.9089, 2);
  });

  it("puts the winter solstices on their known days", () => {
    expect(day(winterSolsticeDay(2024))).toBe("2024-12-21");
    expect(day(winterSolsticeDay(2025))).toBe("2025-12-21");
    expect(day(winterSolsticeDay(2026))).toBe("2026-12-22");
  });

  it("numbers the leap months of 2020 (4th), 2023 (2nd), 2025 (6th) and 2033 (11th)", () => {
    const leapOf = (year: number) => lunarMonthsOfSui(year).find((m) => m.leap)?.month;
    expect(leapOf(2020)).toBe(4);
    expect(leapOf(2023)).toBe(2);
    expect(leapOf(2025)).toBe(6);
    expect(leapOf(2026)).toBeUndefined();
    // The "2033 problem": the leap month is the 11th of 2033, in the lunar year running into 2034.
    expect(leapOf(2034)).toBe(11);
    expect(day(lunarDay(2034, 1, 1))).toBe("2034-02-19");
  });
});

describe("the festivals", () => {
  it.each(known)("%i: Spring Festival %s, Qingming %s, Dragon Boat %s, Mid-Autumn %s", (year, spring, qingming, dragonBoat, midAutumn) => {
    expect(day(lunarDay(year, 1, 1))).toBe(spring);
    expect(day(qingmingDay(year))).toBe(qingming);
    expect(day(lunarDay(year, 5, 5))).toBe(dragonBoat);
    expect(day(lunarDay(year, 8, 15))).toBe(midAutumn);
  });

  it.each(Object.keys(official.years))("every statutory holiday computed for %s is an official holiday", (year) => {
    const published = (official.years as Record<string, { holidays: string[] }>)[year]!.holidays;
    const computed = statutoryHolidays(Number(year));
    expect(computed).toHaveLength(13);
    for (const h of computed) expect(published, `${h.festival} ${h.day}`).toContain(h.day);
  });

  it("gives Spring Festival four days from New Year's Eve", () => {
    const spring = statutoryHolidays(2027)
      .filter((h) => h.festival === "springFestival")
      .map((h) => h.day);
    expect(spring).toEqual(["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"]);
    // 2028: the 12th month of the year before has 29 days, the eve is still the day before.
    expect(
      statutoryHolidays(2028)
        .filter((h) => h.festival === "springFestival")
        .map((h) => h.day)[0],
    ).toBe("2028-01-25");
  });

  it("counts Mid-Autumn on National Day once (2020)", () => {
    expect(statutoryHolidays(2020)).toHaveLength(13);
    expect(provisionalHolidays(2020)).toHaveLength(12);
  });

  it("keeps each festival in its season, every year to 2100 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), (year) => {
        const months = lunarMonthsOfSui(year);
        expect([12, 13]).toContain(months.length);
        expect(months.filter((m) => m.leap).length).toBe(months.length - 12);
        for (let i = 1; i < months.length; i += 1) {
          const length = months[i]!.start - months[i - 1]!.start;
          expect(length === 29 || length === 30).toBe(true);
        }
        const spring = day(lunarDay(year, 1, 1));
        // The Spring Festival falls between 21 January and 20 February.
        expect(spring >= `${year}-01-21` && spring <= `${year}-02-20`).toBe(true);
        const qingming = day(qingmingDay(year));
        expect(qingming >= `${year}-04-04` && qingming <= `${year}-04-06`).toBe(true);
        const midAutumn = day(lunarDay(year, 8, 15));
        expect(midAutumn >= `${year}-09-07` && midAutumn <= `${year}-10-08`).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
