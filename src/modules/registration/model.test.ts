import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditCodeCharset, decodeCreditCode, validateCreditCode } from "../identity/credit-code";
import { officialDivisions } from "../divisions/model";
import {
  carriesChangedItem,
  changedItems,
  compareName,
  entityTypeKeys,
  entityTypes,
  maxOrganisationSequence,
  newCreditCode,
  nextNameStatus,
  normaliseTradeName,
  organisationBodyFor,
  tradeNameProblem,
  type NameParts,
} from "./model";

const counties = officialDivisions()
  .filter((d) => d.level === 3)
  .map((d) => d.code);

describe("credit codes assigned on registration", () => {
  it("decode and validate for any sequence, entity type and Hebei county (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: maxOrganisationSequence }),
        fc.constantFrom(...entityTypeKeys),
        fc.constantFrom(...counties),
        (sequence, entityType, divisionCode) => {
          const code = newCreditCode({ entityType, divisionCode, sequence });
          expect(validateCreditCode(code)).toMatchObject({ valid: true, failedChecks: [] });
          const decoded = decodeCreditCode(code);
          expect(decoded).toMatchObject({ authority: { code: "9" }, category: { code: entityTypes[entityType].category }, divisionCode });
          expect(decoded?.organisationCode.slice(0, 8)).toBe(organisationBodyFor(sequence));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never gives two sequence numbers the same organisation code", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: maxOrganisationSequence }), fc.integer({ min: 0, max: maxOrganisationSequence }), (a, b) => {
        fc.pre(a !== b);
        expect(organisationBodyFor(a)).not.toBe(organisationBodyFor(b));
      }),
    );
    expect(organisationBodyFor(0)).toBe("MA000000");
    expect(organisationBodyFor(31)).toBe("MA000010");
    expect([...organisationBodyFor(maxOrganisationSequence)].every((c) => creditCodeCharset.includes(c))).toBe(true);
    expect(() => organisationBodyFor(maxOrganisationSequence + 1)).toThrow(RangeError);
  });
});

describe("name declaration", () => {
  const proposed: NameParts = { divisionName: "石家庄", divisionCode: "130100", tradeName: "云帆", industry: "商贸", form: "有限公司" };
  const existing = [
    { fullName: "石家庄云帆商贸有限公司", divisionCode: "130100", tradeName: "云帆", industry: "商贸" },
    { fullName: "石家庄云帆科技有限公司", divisionCode: "130100", tradeName: "云帆", industry: "科技" },
    { fullName: "石家庄云航商贸有限公司", divisionCode: "130100", tradeName: "云航", industry: "商贸" },
    { fullName: "保定云帆商贸有限公司", divisionCode: "130600", tradeName: "云帆", industry: "商贸" },
    { fullName: "石家庄远景商贸有限公司", divisionCode: "130100", tradeName: "远景", industry: "商贸" },
  ];

  it("refuses the same trade name in the same industry and division, naming the conflicting trade name", () => {
    const findings = compareName(proposed, existing);
    expect(findings[0]).toEqual({ level: "refused", reason: "identical", conflictTradeName: "云帆", conflictName: "石家庄云帆商贸有限公司" });
  });

  it("warns on the same trade name in another industry and on a one-character difference; ignores other divisions and unlike names", () => {
    const findings = compareName(proposed, existing);
    expect(findings.slice(1).map((f) => [f.level, f.reason, f.conflictName])).toEqual([
      ["warning", "sameTradeOtherIndustry", "石家庄云帆科技有限公司"],
      ["warning", "similarTradeName", "石家庄云航商贸有限公司"],
    ]);
  });

  it("compares trade names after normalising width, spacing and punctuation", () => {
    expect(normaliseTradeName(" 云 帆·")).toBe("云帆");
    expect(compareName({ ...proposed, tradeName: "云　帆" }, existing)[0]?.level).toBe("refused");
  });

  it("checks the trade name's own form", () => {
    expect(tradeNameProblem("云")).toBe("length");
    expect(tradeNameProblem("Cloud云")).toBe("characters");
    expect(tradeNameProblem("中华云帆")).toBe("restricted");
    expect(tradeNameProblem("云帆")).toBeNull();
  });
});

describe("change registration rules", () => {
  const before = {
    name: "石家庄示例商贸有限公司",
    businessAddress: "河北省石家庄市长安区中山东路 1 号",
    legalRepresentative: "赵示例",
    legalRepresentativeIdNumber: "11010519491231002X",
    registeredCapital: "100",
  };

  it("finds what changed, comparing capital as a number and a legal representative by name or ID number", () => {
    expect(changedItems(before, { ...before, registeredCapital: "100.00", businessAddress: " 河北省石家庄市长安区中山东路 1 号 " })).toEqual([]);
    expect(changedItems(before, { ...before, name: "石家庄新名商贸有限公司", registeredCapital: "150" })).toEqual(["name", "registeredCapital"]);
    expect(changedItems(before, { ...before, legalRepresentativeIdNumber: "130102199003070011" })).toEqual(["legalRepresentative"]);
  });

  it("lets a certificate type's declared fields say whether it carries a changed particular", () => {
    const seal = [{ source: { registry: "holderName" } }, { source: { registry: "holderCode" } }, { source: { answer: "sealTypes" } }];
    const tax = [{ source: { registry: "holderName" } }, { source: { answer: "businessAddress" } }];
    expect(carriesChangedItem(seal, ["name"])).toBe(true);
    expect(carriesChangedItem(seal, ["address", "registeredCapital"])).toBe(false);
    expect(carriesChangedItem(tax, ["address"])).toBe(true);
    expect(carriesChangedItem(tax, ["legalRepresentative"])).toBe(false);
  });

  it("a registered name is released when its enterprise is renamed or closed, and stays released", () => {
    expect(nextNameStatus("registered", "release")).toBe("released");
    expect(() => nextNameStatus("released", "register")).toThrow();
  });
});
