import { describe, expect, it } from "vitest";
import type { PlanMaterial, PlanStep } from "../catalog/plan";
import { catalogAnswerGroups, stepFirst } from "./answer-groups";
import { certificatesForSteps } from "./model";

const step = (key: string, serviceCode: string, needs: string[] = [], issuesCertificateType: string | null = null): PlanStep => ({
  key,
  serviceId: serviceCode,
  serviceCode,
  serviceNameZh: `${serviceCode}事项`,
  serviceNameEn: `${serviceCode} service`,
  departmentId: `dept-${serviceCode}`,
  needs,
  promisedDays: 5,
  statutoryDays: 20,
  deemedApprovalOnTimeout: false,
  issuesCertificateType,
  stage: 1,
});
const field = (key: string, serviceCodes: string[], over: Partial<PlanMaterial> = {}): PlanMaterial => ({
  key,
  nameZh: `${key}名`,
  nameEn: `${key} name`,
  legalBasis: "《示例条例》",
  source: "formField",
  fieldType: "text",
  options: null,
  unit: null,
  certificateType: null,
  required: true,
  conditionZh: null,
  conditionEn: null,
  serviceCodes,
  appliesWhen: null,
  stage: 1,
  ...over,
});

describe("an application's answers for a reviewer, from the catalog", () => {
  const plan = [step("food", "food"), step("fire", "fire")];
  const materials = [
    field("shopName", ["food", "fire"]),
    field("diningArea", ["fire"], { fieldType: "number", unit: "squareMetre" }),
    field("seats", ["food"], { fieldType: "select", options: [{ value: "small", labelZh: "50座以下", labelEn: "Under 50 seats" }] }),
    field("floorPlan", ["fire"], { source: "upload", fieldType: null }),
  ];
  const formData = { shopName: "示例小馆", diningArea: "120", seats: "small" };

  it("groups by step, the reader's first, each answer once, labelled and formatted", () => {
    const groups = catalogAnswerGroups({ applicationId: "a", plan, formData, materials, readerStepKeys: new Set(["fire"]) });
    expect(groups.map((g) => [g.key, g.forStep])).toEqual([
      ["step.fire", true],
      ["step.food", false],
    ]);
    expect(groups[0]?.rows.map((r) => [r.key, r.value?.zh, r.forStep])).toEqual([
      ["shopName", "示例小馆", true],
      ["diningArea", "120 平方米", true],
    ]);
    expect(groups[1]?.rows.map((r) => [r.key, r.value?.en, r.forStep])).toEqual([["seats", "Under 50 seats", false]]);
  });

  it("puts the groups a step needs first, keeping the form's order otherwise", () => {
    const g = (key: string, forStep: boolean) => ({ key, title: { zh: key, en: key }, forStep, rows: [], table: null });
    expect(stepFirst([g("a", false), g("b", true), g("c", false), g("d", true)]).map((x) => x.key)).toEqual(["b", "d", "a", "c"]);
  });
});

describe("the certificates a reviewer's steps build on", () => {
  // Registration issues the licence; seal and tax need it; a staged permit needs the seal.
  const plan = [
    step("licence", "reg", [], "businessLicence"),
    step("seal", "seal", ["licence"], "sealRecord"),
    step("tax", "tax", ["licence"], "taxRegistration"),
    step("late", "late", ["seal"]),
  ];

  it("are the upstream steps' certificates, issued or not yet, not a parallel step's", () => {
    expect(certificatesForSteps(plan, new Set(["tax"]), new Set())).toEqual([{ stepKey: "licence", typeCode: "businessLicence", issued: false }]);
    expect(certificatesForSteps(plan, new Set(["tax"]), new Set(["licence"]))).toEqual([{ stepKey: "licence", typeCode: "businessLicence", issued: true }]);
    // Through the steps it needs, transitively.
    expect(certificatesForSteps(plan, new Set(["late"]), new Set(["licence"])).map((c) => [c.typeCode, c.issued])).toEqual([
      ["businessLicence", true],
      ["sealRecord", false],
    ]);
  });

  it("include a step's own certificate only once it is issued", () => {
    expect(certificatesForSteps(plan, new Set(["licence"]), new Set())).toEqual([]);
    expect(certificatesForSteps(plan, new Set(["licence"]), new Set(["licence"]))).toEqual([{ stepKey: "licence", typeCode: "businessLicence", issued: true }]);
  });
});
