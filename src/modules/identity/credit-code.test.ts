import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildCreditCode,
  computeCreditCodeCheck,
  computeOrganisationCodeCheck,
  creditCodeCharset,
  decodeCreditCode,
  validateCreditCode,
} from "./credit-code";
import { creditCodeAuthorities } from "./credit-code-authorities";

const checksOf = (code: string) => validateCreditCode(code).failedChecks.map((f) => f.check);

describe("validateCreditCode", () => {
  // The example printed in GB 32100-2015 itself.
  const standardExample = "91350100M000100Y43";

  it("accepts the standard's example and normalises case and spaces only", () => {
    expect(validateCreditCode(standardExample)).toEqual({ valid: true, normalized: standardExample, failedChecks: [] });
    expect(validateCreditCode(` ${standardExample.toLowerCase()} `).valid).toBe(true);
  });

  it.each([
    ["too short", "91350100M000100Y4", ["length"]],
    ["too long", "91350100M000100Y431", ["length"]],
    ["empty", "", ["length"]],
    ["letter I", "91350100M000100I43", ["charset"]],
    ["letter O and a space", "9135 100M000100O43", ["charset", "charset"]],
    ["wrong 18th character", "91350100M000100Y44", ["checkCharacter"]],
    ["wrong organisation check (17th) with the 18th recomputed", `91350100M000100Y5${computeCreditCodeCheck("91350100M000100Y5")}`, ["organisationCode"]],
    ["unknown authority B", `B1350100M000100Y4${computeCreditCodeCheck("B1350100M000100Y4")}`, ["authority"]],
    ["category 4 under market regulation", `94350100M000100Y4${computeCreditCodeCheck("94350100M000100Y4")}`, ["category"]],
    ["division with a letter", `9135A100M000100Y4${computeCreditCodeCheck("9135A100M000100Y4")}`, ["division"]],
  ])("%s fails exactly %j", (_label, code, expected) => {
    expect(checksOf(code)).toEqual(expected);
  });

  it("reports every failure at once, with what the check characters should be", () => {
    const first17 = "94350100M000100Y5";
    const wrong18 = computeCreditCodeCheck(first17) === "0" ? "1" : "0";
    expect(validateCreditCode(first17 + wrong18).failedChecks).toEqual([
      { check: "category", char: "4" },
      { check: "organisationCode", expected: "4" },
      { check: "checkCharacter", expected: computeCreditCodeCheck(first17) },
    ]);
  });

  it("names the position and character of a bad character", () => {
    expect(validateCreditCode("91350100M000100Z43").failedChecks).toEqual([{ check: "charset", position: 16, char: "Z" }]);
  });

  it("never rejects an unknown but well-formed division (codes change over time)", () => {
    expect(validateCreditCode(buildCreditCode({ authority: "9", category: "1", divisionCode: "999999", organisationBody: "MA0TB001" })).valid).toBe(true);
  });
});

describe("GB 11714 organisation code check", () => {
  it.each([
    ["D2143569", "X"], // sum 186: 11 − 186 mod 11 = 10 → X
    ["M000100Y", "4"],
  ])("%s → %s", (body, check) => {
    expect(computeOrganisationCodeCheck(body)).toBe(check);
  });
});

describe("decodeCreditCode", () => {
  it("decodes authority, category, division and organisation code", () => {
    expect(decodeCreditCode("91350100M000100Y43")).toEqual({
      authority: { code: "9", nameZh: "工商（市场监管）", nameEn: "Market regulation" },
      category: { code: "1", nameZh: "企业", nameEn: "Enterprise" },
      divisionCode: "350100",
      organisationCode: "M000100Y-4",
    });
  });
});

const charsetChar = fc.constantFrom(...creditCodeCharset.split(""));
const authorityAndCategory = fc.constantFrom(
  ...Object.entries(creditCodeAuthorities).flatMap(([a, v]) => Object.keys(v.categories).map((c) => [a, c] as const)),
);
const validCode = fc
  .record({
    ac: authorityAndCategory,
    division: fc.stringMatching(/^\d{6}$/),
    body: fc.array(charsetChar, { minLength: 8, maxLength: 8 }).map((a) => a.join("")),
  })
  .map(({ ac, division, body }) => buildCreditCode({ authority: ac[0], category: ac[1], divisionCode: division, organisationBody: body }));

describe("properties", () => {
  it("every generated code passes and decodes to its parts", () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(validateCreditCode(code)).toEqual({ valid: true, normalized: code, failedChecks: [] });
        expect(decodeCreditCode(code)?.divisionCode).toBe(code.slice(2, 8));
      }),
      { numRuns: 500 },
    );
  });

  it("changing any single character to another charset character fails", () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), charsetChar, (code, i, ch) => {
        fc.pre(code[i] !== ch);
        const changed = code.slice(0, i) + ch + code.slice(i + 1);
        expect(validateCreditCode(changed).valid).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
