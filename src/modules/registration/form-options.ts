import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { loadDivisionTable } from "../divisions/load-divisions";
import type { Actor } from "../identity/model";
import { citizens } from "../identity/schema";
import { businessScopeItems, entityTypes, industries, reservationDays } from "./model";
import { nameDivisionName } from "./names";

const hebei = "130000";

/** What the start-a-business form offers: name divisions, Hebei's cities with their counties, industries, entity types with their forms, scope items. */
export async function startBusinessOptions(db: Db) {
  const table = [...(await loadDivisionTable(db)).values()];
  const cities = table.filter((d) => d.parentCode === hebei).sort((a, b) => a.code.localeCompare(b.code));
  const province = table.filter((d) => d.code === hebei);
  return {
    nameDivisions: [...province, ...cities].map((d) => ({ code: d.code, nameInName: nameDivisionName(d.nameZh), nameZh: d.nameZh, nameEn: d.nameEn })),
    cities: cities.map((c) => ({
      code: c.code,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      counties: table
        .filter((k) => k.parentCode === c.code)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((k) => ({ code: k.code, nameZh: k.nameZh })),
    })),
    industries,
    entityTypes: Object.entries(entityTypes).map(([value, t]) => ({ value, labelZh: t.labelZh, labelEn: t.labelEn, forms: [...t.forms] })),
    scopeItems: businessScopeItems,
    reservationDays,
  };
}

/** The founder's own name and ID number, filled in as legal representative and first shareholder. */
export async function founderParticulars(db: Db, actor: Actor) {
  const [row] = await db.select({ name: citizens.name, idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.userId, actor.userId));
  return row ?? null;
}
