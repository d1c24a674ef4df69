import { describe, expect, it } from "vitest";
import { disclosureColumns, disclosureCsvField, disclosuresCsv, isPublishedLate, maskPersonName, publicCounterpartName, type PublicDisclosure } from "./model";

describe("a natural person's name as published", () => {
  it("keeps the first character and hides the rest and its length", () => {
    expect(maskPersonName("张三")).toBe("张**");
    expect(maskPersonName("张三丰")).toBe("张**");
    expect(maskPersonName(" 欧阳修远 ")).toBe("欧**");
    expect(maskPersonName("")).toBe("");
  });

  it("applies to persons only: an organisation's name is published in full", () => {
    expect(publicCounterpartName("石家庄示例餐饮有限公司", false)).toBe("石家庄示例餐饮有限公司");
    expect(publicCounterpartName("冯创业", true)).toBe("冯**");
  });
});

describe("lateness", () => {
  it("is a publication day after the due day; the due day itself is on time", () => {
    expect(isPublishedLate("2026-10-14", "2026-10-14")).toBe(false);
    expect(isPublishedLate("2026-10-15", "2026-10-14")).toBe(true);
  });
});

describe("the CSV file", () => {
  it("quotes commas and quotes, and defuses what a spreadsheet would run as a formula", () => {
    expect(disclosureCsvField(null)).toBe("");
    expect(disclosureCsvField("甲,乙")).toBe('"甲,乙"');
    expect(disclosureCsvField('说"明')).toBe('"说""明"');
    expect(disclosureCsvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(disclosureCsvField("-1+1")).toBe("'-1+1");
    expect(disclosureCsvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });

  it("has a byte-order mark, a header of every column and CRLF lines", () => {
    const row = Object.fromEntries(disclosureColumns.map((c) => [c.name, c.name === "counterpartName" ? "冯**" : null])) as PublicDisclosure;
    const csv = disclosuresCsv([row]);
    expect(csv.startsWith("\uFEFFdecisionNumber,kind,counterpartName,")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(3);
    expect(csv).toContain(",冯**,");
  });
});
