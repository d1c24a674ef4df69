import { describe, expect, it } from "vitest";
import { scanSource } from "./message-usages";

const keysOf = (code: string) => scanSource("x.tsx", code).map((u) => (u.kind === "exact" ? u.key : u.kind === "prefix" ? `${u.prefix}.*` : `? ${u.call}`));

describe("the message usage scanner", () => {
  it("reads translators from useTranslations, getTranslations and Promise.all, with their namespaces", () => {
    expect(
      keysOf(`
        function A() { const t = useTranslations("a"); return t("one") + t.rich("two", {}); }
        async function B() {
          const [t, tc, locale] = await Promise.all([getTranslations("b"), getTranslations({ locale: "en", namespace: "c" }), getLocale()]);
          const root = await getTranslations();
          return t("three") + tc("four") + root("top.five") + locale;
        }
        async function C() { return (await getTranslations("d"))("title"); }
      `),
    ).toEqual(["a.one", "a.two", "b.three", "c.four", "top.five", "d.title"]);
  });

  it("keeps each function's own translator, and a translator parameter as unknown", () => {
    expect(
      keysOf(`
        function A() { const t = useTranslations("a"); return t("x"); }
        function B() { const t = useTranslations("b"); return t("x"); }
        function C({ t }: { t: (k: string) => string }) { return t("x"); }
        function D() { const t = (k: string) => k; return t("not.a.message"); }
      `),
    ).toEqual(["a.x", "b.x", '? t("x")']);
  });

  it("takes a template's literal start as a group, both sides of a choice, and the rest as unresolved", () => {
    expect(
      keysOf(`
        function A(s: string, k: string, ok: boolean) {
          const t = useTranslations("a");
          return t(\`status.\${s}\`) + t(ok ? "yes" : "no") + t(k) + t.has(k);
        }
      `),
    ).toEqual(["a.status.*", "a.yes", "a.no", "? t(k)"]);
  });

  it("reads full keys in msg, DomainError and translateServerMessage, without their parameters", () => {
    expect(
      keysOf(`
        const a = msg("validation.required");
        const b = new DomainError("conflict", "errors.conflict", { params: { n: 1 } });
        const c = translateServerMessage(locale, "errors.tooManyRequestsHint|{}");
      `),
    ).toEqual(["validation.required", "errors.conflict", "errors.tooManyRequestsHint"]);
  });
});
