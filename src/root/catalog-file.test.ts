import { describe, expect, it } from "vitest";
import { officialDivisions } from "@/modules/divisions/model";
import { lintCatalog } from "@/modules/catalog/lint";
import { fileLintCatalog, formatPath, lintProblems, parseProvinceFile, ZProvinceFile } from "./catalog-file";
import demoFile from "./seed/demo-province.json";

const divisionCodes = new Set(officialDivisions().map((d) => d.code));
const clone = () => structuredClone(demoFile);
const problemsOf = (raw: unknown) => parseProvinceFile(raw, divisionCodes).problems;

describe("a province file", () => {
  it("accepts the demo province", () => {
    const result = parseProvinceFile(demoFile, divisionCodes);
    expect(result.problems).toEqual([]);
    expect(result.file?.services).toHaveLength(demoFile.services.length);
  });

  it("holds a competence rule (管辖层级) to a known level, an existing body of the function and the service's own fields", () => {
    const file = clone() as { services: Array<Record<string, unknown>>; departments: Array<Record<string, unknown>> };
    const food = file.services.findIndex((s) => s.code === "foodBusinessLicensing");
    const tax = file.services.findIndex((s) => s.department === "tax");
    expect(file.services[food]!.competence).toEqual({ lowestLevel: "county" });
    file.services[food]!.competence = { lowestLevel: "town" };
    expect(problemsOf(file).map((p) => p.path)).toEqual([`services[${food}].competence.lowestLevel`]);
    file.services[food]!.competence = { lowestLevel: "city", locationKey: "noSuchAnswer", provinceFromAmount: { key: "businessAddress", atLeast: 1 } };
    file.services[tax]!.competence = { lowestLevel: "county" };
    const bodyless = file.departments.findIndex((d) => d.code === "marketBaoding");
    file.departments[bodyless]!.functionCode = "noSuchDepartment";
    const twin = { ...file.departments.find((d) => d.code === "marketTangxian")!, code: "marketTangxianTwin" };
    file.departments.push(twin);
    expect(problemsOf(file).map((p) => `${p.path}: ${p.message}`)).toEqual([
      `departments[${bodyless}].functionCode: "noSuchDepartment" is not a provincial department of the file`,
      `departments[${file.departments.length - 1}].functionCode: "marketTangxian" already carries out "market" in 130627`,
      `services[${tax}].competence.lowestLevel: service "${String(file.services[tax]!.code)}": no city or county body carries out the function of "tax"`,
      `services[${food}].competence.locationKey: service "foodBusinessLicensing": "noSuchAnswer" is not a form field of the service (the project's location)`,
      `services[${food}].competence.provinceFromAmount.key: service "foodBusinessLicensing": "businessAddress" is not a number field of the service (the amount)`,
    ]);
  });

  it("names shape problems by their path", () => {
    const file = clone() as Record<string, unknown>;
    delete file.formatVersion;
    (file.staff as Array<Record<string, unknown>>)[0]!.role = "king";
    (file.staff as Array<Record<string, unknown>>)[1]!.password = "secret";
    expect(problemsOf(file).map((p) => p.path)).toEqual(["formatVersion", "staff[0].role", "staff[1]"]);
  });

  it("bounds every text and list of the file, naming where it overflows", () => {
    const file = clone() as { services: Array<Record<string, unknown>>; bundles: Array<{ steps: unknown[] }> };
    file.services[0]!.nameZh = "长".repeat(2001);
    file.bundles[0]!.steps = Array.from({ length: 101 }, (_, i) => ({ key: `s${i}`, service: "x", needs: [] }));
    expect(problemsOf(file).map((p) => p.path)).toEqual(["services[0].nameZh", "bundles[0].steps"]);
  });

  it("gives a unit only to a number field, and only a unit it has words for", () => {
    const file = clone() as { materials: Array<Record<string, unknown>> };
    const text = file.materials.findIndex((m) => m.fieldType === "text");
    const number = file.materials.findIndex((m) => m.fieldType === "number");
    file.materials[text]!.unit = "squareMetre";
    file.materials[number]!.unit = "furlong";
    const problems = problemsOf(file);
    expect(problems.map((p) => p.path)).toEqual([`materials[${number}].unit`]);
    file.materials[number]!.unit = "percent";
    expect(problemsOf(file)).toEqual([{ path: `materials[${text}].unit`, message: "only a number field has a unit" }]);
  });

  it("refuses a material naming an unknown situation or answer, at its path", () => {
    type Svc = {
      code: string;
      situations?: Array<{ key: string; options: Array<{ value: string }> }>;
      materials: Array<{ key: string; appliesWhen?: Record<string, string[]> }>;
    };
    const file = clone() as unknown as { services: Svc[]; bundles: Array<{ steps: Array<{ service: string }> }> };
    const i = file.services.findIndex((s) => s.code === "foodBusinessLicensing");
    const service = file.services[i]!;
    const j = service.materials.findIndex((m) => m.key === "foodSafetyRules");
    const k = service.materials.findIndex((m) => m.key === "premisesFloorPlan");
    service.materials[j]!.appliesWhen = { applicantKind: ["company"] };
    service.materials[k]!.appliesWhen = { premises: ["newShop", "castle"] };
    expect(problemsOf(file)).toEqual([
      { path: `services[${i}].materials[${k}].appliesWhen.premises[1]`, message: 'unknown answer "castle" of situation "premises"' },
      {
        path: `services[${i}].materials[${j}].appliesWhen.applicantKind`,
        message: 'unknown situation "applicantKind" (service "foodBusinessLicensing" asks "applicantType", "premises")',
      },
    ]);
  });

  it("refuses a bundle whose services mean different answers by one situation", () => {
    type Svc = { code: string; situations?: unknown[] };
    const file = clone() as unknown as { services: Svc[]; bundles: Array<{ code: string; steps: Array<{ service: string }> }> };
    const food = file.services.find((s) => s.code === "foodBusinessLicensing")!;
    const fire = file.services.find((s) => s.code === "fireSafetyInspection")!;
    fire.situations = [
      {
        key: "premises",
        nameZh: "场所",
        nameEn: "Premises",
        options: [
          { value: "a", labelZh: "甲", labelEn: "A" },
          { value: "b", labelZh: "乙", labelEn: "B" },
        ],
      },
    ];
    const b = file.bundles.findIndex((x) => x.code === "openRestaurant");
    const step = file.bundles[b]!.steps.findIndex((x) => x.service === "fireSafetyInspection");
    expect(food.situations).toBeDefined();
    expect(problemsOf(file)).toEqual([
      {
        path: `bundles[${b}].steps[${step}].service`,
        message: 'situation "premises" has other answers in service "fireSafetyInspection" than in "foodBusinessLicensing"',
      },
    ]);
  });

  it("reports every rule broken at once, each at its path", () => {
    const file = clone();
    file.departments[1]!.code = file.departments[0]!.code;
    file.departments[2]!.divisionCode = "999999";
    file.staff[2]!.login = ` ${file.staff[1]!.login.toUpperCase()} `;
    file.certificateTypes[0]!.issuer = "nobody";
    file.services[0]!.issues = "noSuchType";
    file.services[0]!.legalBasis = "";
    file.services[1]!.promisedDays = file.services[1]!.statutoryDays + 1;
    file.services[2]!.materials[0]!.key = "noSuchMaterial";
    file.bundles[0]!.steps[0]!.needs = [file.bundles[0]!.steps[1]!.key];
    file.bundles[1]!.steps[0]!.service = "noSuchService";
    file.grants[0]!.consumer = "nobody";
    const problems = problemsOf(file);
    const at = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message);
    expect(at("departments[1]")).toEqual([`duplicate department code "${file.departments[0]!.code}"`]);
    expect(at("departments[2].divisionCode")).toEqual(['unknown division "999999"']);
    expect(at("staff[2]")[0]).toMatch(/duplicate login/);
    expect(at("certificateTypes[0].issuer")).toEqual(['unknown department "nobody"']);
    expect(at("services[0].issues")).toEqual(['unknown certificate type "noSuchType"']);
    expect(at("services[0].legalBasis")[0]).toMatch(/no legal basis/);
    expect(at("services[1].promisedDays")[0]).toMatch(/above the statutory limit/);
    expect(at("services[2].materials[0].key")).toEqual(['unknown material "noSuchMaterial"']);
    expect(at("bundles[0].steps")[0]).toMatch(/cycle/);
    expect(at("bundles[1].steps[0].service")).toEqual(['unknown service "noSuchService"']);
    expect(at("grants[0].consumer")).toEqual(['unknown department "nobody"']);
    // The departments' duplicate makes staff and services that name the second one still known.
    expect(problems.length).toBeGreaterThanOrEqual(11);
  });

  it("refuses a reviewer without a department and a certificate material without its type", () => {
    const file = clone();
    const reviewer = file.staff.findIndex((s) => s.role === "reviewer");
    delete (file.staff[reviewer] as { department?: string }).department;
    const material = file.materials.findIndex((m) => m.source === "certificate");
    delete (file.materials[material] as { certificateType?: string }).certificateType;
    expect(problemsOf(file).map((p) => p.path)).toEqual([`staff[${reviewer}].department`, `materials[${material}].certificateType`]);
  });

  it("lets one certificate type at most identify each kind, and a registering service needs the entity's licence", () => {
    const file = clone() as { certificateTypes: Array<{ code: string; identifies?: string | null }>; services: Array<{ registersEntity?: boolean }> };
    const licence = file.certificateTypes.findIndex((c) => c.identifies === "entity");
    const card = file.certificateTypes.findIndex((c) => c.identifies === "person");
    const seal = file.certificateTypes.findIndex((c) => c.code === "sealRecord");
    const registering = file.services.findIndex((s) => s.registersEntity);
    file.certificateTypes[seal]!.identifies = "person";
    expect(problemsOf(file)).toEqual([
      {
        path: `certificateTypes[${Math.max(seal, card)}].identifies`,
        message: `"${file.certificateTypes[Math.max(seal, card)]!.code}" and "${file.certificateTypes[Math.min(seal, card)]!.code}" both identify "person": one certificate type per kind`,
      },
    ]);
    file.certificateTypes[seal]!.identifies = "company";
    expect(problemsOf(file).map((p) => p.path)).toEqual([`certificateTypes[${seal}].identifies`]);
    file.certificateTypes[seal]!.identifies = null;
    delete file.certificateTypes[licence]!.identifies;
    // Every service that registers an entity (start a business, change, deregistration) is named.
    const registeringAll = file.services.flatMap((s, i) => (s.registersEntity ? [i] : []));
    expect(registeringAll).toContain(registering);
    expect(problemsOf(file)).toEqual(
      registeringAll.map((i) => ({ path: `services[${i}].registersEntity`, message: expect.stringMatching(/no certificate type identifies "entity"/) })),
    );
  });

  it("has no finding of the catalog's lint in the demo province: no needless or circular certificate", () => {
    const file = ZProvinceFile.parse(demoFile);
    expect(lintCatalog(fileLintCatalog(file))).toEqual([]);
  });

  it("names the demo's old uploads of documents government issues, at their definitions", () => {
    // As the demo catalogued them before the lint: 户口簿 and the project approval as uploads.
    const file = clone() as { materials: Array<Record<string, unknown>> };
    const keys = ["householdRegisterBook", "projectApprovalDocument"];
    for (const m of file.materials)
      if (keys.includes(m.key as string)) {
        m.source = "upload";
        delete m.certificateType;
      }
    const problems = problemsOf(file);
    const at = (key: string) => `materials[${file.materials.findIndex((m) => m.key === key)}].source`;
    expect(problems).toEqual([
      { path: at("householdRegisterBook"), message: expect.stringContaining('service "birthRegistration" asks "householdRegisterBook" as an upload') },
      { path: at("projectApprovalDocument"), message: expect.stringContaining('service "landUsePlanningPermit" asks "projectApprovalDocument" as an upload') },
    ]);
    expect(lintProblems(ZProvinceFile.parse(file))).toEqual(problems);
  });

  it("names a legal basis that names no law and a material no service issues and no law names", () => {
    const file = clone() as { materials: Array<Record<string, unknown>>; services: Array<{ materials: Array<{ key: string; legalBasis: string }> }> };
    file.services[0]!.materials[0]!.legalBasis = "按有关规定";
    file.materials.push({ key: "strangeProof", nameZh: "亲属关系证明", nameEn: "Proof of kinship", source: "upload", sortOrder: 500 });
    file.services[1]!.materials.push({ key: "strangeProof", legalBasis: "惯例" });
    const asked = file.services[1]!.materials.length - 1;
    expect(problemsOf(file)).toEqual([
      { path: "services[0].materials[0].legalBasis", message: expect.stringContaining("without a legal basis that names a law") },
      { path: `services[1].materials[${asked}].legalBasis`, message: expect.stringContaining('asks material "strangeProof" without a legal basis') },
      { path: `materials[${file.materials.length - 1}]`, message: 'material "strangeProof": no service issues it and no law names it' },
    ]);
  });

  it("formats paths as JSON paths", () => {
    expect(formatPath(["services", 3, "materials", 0, "legalBasis"])).toBe("services[3].materials[0].legalBasis");
    expect(formatPath([])).toBe("(file)");
  });
});
