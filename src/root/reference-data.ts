import { seedCalendar } from "@/modules/calendar/seed";
import { officialDivisions } from "@/modules/divisions/model";
import { divisions } from "@/modules/divisions/schema";
import type { RegionCode } from "@/lib/regions";
import type { Db } from "@/server/db/client";

/**
 * What every province needs and the code ships: the administrative divisions (GB/T 2260, from
 * hebei-divisions.json, or jingjin-divisions.json for a Beijing or Tianjin node) and the published
 * working-day calendar. Insert-or-nothing: a second run, or a run after the data office published
 * a year, changes nothing.
 */
export async function loadReferenceData(db: Db, region: RegionCode = "hebei"): Promise<void> {
  await db.insert(divisions).values(officialDivisions(region)).onConflictDoNothing();
  await seedCalendar(db);
}
