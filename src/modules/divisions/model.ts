import { regions, type RegionCode } from "@/lib/regions";
import hebei from "./hebei-divisions.json";
import jingjin from "./jingjin-divisions.json";

export interface Division {
  code: string;
  nameZh: string;
  nameEn: string | null;
  parentCode: string | null;
  level: 1 | 2 | 3;
}

/** The seeded divisions: Hebei, its cities and counties, and its neighbours (source in the JSON). */
export const divisionSource: string = hebei.source;

/**
 * The divisions a region's node seeds: for Hebei (the default) Hebei's cities and counties and its
 * two neighbours, exactly as before regions; for Beijing or Tianjin the municipality, its districts
 * (jingjin-divisions.json) and the other two provinces of 京津冀 at province level.
 */
export function officialDivisions(region: RegionCode = "hebei"): Division[] {
  if (region !== "hebei") return municipalityDivisions(region);
  const list: Division[] = [{ code: hebei.province.code, nameZh: hebei.province.name, nameEn: hebei.province.nameEn, parentCode: null, level: 1 }];
  for (const n of hebei.neighbours) list.push({ code: n.code, nameZh: n.name, nameEn: n.nameEn, parentCode: null, level: 1 });
  for (const city of hebei.cities) {
    list.push({ code: city.code, nameZh: city.name, nameEn: city.nameEn, parentCode: hebei.province.code, level: 2 });
    for (const county of city.counties) {
      list.push({ code: county.code, nameZh: county.name, nameEn: null, parentCode: city.code, level: 3 });
    }
  }
  return list;
}

function municipalityDivisions(region: Exclude<RegionCode, "hebei">): Division[] {
  const own = jingjin.regions.find((r) => r.province.code === regions[region].divisionCode);
  if (!own) throw new Error(`jingjin-divisions.json has no ${region}`);
  const list: Division[] = [{ code: own.province.code, nameZh: own.province.name, nameEn: own.province.nameEn, parentCode: null, level: 1 }];
  for (const d of own.districts) list.push({ code: d.code, nameZh: d.name, nameEn: d.nameEn, parentCode: own.province.code, level: 3 });
  for (const other of Object.values(regions).filter((r) => r.code !== region)) {
    list.push({ code: other.divisionCode, nameZh: other.nameZh, nameEn: other.nameEn, parentCode: null, level: 1 });
  }
  return list;
}

/** Name of a division by code, e.g. "河北省石家庄市长安区"; undefined when the table does not know it. */
export function divisionFullName(code: string, table: ReadonlyMap<string, Division>): string | undefined {
  const parts: string[] = [];
  let current = table.get(code);
  if (!current) return undefined;
  while (current) {
    parts.unshift(current.nameZh);
    current = current.parentCode ? table.get(current.parentCode) : undefined;
  }
  return parts.join("");
}
