import { describe, expect, it } from "vitest";
import { messagesByLocale } from "./messages";

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message files", () => {
  it("have the same keys in Chinese and English", () => {
    expect(keys(messagesByLocale.en).sort()).toEqual(keys(messagesByLocale["zh-CN"]).sort());
  });
  it("have no empty strings", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const empty = keys(messagesByLocale[locale]).filter((k) => {
        const v = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], messagesByLocale[locale]);
        return typeof v !== "string" || v.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });
});
