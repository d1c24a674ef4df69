// The regions a Tongban node can serve (京津冀): one node per region, each with its own database,
// departments, catalog and keys, exchanging signed requests with its peers (issue 14). Pure.

export const regionCodes = ["hebei", "beijing", "tianjin"] as const;
export type RegionCode = (typeof regionCodes)[number];

export interface Region {
  code: RegionCode;
  nameZh: string;
  /** The name in the portal's brand: 河北 in 河北政务服务. */
  shortNameZh: string;
  nameEn: string;
  /** The province-level division (GB/T 2260) the region's node serves. */
  divisionCode: string;
}

export const regions: Record<RegionCode, Region> = {
  hebei: { code: "hebei", nameZh: "河北省", shortNameZh: "河北", nameEn: "Hebei", divisionCode: "130000" },
  beijing: { code: "beijing", nameZh: "北京市", shortNameZh: "北京", nameEn: "Beijing", divisionCode: "110000" },
  tianjin: { code: "tianjin", nameZh: "天津市", shortNameZh: "天津", nameEn: "Tianjin", divisionCode: "120000" },
};

export function isRegionCode(value: string): value is RegionCode {
  return (regionCodes as readonly string[]).includes(value);
}

/** The region of a division code: its first two digits name the province. */
export function regionOfDivision(divisionCode: string): RegionCode | null {
  const province = `${divisionCode.slice(0, 2)}0000`;
  return regionCodes.find((r) => regions[r].divisionCode === province) ?? null;
}
