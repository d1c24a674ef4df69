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

describe("server messages", () => {
  /** The message of the error a call throws. */
  function errorOf(fn: () => unknown): string {
    try {
      fn();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error("no error");
  }

  it("show a state named in an error in the reader's language, and an unknown one as its code", async () => {
    const { translateServerMessage } = await import("./messages");
    const { transition } = await import("@/lib/state-machine");
    const application = errorOf(() => transition("application", { inReview: {} } as never, "inReview" as never, "accept" as never, "applications.status.application"));
    expect(translateServerMessage("zh-CN", application)).toContain("“审查中”");
    expect(translateServerMessage("en", application)).toContain("“In review”");
    const grant = errorOf(() => transition("grant", { approved: {} } as never, "approved" as never, "request" as never, "no.such.labels"));
    expect(translateServerMessage("en", grant)).toContain("“approved”");
  });
});
