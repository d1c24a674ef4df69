import type { Db } from "@/server/db/client";
import { calendarFromOfficialData, type OfficialWorkdaysData } from "./model";
import officialWorkdays from "./official-workdays.json";
import { calendarDays, calendarYears } from "./schema";

/**
 * Seeds `calendar_days` and `calendar_years` from `official-workdays.json` (the State Council
 * holiday notices), each row carrying the file's `source`. Idempotent: rows already present are
 * left as they are (`ON CONFLICT DO NOTHING`), so a correction to an existing day needs a
 * migration, not a re-seed.
 */
export async function seedCalendar(db: Db, data: OfficialWorkdaysData = officialWorkdays): Promise<void> {
  // Validate first: a malformed file must not reach the table.
  calendarFromOfficialData(data);
  const { source } = data;
  const days = Object.values(data.years).flatMap((year) => [
    ...year.holidays.map((day) => ({ day, kind: "holiday" as const, source })),
    ...year.makeupWorkdays.map((day) => ({ day, kind: "makeupWorkday" as const, source })),
  ]);
  const years = Object.keys(data.years).map((year) => ({ year, source }));

  await db.transaction(async (tx) => {
    if (days.length > 0) await tx.insert(calendarDays).values(days).onConflictDoNothing();
    await tx.insert(calendarYears).values(years).onConflictDoNothing();
  });
}
