import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildCreditCode,
  computeCreditCodeCheck,
  computeOrganisationCodeCheck,
  creditCodeAuthorities,
  creditCodeAuthoritySource,
  creditCodeCharset,
  creditCodeCheckMessage,
  decodeCreditCode,
  describeCheck,
  validateCreditCode,
  ZCreditCode,
  type CreditCodeCheck,
  type CreditCodeCheckCode,
} from "./credit-code";

const checksOf = (code: string) => validateCreditCode(code).failedChecks.map((f) => f.check);
/** 17 characters plus their correct GB 32100 check character. */
const withCheck = (first17: string) => first17 + computeCreditCodeCheck(first17);

// A widely published example code; it passes both checks.
const publishedExample = "91350100M000100Y43";
// Codes made with our own builder (made-up organisation bodies).
const built = {
  enterprise: buildCreditCode({ authority: "9", category: "1", divisionCode: "130102", organisationBody: "MA0TB001" }),
  socialOrganisation: buildCreditCode({ authority: "5", category: "1", divisionCode: "110000", organisationBody: "50000123" }),
  collective: buildCreditCode({ authority: "N", category: "2", divisionCode: "130602", organisationBody: "00000001" }),
  other: buildCreditCode({ authority: "Y", category: "1", divisionCode: "440300", organisationBody: "XY000000" }),
};

describe("computeOrganisationCodeCheck (GB 11714)", () => {
  it.each([
    ["D2143569", "X"], // 3·13+7·2+9·1+10·4+5·3+8·5+4·6+2·9 = 199; 11 − 199 mod 11 = 10 → X
    ["M000100Y", "4"],
    ["00000000", "0"], // sum 0 → 11 → 0
    ["12345678", "8"], // 3+14+27+40+25+48+28+16 = 201; 11 − 3 = 8
  ])("%s → %s", (body, check) => {
    expect(computeOrganisationCodeCheck(body)).toBe(check);
  });

  it("rejects a body that is not 8 digits or capital letters", () => {
    expect(() => computeOrganisationCodeCheck("1234567")).toThrow(RangeError);
    expect(() => computeOrganisationCodeCheck("1234567a")).toThrow(RangeError);
  });
});

describe("computeCreditCodeCheck (GB 32100)", () => {
  it("gives the published example's check character", () => {
    expect(computeCreditCodeCheck(publishedExample.slice(0, 17))).toBe("3");
  });

  it("maps a remainder of 0 to the character 0", () => {
    // All zeros: sum 0 → 31 − 0 = 31 → 0.
    expect(computeCreditCodeCheck("00000000000000000")).toBe("0");
  });

  it("rejects input that is not 17 charset characters", () => {
    expect(() => computeCreditCodeCheck("9135010")).toThrow(RangeError);
    expect(() => computeCreditCodeCheck("91350100M000100I4")).toThrow(RangeError);
  });
});

describe("validateCreditCode", () => {
  it.each([["published example", publishedExample], ...Object.entries(built)])("accepts %s (%s)", (_label, code) => {
    expect(validateCreditCode(code)).toEqual({ valid: true, normalized: code, failedChecks: [] });
  });

  it("normalises surrounding white space (also full-width) and lower case only", () => {
    expect(validateCreditCode(` \t${publishedExample.toLowerCase()}\u3000\n`)).toEqual({ valid: true, normalized: publishedExample, failedChecks: [] });
    // Nothing else is "fixed": an inner space or a look-alike letter O for zero is reported.
    expect(checksOf("91350100M 00100Y43")).toEqual(["charset"]);
    expect(validateCreditCode("91350100MO00100Y43").failedChecks).toEqual([{ check: "charset", position: 10, char: "O" }]);
  });

  it.each<[string, string, CreditCodeCheckCode[]]>([
    ["empty", "", ["length"]],
    ["too short", "91350100M000100Y4", ["length"]],
    ["too long", "91350100M000100Y431", ["length"]],
    ["too short with a bad character", "91350100M00010I4", ["length", "charset"]],
    ["letter I", "91350100M000100I43", ["charset"]],
    ["letter O and a space", "9135 100M000100O43", ["charset", "charset"]],
    ["letters S, V and Z", "S1350100M0V0100Z43", ["charset", "charset", "charset"]],
    ["wrong 18th character", "91350100M000100Y44", ["checkCharacter"]],
    ["wrong organisation check, 18th recomputed", withCheck("91350100M000100Y5"), ["organisationCode"]],
    ["unknown authority B", withCheck("B1350100M000100Y4"), ["authority"]],
    ["category 4 under market regulation", withCheck("94350100M000100Y4"), ["category"]],
    ["category 9 under market regulation", withCheck("99350100M000100Y4"), ["category"]],
    ["category 2 under Y (other)", withCheck("Y2350100M000100Y4"), ["category"]],
    ["division with a letter", withCheck("9135A100M000100Y4"), ["division"]],
    ["category, organisation and check character at once", "94350100M000100Y5A", ["category", "organisationCode", "checkCharacter"]],
    ["authority, division and check character at once", "B135A100M000100Y40", ["authority", "division", "checkCharacter"]],
  ])("%s: %s fails exactly %j", (_label, code, expected) => {
    const result = validateCreditCode(code);
    expect(result.valid).toBe(false);
    expect(result.failedChecks.map((f) => f.check)).toEqual(expected);
  });

  it("reports every failure with positions and the expected check characters", () => {
    const first17 = "94350100M000100Y5";
    const expected18 = computeCreditCodeCheck(first17);
    const wrong18 = expected18 === "0" ? "1" : "0";
    expect(validateCreditCode(first17 + wrong18).failedChecks).toEqual<CreditCodeCheck[]>([
      { check: "category", position: 2, char: "4", authority: "9" },
      { check: "organisationCode", position: 17, expected: "4", actual: "5" },
      { check: "checkCharacter", position: 18, expected: expected18, actual: wrong18 },
    ]);
  });

  it("gives the length and the position and character of each bad character", () => {
    expect(validateCreditCode("91350100M000100Z43").failedChecks).toEqual([{ check: "charset", position: 16, char: "Z" }]);
    expect(validateCreditCode("9135").failedChecks).toEqual([{ check: "length", actual: 4, expected: 18 }]);
    expect(validateCreditCode("9135 100M000100Y43").failedChecks).toEqual([{ check: "charset", position: 5, char: " " }]);
  });

  it("skips checks whose characters are not all valid", () => {
    // Position 1 is invalid: no authority or category check, and no check character check.
    expect(checksOf("I1350100M000100Y43")).toEqual(["charset"]);
    // Position 12 is invalid: the organisation and check character checks cannot be computed, the rest run.
    expect(checksOf("94350100M00I100Y43")).toEqual(["charset", "category"]);
  });

  it("never rejects an unknown but well-formed division (codes change over time)", () => {
    expect(validateCreditCode(buildCreditCode({ authority: "9", category: "1", divisionCode: "999999", organisationBody: "MA0TB001" })).valid).toBe(true);
  });
});

describe("decodeCreditCode", () => {
  it("decodes authority, category, division and organisation code", () => {
    expect(decodeCreditCode(publishedExample.toLowerCase())).toEqual({
      authority: { code: "9", nameZh: "工商（市场监管）", nameEn: "Market regulation" },
      category: { code: "1", nameZh: "企业", nameEn: "Enterprise" },
      divisionCode: "350100",
      organisationCode: "M000100Y4",
      organisationCodeFormatted: "M000100Y-4",
    });
    expect(decodeCreditCode(built.collective)?.category).toEqual({
      code: "2",
      nameZh: "村级集体经济组织",
      nameEn: "Village-level collective economic organisation",
    });
  });

  it("returns null when the structure cannot be decoded", () => {
    expect(decodeCreditCode("9135")).toBeNull();
    expect(decodeCreditCode("91350100M000100I43")).toBeNull();
    expect(decodeCreditCode(withCheck("B1350100M000100Y4"))).toBeNull();
    expect(decodeCreditCode(withCheck("94350100M000100Y4"))).toBeNull();
  });
});

describe("buildCreditCode", () => {
  it("computes both check characters", () => {
    expect(buildCreditCode({ authority: "9", category: "1", divisionCode: "350100", organisationBody: "M000100Y" })).toBe(publishedExample);
    expect(buildCreditCode({ authority: "9", category: "1", divisionCode: "350100", organisationBody: "m000100y" })).toBe(publishedExample);
  });

  it.each([
    { authority: "B", category: "1", divisionCode: "350100", organisationBody: "M000100Y" },
    { authority: "9", category: "4", divisionCode: "350100", organisationBody: "M000100Y" },
    { authority: "9", category: "1", divisionCode: "35010", organisationBody: "M000100Y" },
    { authority: "9", category: "1", divisionCode: "350100", organisationBody: "M000100" },
    { authority: "9", category: "1", divisionCode: "350100", organisationBody: "M00010OY" },
  ])("refuses invalid parts %j", (parts) => {
    expect(() => buildCreditCode(parts)).toThrow(RangeError);
  });
});

describe("authority table", () => {
  it("holds the GB 32100 authorities and names its source", () => {
    expect(Object.keys(creditCodeAuthorities)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "N", "Y"]);
    expect(Object.keys(creditCodeAuthorities["9"]?.categories ?? {})).toEqual(["1", "2", "3"]);
    expect(Object.keys(creditCodeAuthorities["3"]?.categories ?? {})).toEqual(["1", "2", "3", "4", "5", "9"]);
    expect(creditCodeAuthoritySource).toContain("GB 32100");
  });

  it("uses only charset characters and non-empty names in both languages", () => {
    for (const [code, authority] of Object.entries(creditCodeAuthorities)) {
      expect(creditCodeCharset).toContain(code);
      expect(authority.nameZh && authority.nameEn).toBeTruthy();
      for (const [c, category] of Object.entries(authority.categories)) {
        expect(creditCodeCharset).toContain(c);
        expect(category.nameZh && category.nameEn).toBeTruthy();
      }
    }
  });
});

describe("messages", () => {
  const samples: CreditCodeCheck[] = [
    { check: "length", actual: 17, expected: 18 },
    { check: "length", actual: 0, expected: 18 },
    { check: "charset", position: 5, char: "O" },
    { check: "charset", position: 5, char: " " },
    { check: "authority", position: 1, char: "B" },
    { check: "category", position: 2, char: "4", authority: "9" },
    { check: "division", from: 3, to: 8, value: "35A100" },
    { check: "organisationCode", position: 17, expected: "X", actual: "5" },
    { check: "checkCharacter", position: 18, expected: "W", actual: "A" },
  ];

  it.each(samples)("describes %j in zh-CN and English", (check) => {
    const zh = describeCheck(check, "zh-CN");
    const en = describeCheck(check, "en");
    expect(zh.length).toBeGreaterThan(0);
    expect(en.length).toBeGreaterThan(0);
    expect(zh).not.toBe(en);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("gives distinct sentences for distinct checks", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      expect(new Set(samples.map((c) => describeCheck(c, locale))).size).toBe(samples.length);
    }
  });

  it("says which character the check characters should be", () => {
    expect(describeCheck({ check: "checkCharacter", position: 18, expected: "W", actual: "A" }, "en")).toContain("18th character");
    expect(describeCheck({ check: "checkCharacter", position: 18, expected: "W", actual: "A" }, "en")).toContain("should be W");
    expect(describeCheck({ check: "checkCharacter", position: 18, expected: "W", actual: "A" }, "zh-CN")).toContain("第 18 位校验码不对：应为 W");
    expect(describeCheck({ check: "organisationCode", position: 17, expected: "X", actual: "5" }, "en")).toContain("17th should be X");
  });

  it("lists the categories allowed under the authority", () => {
    expect(describeCheck({ check: "category", position: 2, char: "4", authority: "9" }, "zh-CN")).toContain("1 企业、2 个体工商户、3 农民专业合作社");
  });

  it("gives message keys with parameters for the app catalogues", () => {
    expect(creditCodeCheckMessage({ check: "checkCharacter", position: 18, expected: "W", actual: "A" })).toEqual({
      key: "validation.creditCode.checkCharacter",
      params: { position: 18, expected: "W", actual: "A" },
    });
  });
});

describe("ZCreditCode", () => {
  it("normalises a valid code", () => {
    expect(ZCreditCode.parse(` ${publishedExample.toLowerCase()} `)).toBe(publishedExample);
  });

  it("adds one issue per failed check, first failure first, with the check code in params", () => {
    const result = ZCreditCode.safeParse("94350100m000100y5a");
    expect(result.success).toBe(false);
    const issues = result.error?.issues ?? [];
    expect(issues.map((i) => (i.code === "custom" ? i.params?.check : undefined))).toEqual(["category", "organisationCode", "checkCharacter"]);
    const first = validateCreditCode("94350100M000100Y5A").failedChecks[0];
    expect(first && issues[0]?.message).toBe(first && describeCheck(first, "zh-CN"));
  });

  it("rejects a non-string", () => {
    expect(ZCreditCode.safeParse(91350100).success).toBe(false);
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
  it("every generated code passes, in any case, and decodes to its parts", () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(validateCreditCode(code)).toEqual({ valid: true, normalized: code, failedChecks: [] });
        expect(validateCreditCode(code.toLowerCase()).valid).toBe(true);
        const decoded = decodeCreditCode(code);
        expect(decoded?.authority.code).toBe(code[0]);
        expect(decoded?.category.code).toBe(code[1]);
        expect(decoded?.divisionCode).toBe(code.slice(2, 8));
        expect(decoded?.organisationCode).toBe(code.slice(8, 17));
      }),
      { numRuns: 500 },
    );
  });

  it("changing any single character to another charset character fails", () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), charsetChar, (code, i, ch) => {
        fc.pre(code[i] !== ch);
        const changed = code.slice(0, i) + ch + code.slice(i + 1);
        const result = validateCreditCode(changed);
        expect(result.valid).toBe(false);
        expect(result.failedChecks.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it("exhaustively: every single-character change of one code fails", () => {
    const code = built.enterprise;
    for (let i = 0; i < 18; i++) {
      for (const ch of creditCodeCharset) {
        if (ch === code[i]) continue;
        expect(validateCreditCode(code.slice(0, i) + ch + code.slice(i + 1)).valid, `position ${i + 1} → ${ch}`).toBe(false);
      }
    }
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: "grapheme" }), (input) => {
        const result = validateCreditCode(input);
        expect(result.valid).toBe(result.failedChecks.length === 0);
      }),
      { numRuns: 1000 },
    );
  });
});
