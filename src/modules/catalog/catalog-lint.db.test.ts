import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parseMessage } from "@/lib/message";
import { withDemo } from "@/root/testing/fixtures";
import demoFile from "@/root/seed/demo-province.json";
import { currentCatalogVersion } from "./catalog-version";
import { saveCertificateType } from "./certificate-types";
import { createService } from "./create-service";
import { ZCreateServiceInput, ZSaveCertificateTypeInput, ZSaveMaterialInput, ZUpdateServiceInput, type SaveMaterialInput } from "./inputs";
import { getCatalogLint } from "./lint-catalog";
import { saveMaterial } from "./save-material";
import { materials, services } from "./schema";
import { updateService } from "./update-service";

const { h, office } = await withDemo({ office: "dataoffice" });

const law = "《测试条例》第一条";
const unique = () => randomUUID().slice(0, 8);

/** A certificate type of the test's own (issued by the housing department). */
async function newType(code: string, nameZh = `测试证照${code}`) {
  await saveCertificateType(
    h.db,
    office,
    ZSaveCertificateTypeInput.parse({
      create: true,
      code,
      nameZh,
      nameEn: `Test certificate ${code}`,
      issuerDepartmentCode: "housing",
      validityYears: "",
      fields: [{ key: "holderName", nameZh: "持证人", nameEn: "Holder", type: "text", source: { registry: "holderName" }, shared: true }],
    }),
  );
}

/** A published service of the test's own that issues `issues`. */
async function newService(code: string, issues: string) {
  await createService(
    h.db,
    office,
    ZCreateServiceInput.parse({
      code,
      nameZh: `测试事项${code}`,
      nameEn: `Test service ${code}`,
      departmentCode: "housing",
      legalBasis: law,
      conditionsZh: "符合条件。",
      conditionsEn: "Meets the conditions.",
      statutoryDays: "20",
      promisedDays: "5",
      feeYuan: "0",
      applicantKinds: ["enterprise"],
      issuesCertificateType: issues,
      registersEntity: false,
      autoAcceptance: false,
      deemedApprovalOnTimeout: false,
      published: true,
    }),
  );
}

const material = (serviceCode: string, over: Partial<SaveMaterialInput>) =>
  ZSaveMaterialInput.parse({
    serviceCode,
    key: "needed",
    nameZh: "所需证照",
    nameEn: "Needed certificate",
    legalBasis: law,
    source: "certificate",
    fieldType: "",
    optionsText: "",
    certificateType: "",
    required: true,
    conditionZh: "",
    conditionEn: "",
    sortOrder: "1",
    ...over,
  });

/** The refusal's field errors, each message decoded (key and parameters). */
async function refusal(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { issues?: Array<{ path: PropertyKey[]; message: string }> } | null;
  expect(error?.issues, "the edit was refused with field errors").toBeDefined();
  return Object.fromEntries((error?.issues ?? []).map((i) => [i.path.join("."), parseMessage(i.message)]));
}

const materialsOf = async (serviceCode: string) =>
  h.db
    .select({ key: materials.key })
    .from(materials)
    .innerJoin(services, eq(services.id, materials.serviceId))
    .where(and(eq(services.code, serviceCode)));

describe("the catalog's lint in the database", () => {
  it("finds nothing in the demo's services, and reports what the registry supplies them", async () => {
    const lint = await getCatalogLint(h.db);
    const demo = new Set(demoFile.services.map((s) => s.code));
    // The database is shared with other files: only the demo's own services are asked about.
    expect(lint.findings.filter((f) => (f.serviceCode && demo.has(f.serviceCode)) || f.cycle?.some((e) => demo.has(e.from)))).toEqual([]);
    const birth = lint.services.find((s) => s.code === "birthRegistration");
    expect(birth?.shared.map((m) => m.key)).toEqual(expect.arrayContaining(["householdRegisterBook", "birthMedicalCertificate"]));
    expect(birth?.uploaded).toEqual([]);
    const landUse = lint.services.find((s) => s.code === "landUsePlanningPermit");
    expect(landUse?.shared.map((m) => m.key)).toEqual(["projectApprovalDocument"]);
    expect(landUse?.commitment).toEqual([]);
  });
});

describe("the catalog editor refuses a change that adds a finding", () => {
  it("refuses the material that closes a circle of four services, naming the circle on its field; nothing is written", async () => {
    const s = unique();
    const [a, b, c, d] = ["A", "B", "C", "D"].map((x) => `lint${x}${s}`) as [string, string, string, string];
    const type = (x: string) => `t${x}`;
    for (const x of [a, b, c, d]) await newType(type(x));
    for (const x of [a, b, c, d]) await newService(x, type(x));
    // a needs b's, b needs c's, c needs d's: a chain, accepted.
    await saveMaterial(h.db, office, material(a, { certificateType: type(b) }), "add");
    await saveMaterial(h.db, office, material(b, { certificateType: type(c) }), "add");
    await saveMaterial(h.db, office, material(c, { certificateType: type(d) }), "add");
    const version = await currentCatalogVersion(h.db);
    // d needing a's closes the circle a → b → c → d → a.
    const refused = await refusal(saveMaterial(h.db, office, material(d, { certificateType: type(a) }), "add"));
    expect(Object.keys(refused)).toEqual(["certificateType"]);
    expect(refused.certificateType?.key).toBe("catalog.lint.finding.circular");
    expect(refused.certificateType?.params.cycleEn).toBe(
      `Test service ${a} —(Test certificate t${b})→ Test service ${b} —(Test certificate t${c})→ Test service ${c} —(Test certificate t${d})→ Test service ${d} —(Test certificate t${a})→ Test service ${a}`,
    );
    expect(await materialsOf(d)).toEqual([]);
    expect(await currentCatalogVersion(h.db)).toBe(version);
  });

  it("refuses a service that starts issuing what a service it needs asks of it", async () => {
    const s = unique();
    const [a, b] = [`lintP${s}`, `lintQ${s}`];
    await newType(`t${a}`);
    await newType(`t${b}`);
    await newService(a, `t${a}`);
    await newService(b, "");
    await saveMaterial(h.db, office, material(a, { certificateType: `t${b}` }), "add");
    await saveMaterial(h.db, office, material(b, { certificateType: `t${a}` }), "add");
    const before = await h.db.select({ issues: services.issuesCertificateType }).from(services).where(eq(services.code, b));
    const update = ZUpdateServiceInput.parse({
      code: b,
      statutoryDays: "20",
      promisedDays: "5",
      feeYuan: "0",
      autoAcceptance: false,
      deemedApprovalOnTimeout: false,
      published: true,
      issuesCertificateType: `t${b}`,
    });
    const refused = await refusal(updateService(h.db, office, update));
    expect(Object.keys(refused)).toEqual(["issuesCertificateType"]);
    expect(refused.issuesCertificateType?.key).toBe("catalog.lint.finding.circular");
    expect(await h.db.select({ issues: services.issuesCertificateType }).from(services).where(eq(services.code, b))).toEqual(before);
  });

  it("refuses an upload of a document government issues, and a legal basis that names no law, each on its field", async () => {
    const s = unique();
    const code = `lintU${s}`;
    const typeName = `测试户口簿${s}`;
    await newType(`tU${s}`, typeName);
    await newService(code, "");
    const upload = await refusal(saveMaterial(h.db, office, material(code, { key: "book", nameZh: typeName, source: "upload" }), "add"));
    expect(Object.keys(upload)).toEqual(["source"]);
    expect(upload.source).toMatchObject({
      key: "catalog.lint.finding.governmentIssuedUpload",
      params: { material: typeName, issuer: "河北省住房和城乡建设厅" },
    });
    const noLaw = await refusal(
      saveMaterial(h.db, office, material(code, { key: "plan", nameZh: "平面图", source: "upload", legalBasis: "按有关规定" }), "add"),
    );
    // No law names it and no service issues it: both findings, on the legal basis.
    expect(noLaw.legalBasis?.key).toMatch(/^catalog\.lint\.finding\.(noLegalBasis|orphanMaterial)$/);
    expect(await materialsOf(code)).toEqual([]);
    // The same upload with a law and a name of its own is fine.
    await saveMaterial(h.db, office, material(code, { key: "plan", nameZh: "平面图", source: "upload" }), "add");
    expect(await materialsOf(code)).toEqual([{ key: "plan" }]);
  });
});
