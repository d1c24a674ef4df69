import { describe, expect, it } from "vitest";
import { filterGuides, isFiltered, parseGuideFilter } from "./guide-search";
import type { GuideList } from "./views";

const market = { code: "market", nameZh: "市场监督管理局", nameEn: "Market Regulation" };
const health = { code: "health", nameZh: "卫生健康委员会", nameEn: "Health Commission" };
const police = { code: "publicSecurity", nameZh: "公安局", nameEn: "Public Security" };
const service = (code: string, nameZh: string, nameEn: string, department: typeof market, kinds: Array<"citizen" | "enterprise">) => ({
  code,
  nameZh,
  nameEn,
  department,
  promisedDays: 5,
  statutoryDays: 20,
  feeFen: 0,
  applicantKinds: kinds,
});
const list: GuideList = {
  bundles: [
    {
      code: "open-restaurant",
      nameZh: "我要开餐馆",
      nameEn: "Open a restaurant",
      descriptionZh: "食品经营许可与公共场所卫生许可一次办",
      descriptionEn: "Food and hygiene licences at once",
      leadDepartment: market,
      departments: [market, health],
      stepCount: 2,
      stageCount: 1,
      promisedDays: 10,
      statutoryDays: 20,
      feeFen: 0,
      applicantKinds: ["enterprise"],
      serviceCodes: ["food-licence", "hygiene-licence"],
    },
  ],
  services: [
    service("food-licence", "食品经营许可", "Food business licence", market, ["enterprise"]),
    service("hygiene-licence", "公共场所卫生许可", "Public place hygiene licence", health, ["enterprise"]),
    service("birth-registration", "出生登记", "Birth registration", police, ["citizen"]),
  ],
};
const codes = (l: GuideList) => [...l.bundles.map((b) => b.code), ...l.services.map((s) => s.code)];

describe("finding a service", () => {
  it("finds by keyword in either language, ignoring case, width and spaces", () => {
    expect(codes(filterGuides(list, { q: "食品 经营" }))).toEqual(["open-restaurant", "food-licence"]);
    // The bundle says "hygiene" in its description.
    expect(codes(filterGuides(list, { q: "HYGIENE" }))).toEqual(["open-restaurant", "hygiene-licence"]);
    expect(codes(filterGuides(list, { q: "ｂｉｒｔｈ" }))).toEqual(["birth-registration"]);
    expect(codes(filterGuides(list, { q: "公安" }))).toEqual(["birth-registration"]);
    expect(codes(filterGuides(list, { q: "不存在的事项" }))).toEqual([]);
  });

  it("filters by who applies, department and theme, together", () => {
    expect(codes(filterGuides(list, { for: "citizen" }))).toEqual(["birth-registration"]);
    expect(codes(filterGuides(list, { for: "enterprise" }))).toEqual(["open-restaurant", "food-licence", "hygiene-licence"]);
    // A bundle is in a department's list when that department takes part in it.
    expect(codes(filterGuides(list, { department: "health" }))).toEqual(["open-restaurant", "hygiene-licence"]);
    // A theme is a bundle and the services it takes.
    expect(codes(filterGuides(list, { theme: "open-restaurant" }))).toEqual(["open-restaurant", "food-licence", "hygiene-licence"]);
    expect(codes(filterGuides(list, { theme: "open-restaurant", department: "market" }))).toEqual(["open-restaurant", "food-licence"]);
    expect(codes(filterGuides(list, { theme: "no-such-theme" }))).toEqual([]);
    expect(filterGuides(list, {})).toEqual(list);
  });

  it("reads the query string, blank fields absent, and refuses what is not a filter without filtering", () => {
    expect(parseGuideFilter({ q: "  食品 ", for: "", department: ["market", "health"] })).toEqual({ filter: { q: "食品", department: "market" }, error: null });
    expect(isFiltered(parseGuideFilter({ q: " " }).filter)).toBe(false);
    expect(parseGuideFilter({ for: "martian" })).toEqual({ filter: {}, error: "kind" });
    expect(parseGuideFilter({ q: "许".repeat(41) })).toEqual({ filter: {}, error: "tooLong" });
    expect(parseGuideFilter({ q: "<script>" })).toEqual({ filter: {}, error: "characters" });
    expect(parseGuideFilter({ department: "x'; drop" }).error).toBe("department");
    expect(parseGuideFilter({ theme: "../etc" }).error).toBe("theme");
  });
});
