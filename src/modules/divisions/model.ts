import hebei from "./hebei-divisions.json";

export interface Division {
  code: string;
  nameZh: string;
  nameEn: string | null;
  parentCode: string | null;
  level: 1 | 2 | 3;
}

/** The seeded divisions: Hebei, its cities and counties, and its neighbours (source in the JSON). */
export const divisionSource: string = hebei.source;

export function officialDivisions(): Division[] {
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
