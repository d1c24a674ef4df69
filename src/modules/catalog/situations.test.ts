import { describe, expect, it } from "vitest";
import {
  appliesWhenProblems,
  chosenSituations,
  describeCondition,
  materialApplies,
  materialMayApply,
  materialStages,
  mergeMaterials,
  owedStepMaterials,
  situationAnswerProblems,
  type AppliesWhen,
  type SituationQuestion,
} from "./model";

const applicantType: SituationQuestion = {
  key: "applicantType",
  nameZh: "申请人类型",
  nameEn: "Type of applicant",
  options: [
    { value: "company", labelZh: "公司", labelEn: "Company" },
    { value: "individual", labelZh: "个体工商户", labelEn: "Individual business" },
  ],
};
const premises: SituationQuestion = {
  key: "premises",
  nameZh: "经营场所",
  nameEn: "Premises",
  options: [
    { value: "newShop", labelZh: "新开店铺", labelEn: "A new shop" },
    { value: "existingShop", labelZh: "现有店铺", labelEn: "An existing shop" },
  ],
};

describe("situations (办理情形)", () => {
  it("a material without a condition applies always; with one, when every named question holds; merged, when any service's holds", () => {
    expect(materialApplies({ appliesWhen: null }, {})).toBe(true);
    const rules: { appliesWhen: AppliesWhen[] } = { appliesWhen: [{ applicantType: ["company"], premises: ["newShop"] }, { premises: ["existingShop"] }] };
    expect(materialApplies(rules, { applicantType: "company", premises: "newShop" })).toBe(true);
    expect(materialApplies(rules, { applicantType: "individual", premises: "newShop" })).toBe(false);
    expect(materialApplies(rules, { applicantType: "individual", premises: "existingShop" })).toBe(true);
    // While a question is open, a material that may still apply is listed.
    expect(materialMayApply(rules, { applicantType: "individual" })).toBe(true);
    expect(materialMayApply({ appliesWhen: [{ applicantType: ["company"] }] }, { applicantType: "individual" })).toBe(false);
  });

  it("merges the conditions of one material asked by several services: unconditional if any asks it always", () => {
    const row = (serviceCode: string, appliesWhen: Record<string, string[]> | null) => ({
      key: "floorPlan",
      legalBasis: "《示例条例》第一条",
      required: true,
      conditionZh: null,
      conditionEn: null,
      sortOrder: 1,
      serviceCode,
      appliesWhen,
    });
    expect(mergeMaterials([row("food", { premises: ["newShop"] }), row("fire", null)])[0]?.appliesWhenAny).toBeNull();
    expect(mergeMaterials([row("food", { premises: ["newShop"] }), row("sign", { premises: ["newShop"] })])[0]?.appliesWhenAny).toEqual([
      { premises: ["newShop"] },
    ]);
  });

  it("checks an applicant's answers: each question answered with one of its answers, nothing else", () => {
    expect(situationAnswerProblems([applicantType, premises], { applicantType: "company", premises: "newShop" })).toEqual([]);
    expect(situationAnswerProblems([applicantType, premises], { applicantType: "castle", dragons: "yes" })).toEqual([
      { key: "dragons", problem: "unknownQuestion" },
      { key: "applicantType", problem: "unknownAnswer" },
      { key: "premises", problem: "missing" },
    ]);
  });

  it("checks a material's condition against its service's questions, at relative paths", () => {
    expect(appliesWhenProblems({ applicantType: ["company", "castle"], colour: ["red"], premises: [] }, [applicantType, premises])).toEqual([
      { path: ["applicantType", 1], problem: "unknownAnswer", value: "castle" },
      { path: ["colour"], problem: "unknownQuestion", value: "colour" },
      { path: ["premises"], problem: "noAnswers", value: "premises" },
    ]);
  });

  it("says a condition in words in both languages, and reads a guide's picks from its URL", () => {
    expect(describeCondition({ applicantType: ["company"], premises: ["newShop", "existingShop"] }, [applicantType, premises], "zh-CN")).toBe(
      "申请人类型：公司；经营场所：新开店铺或现有店铺",
    );
    expect(describeCondition({ applicantType: ["individual"] }, [applicantType], "en")).toBe("Type of applicant: Individual business");
    expect(chosenSituations([applicantType, premises], { applicantType: "company", premises: ["newShop"], other: "x" })).toEqual({ applicantType: "company" });
  });
});

describe("staged materials", () => {
  const steps = [
    { key: "land", needs: [], serviceCode: "land" },
    { key: "plan", needs: ["land"], serviceCode: "plan" },
    { key: "build", needs: ["plan"], serviceCode: "build" },
  ];
  it("puts each material in the first stage whose step asks it", () => {
    const stages = materialStages(steps, [
      { key: "name", serviceCodes: ["land", "build"] },
      { key: "design", serviceCodes: ["plan"] },
      { key: "report", serviceCodes: ["build"] },
    ]);
    expect(Object.fromEntries(stages)).toEqual({ name: 1, design: 2, report: 3 });
  });

  it("owes a step the later-stage materials its service asks that apply and are not supplied yet", () => {
    const m = (key: string, stage: number, required = true, appliesWhen: Array<Record<string, string[]>> | null = null) => ({
      key,
      stage,
      required,
      serviceCodes: ["build"],
      appliesWhen,
    });
    const materials = [m("name", 1), m("drawings", 3), m("contract", 3), m("notes", 3, false), m("lift", 3, true, [{ lift: ["yes"] }])];
    const owed = owedStepMaterials(materials, { serviceCode: "build" }, { lift: "no" }, new Set(["contract"]));
    expect(owed.all.map((x) => x.key)).toEqual(["drawings", "notes"]);
    expect(owed.required.map((x) => x.key)).toEqual(["drawings"]);
  });
});
