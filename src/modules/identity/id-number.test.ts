import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeIdNumberCheck,
  describeCheck,
  idNumberCheckMessage,
  maskIdNumber,
  validateIdNumber,
  ZIdNumber,
  type IdNumberCheck,
  type IdNumberCheckCode,
} from "./id-number";

// A fixed "now" keeps the not-in-the-future rule deterministic: 2026-11-26 08:00 in China.
const today = new Date("2026-11-26T00:00:00Z");
const checksOf = (id: string) => validateIdNumber(id, today).failedChecks.map((f) => f.check);
/** 17 digits plus their correct check character. Only made-up numbers are used here. */
const withCheck = (first17: string) => first17 + computeIdNumberCheck(first17);

// The example printed in GB 11643-1999 itself.
const standardExample = "11010519491231002X";

describe("computeIdNumberCheck (ISO 7064 MOD 11-2)", () => {
  it.each([
    ["11010519491231002", "X"],
    ["00000000000000000", "1"], // sum 0 → "10X98765432"[0]
  ])("%s → %s", (first17, check) => {
    expect(computeIdNumberCheck(first17)).toBe(check);
  });

  it("rejects input that is not 17 digits", () => {
    expect(() => computeIdNumberCheck("1101051949123100")).toThrow(RangeError);
    expect(() => computeIdNumberCheck("1101051949123100X")).toThrow(RangeError);
  });
});

describe("validateIdNumber", () => {
  it("accepts the standard's example, also with a lower-case x and surrounding spaces", () => {
    expect(validateIdNumber(standardExample, today)).toEqual({ valid: true, normalized: standardExample, failedChecks: [] });
    expect(validateIdNumber(" 11010519491231002x\u3000", today)).toEqual({ valid: true, normalized: standardExample, failedChecks: [] });
  });

  it.each([
    ["a leap day", withCheck("13010220000229001")],
    ["born 1 January 1900", withCheck("13010219000101001")],
    ["born today in China", withCheck("13010220261126001")],
  ])("accepts %s (%s)", (_label, id) => {
    expect(validateIdNumber(id, today).valid).toBe(true);
  });

  it.each<[string, string, IdNumberCheckCode[]]>([
    ["empty", "", ["length"]],
    ["17 characters", "11010519491231002", ["length"]],
    ["17 characters ending in X", "1101051949123102X", ["length"]],
    ["19 characters", "110105194912310020X", ["length"]],
    ["too short with a letter", "1101051949A231", ["length", "charset"]],
    ["a letter inside", "1101051949123100AX", ["charset"]],
    ["X not at the end", "X10105194912310021", ["charset"]],
    ["a letter in the date", "1101051949A231002X", ["charset"]],
    ["a full-width digit", "１10105194912310021", ["charset"]],
    ["an inner space", "110105 94912310021", ["charset"]],
    ["wrong check character", "110105194912310021", ["checkCharacter"]],
    ["30 February", withCheck("11010519490230002"), ["birthDate"]],
    ["29 February 1900 (not a leap year)", withCheck("11010519000229002"), ["birthDate"]],
    ["month 13", withCheck("11010519491331002"), ["birthDate"]],
    ["day 00", withCheck("11010519491200002"), ["birthDate"]],
    ["born tomorrow in China", withCheck("13010220261127001"), ["birthDate"]],
    ["born in the future", withCheck("11010520270101002"), ["birthDate"]],
    ["born before 1900", withCheck("11010518991231002"), ["birthDate"]],
    ["bad date and wrong check character", "11010519490230002X", ["birthDate", "checkCharacter"]],
  ])("%s: %s fails exactly %j", (_label, id, expected) => {
    const result = validateIdNumber(id, today);
    expect(result.valid).toBe(false);
    expect(result.failedChecks.map((f) => f.check)).toEqual(expected);
  });

  it("says what the check character should be", () => {
    expect(validateIdNumber("110105194912310021", today).failedChecks).toEqual<IdNumberCheck[]>([
      { check: "checkCharacter", position: 18, expected: "X", actual: "1" },
    ]);
  });

  it("gives the length, bad positions and the date problem", () => {
    expect(validateIdNumber("1101", today).failedChecks).toEqual([{ check: "length", actual: 4, expected: 18 }]);
    expect(validateIdNumber("X10105194912310021", today).failedChecks).toEqual([{ check: "charset", position: 1, char: "X" }]);
    expect(validateIdNumber(withCheck("11010519490230002"), today).failedChecks).toEqual([
      { check: "birthDate", from: 7, to: 14, date: "1949-02-30", reason: "notADate" },
    ]);
    expect(validateIdNumber(withCheck("11010520270101002"), today).failedChecks).toEqual([
      { check: "birthDate", from: 7, to: 14, date: "2027-01-01", reason: "future" },
    ]);
    expect(validateIdNumber(withCheck("11010518991231002"), today).failedChecks).toEqual([
      { check: "birthDate", from: 7, to: 14, date: "1899-12-31", reason: "before1900" },
    ]);
  });

  it("judges 'today' in China's time zone", () => {
    const id = withCheck("13010220261127001");
    expect(checksOf(id)).toEqual(["birthDate"]);
    // 2026-11-26 17:00 UTC is already 2026-11-27 01:00 in China.
    expect(validateIdNumber(id, new Date("2026-11-26T17:00:00Z")).valid).toBe(true);
  });
});

describe("maskIdNumber", () => {
  it("shows the division and the last four characters only", () => {
    expect(maskIdNumber(standardExample)).toBe("110105********002X");
    expect(maskIdNumber(" 11010519491231002x ")).toBe("110105********002X");
  });

  it("hides everything when the length is wrong", () => {
    expect(maskIdNumber("1101051949")).toBe("******");
  });
});

describe("messages", () => {
  const samples: IdNumberCheck[] = [
    { check: "length", actual: 17, expected: 18 },
    { check: "length", actual: 0, expected: 18 },
    { check: "charset", position: 17, char: "A" },
    { check: "charset", position: 7, char: " " },
    { check: "birthDate", from: 7, to: 14, date: "1949-02-30", reason: "notADate" },
    { check: "birthDate", from: 7, to: 14, date: "2027-01-01", reason: "future" },
    { check: "birthDate", from: 7, to: 14, date: "1899-12-31", reason: "before1900" },
    { check: "checkCharacter", position: 18, expected: "X", actual: "1" },
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

  it("says what the check character should be", () => {
    const check: IdNumberCheck = { check: "checkCharacter", position: 18, expected: "X", actual: "1" };
    expect(describeCheck(check, "zh-CN")).toContain("应为 X");
    expect(describeCheck(check, "en")).toContain("should be X");
  });

  it("gives message keys with parameters for the app catalogues", () => {
    expect(idNumberCheckMessage({ check: "birthDate", from: 7, to: 14, date: "1949-02-30", reason: "notADate" })).toEqual({
      key: "validation.idNumber.birthDate",
      params: { from: 7, to: 14, date: "1949-02-30", reason: "notADate" },
    });
  });
});

describe("ZIdNumber", () => {
  it("normalises a lower-case x", () => {
    expect(ZIdNumber.parse(" 11010519491231002x ")).toBe(standardExample);
  });

  it("adds one issue per failed check, first failure first, with the check code in params", () => {
    const result = ZIdNumber.safeParse("11010519490230002X");
    expect(result.success).toBe(false);
    const issues = result.error?.issues ?? [];
    expect(issues.map((i) => (i.code === "custom" ? i.params?.check : undefined))).toEqual(["birthDate", "checkCharacter"]);
    expect(issues[0]?.message).toBe(describeCheck({ check: "birthDate", from: 7, to: 14, date: "1949-02-30", reason: "notADate" }, "zh-CN"));
  });
});

// Made-up numbers: random division, date and sequence.
const birthDate = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2026-11-25T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll("-", ""));
const validId = fc
  .record({ division: fc.stringMatching(/^\d{6}$/), birth: birthDate, seq: fc.stringMatching(/^\d{3}$/) })
  .map(({ division, birth, seq }) => withCheck(division + birth + seq));

describe("properties", () => {
  it("every generated number passes, also with a lower-case x", () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(validateIdNumber(id, today)).toEqual({ valid: true, normalized: id, failedChecks: [] });
        expect(validateIdNumber(id.toLowerCase(), today).valid).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("changing any single character to another digit or X fails", () => {
    const chars = "0123456789X".split("");
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...chars), (id, i, ch) => {
        fc.pre(id[i] !== ch);
        const changed = id.slice(0, i) + ch + id.slice(i + 1);
        expect(validateIdNumber(changed, today).valid).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it("exhaustively: every single-character change of the standard's example fails", () => {
    for (let i = 0; i < 18; i++) {
      for (const ch of "0123456789X") {
        if (ch === standardExample[i]) continue;
        expect(validateIdNumber(standardExample.slice(0, i) + ch + standardExample.slice(i + 1), today).valid, `position ${i + 1} → ${ch}`).toBe(false);
      }
    }
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: "grapheme" }), (input) => {
        const result = validateIdNumber(input, today);
        expect(result.valid).toBe(result.failedChecks.length === 0);
      }),
      { numRuns: 1000 },
    );
  });
});
