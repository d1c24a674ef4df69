import type { Db } from "@/server/db/client";
import type { Division } from "./model";
import { divisions } from "./schema";

/** The division table by code, for names like 河北省石家庄市长安区 (see divisionFullName). */
export async function loadDivisionTable(db: Db): Promise<Map<string, Division>> {
  const rows = await db.select().from(divisions);
  return new Map(
    rows.map((d) => [d.code, { code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, parentCode: d.parentCode, level: d.level as Division["level"] }]),
  );
}
