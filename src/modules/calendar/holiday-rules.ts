/**
 * The statutory public holidays of a year from the rules themselves, for a provisional year (one
 * the State Council has not published yet). Pure TypeScript.
 *
 * 《全国年节及纪念日放假办法》 art. 2, as revised by State Council Order No. 795 (2024), in force
 * 2025-01-01: 元旦 1 day (1 January); 春节 4 days (lunar New Year's Eve and the 1st to 3rd of the
 * first lunar month); 清明节 1 day (the day of the Qingming solar term); 劳动节 2 days (1–2 May);
 * 端午节 1 day (5th of the 5th lunar month); 中秋节 1 day (15th of the 8th lunar month); 国庆节 3 days
 * (1–3 October).
 *
 * A provisional year has no make-up working days and no bridged weekends: those come only with
 * the State Council's notice, which then replaces the provisional year.
 */

import { lunarDay, qingmingDay } from "./lunar";

/** The festival each statutory holiday belongs to. */
export type Festival = "newYear" | "springFestival" | "qingming" | "labourDay" | "dragonBoat" | "midAutumn" | "nationalDay";

function dayString(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** The statutory holidays of `year`, in date order, each with its festival. */
export function statutoryHolidays(year: number): Array<{ day: string; festival: Festival }> {
  const y = String(year).padStart(4, "0");
  const springFestival = lunarDay(year, 1, 1);
  const days: Array<{ day: string; festival: Festival }> = [
    { day: `${y}-01-01`, festival: "newYear" },
    // 除夕 is the day before the 1st of the first month, whether the 12th month has 29 or 30 days.
    ...[-1, 0, 1, 2].map((offset) => ({ day: dayString(springFestival + offset), festival: "springFestival" as const })),
    { day: dayString(qingmingDay(year)), festival: "qingming" },
    { day: `${y}-05-01`, festival: "labourDay" },
    { day: `${y}-05-02`, festival: "labourDay" },
    { day: dayString(lunarDay(year, 5, 5)), festival: "dragonBoat" },
    { day: dayString(lunarDay(year, 8, 15)), festival: "midAutumn" },
    { day: `${y}-10-01`, festival: "nationalDay" },
    { day: `${y}-10-02`, festival: "nationalDay" },
    { day: `${y}-10-03`, festival: "nationalDay" },
  ];
  return days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

const cache = new Map<number, readonly string[]>();

/**
 * The distinct holiday days of a provisional year (Mid-Autumn may fall on National Day, as in
 * 2020). Memoised: the astronomy is deterministic and the calendar is rebuilt on every load.
 */
export function provisionalHolidays(year: number): readonly string[] {
  let days = cache.get(year);
  if (!days) {
    days = [...new Set(statutoryHolidays(year).map((h) => h.day))];
    cache.set(year, days);
  }
  return days;
}
