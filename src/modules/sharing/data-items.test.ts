import { describe, expect, it } from "vitest";
import demoProvince from "@/root/seed/demo-province.json";
import holderEn from "./messages.holder.en.json";
import holderZh from "./messages.holder.zh-CN.json";
import officeEn from "./messages.office.en.json";
import officeZh from "./messages.office.zh-CN.json";

// The data office's catalog lists each data resource's data items (数据项) in words: a code such as
// `householdDivisionCode` shown in a Chinese page is what issue 11 found.
const label = (holder: typeof holderZh, office: typeof officeZh, key: string): string | undefined =>
  (holder.holder.fields as Record<string, string>)[key] ?? (office.office.catalog.dataItems as Record<string, string>)[key];

describe("data items", () => {
  const keys = new Set(demoProvince.dataResources.flatMap((r) => ("fields" in r ? (r.fields as string[]) : [])));

  it("each have a name in Chinese and in English, and the Chinese one is not an identifier", () => {
    for (const key of keys) {
      const zh = label(holderZh, officeZh, key);
      const en = label(holderEn as typeof holderZh, officeEn as typeof officeZh, key);
      expect(zh, key).toBeTruthy();
      expect(en, key).toBeTruthy();
      expect(zh, key).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it("of a certificate are named by its type, in both languages", () => {
    for (const field of demoProvince.certificateTypes.flatMap((c) => c.fields)) {
      expect(field.nameZh, field.key).not.toMatch(/[A-Za-z]{3,}/);
      expect(field.nameEn, field.key).not.toBe(field.key);
    }
  });
});
