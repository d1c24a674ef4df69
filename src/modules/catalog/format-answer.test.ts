import { describe, expect, it } from "vitest";
import demoProvince from "@/root/seed/demo-province.json";
import { answerUnits, formatAnswer, formatAnswerBoth, unitWords, type AnswerShape } from "./model";

const entityType: AnswerShape = {
  fieldType: "select",
  options: [
    { value: "limitedLiabilityCompany", labelZh: "有限责任公司", labelEn: "Limited liability company" },
    { value: "individualBusiness", labelZh: "个体工商户", labelEn: "Individual business" },
  ],
};
const rate: AnswerShape = { fieldType: "select", options: [{ value: "5", labelZh: "5%", labelEn: "5%" }] };
const area: AnswerShape = { fieldType: "number", options: null, unit: "squareMetre" };
const capital: AnswerShape = { fieldType: "number", options: null, unit: "tenThousandYuan" };
const date: AnswerShape = { fieldType: "date", options: null };
const text: AnswerShape = { fieldType: "text", options: null };

describe("formatAnswer", () => {
  it("shows an option by its label in the reader's language, never its code", () => {
    expect(formatAnswer(entityType, "limitedLiabilityCompany", "zh-CN")).toBe("有限责任公司");
    expect(formatAnswer(entityType, "limitedLiabilityCompany", "en")).toBe("Limited liability company");
    expect(formatAnswer(rate, "5", "zh-CN")).toBe("5%");
  });

  it("shows a value the catalog no longer offers as stored rather than dropping it", () => {
    expect(formatAnswer(entityType, "partnership", "zh-CN")).toBe("partnership");
  });

  it("writes a number with digit grouping and its unit", () => {
    expect(formatAnswer(area, "120", "zh-CN")).toBe("120 平方米");
    expect(formatAnswer(area, "120", "en")).toBe("120 m²");
    expect(formatAnswer(capital, "12000.5", "zh-CN")).toBe("12,000.5 万元");
    expect(formatAnswer(capital, "50", "en")).toBe("50 × 10,000 yuan");
    expect(formatAnswer({ fieldType: "number", options: null, unit: "percent" }, "8", "en")).toBe("8%");
    expect(formatAnswer({ fieldType: "number", options: null }, "3", "zh-CN")).toBe("3");
  });

  it("keeps a number it cannot read as typed", () => {
    expect(formatAnswer(area, "about 120", "zh-CN")).toBe("about 120 平方米");
  });

  it("writes a date as a date, and a day that does not exist as stored", () => {
    expect(formatAnswer(date, "2026-03-01", "zh-CN")).toBe("2026年3月1日");
    expect(formatAnswer(date, "2026-03-01", "en")).toBe("March 1, 2026");
    expect(formatAnswer(date, "2026-02-30", "zh-CN")).toBe("2026-02-30");
  });

  it("leaves text as typed, and has nothing for no answer", () => {
    expect(formatAnswer(text, "limitedLiabilityCompany", "zh-CN")).toBe("limitedLiabilityCompany");
    expect(formatAnswer(text, null, "zh-CN")).toBeNull();
    expect(formatAnswer(entityType, "  ", "en")).toBeNull();
    expect(formatAnswerBoth(entityType, undefined)).toBeNull();
    expect(formatAnswerBoth(area, "8")).toEqual({ zh: "8 平方米", en: "8 m²" });
  });

  it("has words in both languages for every unit", () => {
    for (const u of answerUnits) {
      expect(unitWords[u].zh.trim()).not.toBe("");
      expect(unitWords[u].en.trim()).not.toBe("");
    }
  });
});

describe("the demo province's form fields", () => {
  const fields = demoProvince.materials.filter((m) => m.source === "formField") as Array<AnswerShape & { key: string; nameZh: string }>;

  it("shows no option by its code, in either language", () => {
    for (const m of fields.filter((f) => f.fieldType === "select")) {
      for (const o of m.options ?? []) {
        for (const locale of ["zh-CN", "en"]) {
          const shown = formatAnswer(m, o.value, locale);
          // A label may contain the code only when the code is itself a value people read ("5" in "5%").
          if (/[A-Za-z]/.test(o.value)) expect(shown, `${m.key}=${o.value} (${locale})`).not.toContain(o.value);
          expect(shown).toBe(locale === "en" ? o.labelEn : o.labelZh);
        }
      }
    }
  });

  it("gives a unit to every number field whose name names one", () => {
    // The names carry the unit in brackets, e.g. 注册资本（万元）; the answer must carry it too.
    for (const m of fields.filter((f) => f.fieldType === "number" && /（.*(元|米|人)）/.test(f.nameZh))) {
      expect(m.unit, m.key).toBeTruthy();
    }
  });
});
