import { describe, expect, it } from "vitest";
import demoProvince from "@/root/seed/demo-province.json";
import { formatAnswer, type AnswerShape } from "../catalog/model";
import { catalogAnswerKeys } from "./form-options";
import { housingFundRates, invoiceTypeValues, sealTypeValues } from "./inputs";
import { entityTypeKeys, entityTypes } from "./model";

// The start-a-business form stores codes the catalog's materials define and labels its choices
// with the catalog's formatter; a code the catalog does not know would reach every case page raw.
const material = (key: string) => demoProvince.materials.find((m) => m.key === key) as (AnswerShape & { key: string }) | undefined;

describe("the start-a-business form's choices", () => {
  const choices: Record<(typeof catalogAnswerKeys)[number], readonly string[]> = {
    entityType: entityTypeKeys,
    sealTypes: sealTypeValues,
    invoiceTypes: invoiceTypeValues,
    housingFundRate: housingFundRates,
  };

  it("are each an option of the catalog's material, shown by its label", () => {
    for (const key of catalogAnswerKeys) {
      const m = material(key);
      expect(m?.fieldType, key).toBe("select");
      for (const value of choices[key]) {
        const option = m?.options?.find((o) => o.value === value);
        expect(option, `${key}=${value}`).toBeDefined();
        expect(formatAnswer(m as AnswerShape, value, "zh-CN")).toBe(option?.labelZh);
        expect(formatAnswer(m as AnswerShape, value, "en")).toBe(option?.labelEn);
      }
    }
  });

  it("name entity types as the catalog does, in the name declaration too", () => {
    const m = material("entityType");
    for (const key of entityTypeKeys) {
      const option = m?.options?.find((o) => o.value === key);
      expect({ zh: entityTypes[key].labelZh, en: entityTypes[key].labelEn }).toEqual({ zh: option?.labelZh, en: option?.labelEn });
    }
  });
});
