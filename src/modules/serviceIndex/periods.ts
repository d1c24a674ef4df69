import { shanghaiDate } from "@/lib/dates";

/** A statistics period: a calendar month in China (`2026-11`) or the 30 days before a moment (`last30`). */
export type PeriodCode = `${number}-${number}` | "last30";

export const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The instants [from, to) of a period; `last30` ends at `now`. */
export function periodRange(period: string, now: Date): { from: Date; to: Date } | null {
  if (period === "last30") return { from: new Date(now.getTime() - 30 * 86_400_000), to: now };
  const m = monthPattern.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const firstDay = `${m[1]}-${m[2]}-01`;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
  return { from: new Date(`${firstDay}T00:00:00+08:00`), to: new Date(`${next}T00:00:00+08:00`) };
}

/** The month of a moment in China, `YYYY-MM`. */
export function monthOf(now: Date): string {
  return shanghaiDate(now).slice(0, 7);
}
