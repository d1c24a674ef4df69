/**
 * Chinese calendar dates of instants. Asia/Shanghai is UTC+8 all year (no daylight saving since
 * 1991), so no time-zone database is needed, and the host's time zone never matters. Days are
 * written 'YYYY-MM-DD'. Pure: every module may use these (the working-day calendar is in
 * `modules/calendar`).
 */

const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The 'YYYY-MM-DD' calendar date of an instant in Asia/Shanghai (UTC+8). */
export function shanghaiDate(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new TypeError("Invalid Date");
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant 23:59:59.999 of `day` in Asia/Shanghai (15:59:59.999 UTC). */
export function endOfShanghaiDay(day: string): Date {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new TypeError(`Not a 'YYYY-MM-DD' date: ${JSON.stringify(day)}`);
  const start = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (new Date(start).toISOString().slice(0, 10) !== day) throw new TypeError(`Not a calendar date: ${day}`);
  return new Date(start + MS_PER_DAY - 1 - SHANGHAI_OFFSET_MS);
}
