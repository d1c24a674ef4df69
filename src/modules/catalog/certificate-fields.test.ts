import { describe, expect, it } from "vitest";
import { ZCertificateFields, ZSaveCertificateTypeInput } from "./inputs";
import { canonicalFieldValue, formatCertificateValue, resolveCertificateFields, unknownAnswerFields, type CertificateField } from "./model";

const text = (key: string, source: CertificateField["source"] = { answer: key }): CertificateField => ({
  key,
  nameZh: key,
  nameEn: key,
  type: "text",
  source,
  shared: true,
});
const rate: CertificateField = { ...text("housingFundRate"), type: "number", unitZh: "%", unitEn: "%" };
const water: CertificateField = { ...text("dailyWastewater"), type: "number", unitZh: "立方米", unitEn: "m³" };
const fee: CertificateField = { ...text("fee"), type: "money" };
const day: CertificateField = { ...text("completionDate"), type: "date" };
const seals: CertificateField = {
  ...text("sealTypes"),
  type: "enum",
  options: [
    { value: "company", labelZh: "公章", labelEn: "Company seal" },
    { value: "companyFinance", labelZh: "公章、财务专用章", labelEn: "Company and finance seals" },
  ],
};

describe("certificate field values", () => {
  it("are stored canonically: a code, a plain number, an ISO date, money with two decimals", () => {
    expect(canonicalFieldValue(seals, "companyFinance")).toEqual({ value: "companyFinance" });
    // An old certificate carried the label: it becomes the code.
    expect(canonicalFieldValue(seals, "公章")).toEqual({ value: "company" });
    expect(canonicalFieldValue(seals, "all")).toEqual({ problem: "unknownOption" });
    expect(canonicalFieldValue(rate, "05")).toEqual({ value: "5" });
    expect(canonicalFieldValue({ ...water, unitZh: "万元" }, "100万元")).toEqual({ value: "100" });
    expect(canonicalFieldValue(rate, "five")).toEqual({ problem: "invalidNumber" });
    expect(canonicalFieldValue(day, "2026-11-30")).toEqual({ value: "2026-11-30" });
    expect(canonicalFieldValue(day, "30/11/2026")).toEqual({ problem: "invalidDate" });
    expect(canonicalFieldValue(fee, "1234.5")).toEqual({ value: "1234.50" });
    expect(canonicalFieldValue(fee, "-3")).toEqual({ problem: "invalidMoney" });
  });

  it("are shown in the reader's language: the label, the unit, 元, the date", () => {
    expect(formatCertificateValue(seals, "companyFinance", "zh-CN")).toBe("公章、财务专用章");
    expect(formatCertificateValue(seals, "companyFinance", "en")).toBe("Company and finance seals");
    expect(formatCertificateValue(rate, "5", "zh-CN")).toBe("5%");
    expect(formatCertificateValue(rate, "5", "en")).toBe("5%");
    expect(formatCertificateValue(water, "30", "zh-CN")).toBe("30立方米");
    expect(formatCertificateValue(water, "30", "en")).toBe("30 m³");
    expect(formatCertificateValue(fee, "1234567.50", "zh-CN")).toBe("1,234,567.50元");
    expect(formatCertificateValue(fee, "1234567.50", "en")).toBe("CNY 1,234,567.50");
    expect(formatCertificateValue(day, "2026-11-30", "zh-CN")).toBe("2026年11月30日");
    expect(formatCertificateValue(day, "2026-11-30", "en")).toBe("30 Nov 2026");
  });

  it("are resolved for exactly the declared fields, from answers and the registry; nothing else of the form", () => {
    const fields = [text("holderName", { registry: "holderName" }), seals, rate, text("fatherName")];
    const answers = { sealTypes: "company", housingFundRate: "5", enterpriseName: "x", limitedLiabilityCompany: "y", fatherName: "" };
    expect(resolveCertificateFields(fields, answers, { holderName: "示例有限公司" })).toEqual({
      values: { holderName: "示例有限公司", sealTypes: "company", housingFundRate: "5" },
      problems: [],
    });
    expect(resolveCertificateFields([seals], { sealTypes: "nope" }, {}).problems).toEqual([{ key: "sealTypes", problem: "unknownOption", value: "nope" }]);
  });

  it("name the answers no issuing service's form asks for", () => {
    expect(unknownAnswerFields([text("a"), text("b"), text("c", { registry: "number" })], new Set(["a"]))).toEqual([1]);
    expect(unknownAnswerFields([text("a")], null)).toEqual([]);
  });
});

describe("a certificate type's field list", () => {
  const base = { key: "sealTypes", nameZh: "印章", nameEn: "Seals", source: { answer: "sealTypes" }, shared: true };
  const issues = (fields: unknown) => {
    const r = ZCertificateFields.safeParse(fields);
    return r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]);
  };

  it("refuses an enum without options, options on text, a unit on a date, a duplicate key, and none at all", () => {
    expect(issues([{ ...base, type: "enum" }])).toEqual([["0.options", "catalog.errors.enumWithoutOptions"]]);
    expect(issues([{ ...base, type: "text", options: [{ value: "a", labelZh: "甲", labelEn: "A" }] }])).toEqual([
      ["0.options", "catalog.errors.optionsOnlyForEnum"],
    ]);
    expect(issues([{ ...base, type: "date", unitZh: "天" }])).toEqual([["0.unitZh", "catalog.errors.unitOnlyForNumber"]]);
    expect(
      issues([
        { ...base, type: "text" },
        { ...base, type: "text" },
      ]),
    ).toEqual([["1.key", 'catalog.errors.duplicateFieldKey|{"key":"sealTypes"}']]);
    expect(issues([])).toEqual([["", "catalog.errors.noFields"]]);
    expect(issues([{ ...base, type: "text", source: { registry: "password" } }]).length).toBeGreaterThan(0);
  });

  it("takes an empty validity as no expiry and bounds the years", () => {
    const input = { create: true, code: "newPermit", nameZh: "许可证", nameEn: "Permit", issuerDepartmentCode: "market", fields: [{ ...base, type: "text" }] };
    expect(ZSaveCertificateTypeInput.parse({ ...input, validityYears: "" }).validityYears).toBeNull();
    expect(ZSaveCertificateTypeInput.parse({ ...input, validityYears: "5" }).validityYears).toBe(5);
    expect(ZSaveCertificateTypeInput.safeParse({ ...input, validityYears: "500" }).success).toBe(false);
  });
});
