import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeIdNumberCheck, maskIdNumber, validateIdNumber } from "./id-number";

const today = new Date("2026-11-26T00:00:00Z");
const checksOf = (id: string) => validateIdNumber(id, today).failedChecks.map((f) => f.check);

describe("validateIdNumber", () => {
  // The example printed in GB 11643-1999 itself.
  const standardExample = "11010519491231002X";

  it("accepts the standard's example, also with a lower-case x", () => {
    expect(validateIdNumber(standardExample, today)).toEqual({ valid: true, normalized: standardExample, failedChecks: [] });
    expect(validateIdNumber("11010519491231002x", today).normalized).toBe(standardExample);
  });

  it.each([
    ["17 characters", "11010519491231002", ["length"]],
    ["a letter inside", "1101051949123100AX", ["charset"]],
    ["X not at the end", "X10105194912310021", ["charset"]],
    ["wrong check character", "110105194912310021", ["checkCharacter"]],
    ["30 February", `11010519490230002${computeIdNumberCheck("11010519490230002")}`, ["birthDate"]],
    ["born in the future", `11010520270101002${computeIdNumberCheck("11010520270101002")}`, ["birthDate"]],
    ["born before 1900", `11010518991231002${computeIdNumberCheck("11010518991231002")}`, ["birthDate"]],
  ])("%s fails exactly %j", (_label, id, expected) => {
    expect(checksOf(id)).toEqual(expected);
  });

  it("says what the check character should be", () => {
    expect(validateIdNumber("110105194912310021", today).failedChecks).toEqual([{ check: "checkCharacter", expected: "X" }]);
  });

  it("masks all but the division and the last four", () => {
    expect(maskIdNumber(standardExample)).toBe("110105********002X");
  });
});

const birthDate = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2026-11-25T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll("-", ""));
const validId = fc
  .record({ division: fc.stringMatching(/^\d{6}$/), birth: birthDate, seq: fc.stringMatching(/^\d{3}$/) })
  .map(({ division, birth, seq }) => {
    const first17 = division + birth + seq;
    return first17 + computeIdNumberCheck(first17);
  });

describe("properties", () => {
  it("every generated number passes", () => {
    fc.assert(fc.property(validId, (id) => {
        expect(validateIdNumber(id, today).valid).toBe(true);
      }), { numRuns: 500 });
  });

  it("changing any single character fails", () => {
    const chars = "0123456789X".split("");
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...chars), (id, i, ch) => {
        fc.pre(id[i] !== ch);
        const changed = id.slice(0, i) + ch + id.slice(i + 1);
        expect(validateIdNumber(changed, today).valid).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
