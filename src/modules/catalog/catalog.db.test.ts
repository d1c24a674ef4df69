import { TRPCError } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { translateServerMessage } from "@/i18n/messages";
import { auditEvents } from "@/modules/audit/schema";
import { randomUUID } from "node:crypto";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { actorByLogin, createTestBundle, newEnterprise, withDemo } from "@/root/testing/fixtures";
import { currentCatalogVersion } from "./catalog-version";
import { createCallerFactory, createTRPCRouter } from "@/server/trpc/init";
import { getGuide } from "./get-guide";
import { ZSetBundleStepsInput, ZUpdateServiceInput } from "./inputs";
import { listGuides } from "./list-guides";
import { loadApplicationPlan } from "./load-application-plan";
import { readySteps } from "./model";
import { catalogRouter } from "./router";
import { bundleSteps, bundles, catalogVersions, services } from "./schema";
import { setBundleSteps } from "./set-bundle-steps";
import { updateService } from "./update-service";

const { h, office } = await withDemo({ office: "dataoffice" });

const createCaller = createCallerFactory(createTRPCRouter({ catalog: catalogRouter }));

async function stepsOf(bundleCode: string) {
  const [bundle] = await h.db.select().from(bundles).where(eq(bundles.code, bundleCode));
  const rows = await h.db
    .select({ key: bundleSteps.key, needs: bundleSteps.needs, stage: bundleSteps.stage, serviceCode: services.code })
    .from(bundleSteps)
    .innerJoin(services, eq(services.id, bundleSteps.serviceId))
    .where(eq(bundleSteps.bundleId, bundle?.id ?? ""));
  return Object.fromEntries(rows.map((r) => [r.key, { needs: r.needs, stage: r.stage, serviceCode: r.serviceCode }]));
}

/** A bundle of the test's own (so the seeded catalog is never changed), with its service codes. */
async function ownBundle(steps: Parameters<typeof createTestBundle>[1]) {
  const { code } = await createTestBundle(h.db, steps);
  const byKey = await stepsOf(code);
  return { code, serviceOf: (key: string) => byKey[key]?.serviceCode ?? "" };
}

describe("the seeded catalog", () => {
  // Loading the seeded catalog twice is covered where it is loaded: src/root/import-province.db.test.ts.
  it("opens a restaurant with four parallel steps and asks for each piece of data once", async () => {
    const plan = await loadApplicationPlan(h.db, { kind: "bundle", code: "openRestaurant" });
    expect(plan).toMatchObject({
      kind: "bundle",
      code: "openRestaurant",
      applicantKinds: ["enterprise"],
      requiresCertificateType: "businessLicence",
      autoAcceptance: false,
    });
    expect(plan.steps.map((s) => [s.key, s.needs, s.stage])).toEqual([
      ["foodBusinessLicence", [], 1],
      ["fireSafety", [], 1],
      ["drainagePermit", [], 1],
      ["outdoorSignboard", [], 1],
    ]);
    expect(readySteps(plan.steps, new Set(), new Set())).toHaveLength(4);

    const keys = plan.materials.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    const material = (key: string) => plan.materials.find((m) => m.key === key);
    expect(material("businessAddress")?.serviceCodes.sort()).toEqual([
      "drainagePermit",
      "fireSafetyInspection",
      "foodBusinessLicensing",
      "outdoorSignboardPermit",
    ]);
    expect(material("businessLicence")).toMatchObject({ source: "certificate", certificateType: "businessLicence", required: true });
    expect(material("premisesFloorPlan")?.serviceCodes.sort()).toEqual(["fireSafetyInspection", "foodBusinessLicensing"]);
    // Every service's legal basis is kept when several ask for the same thing.
    expect(material("premisesFloorPlan")?.legalBasis).toContain("《中华人民共和国食品安全法》");
    expect(material("premisesFloorPlan")?.legalBasis).toContain("《中华人民共和国消防法》");
    // Asked only in the situation that needs it (办理情形), and then required.
    expect(material("propertyOwnerConsent")).toMatchObject({ required: true, appliesWhen: [{ signboardBuilding: ["othersBuilding"] }] });
    for (const m of plan.materials) expect(m.legalBasis.trim()).not.toBe("");
    // Data first, then certificates government holds, then uploads.
    const order = plan.materials.map((m) => m.source);
    expect(order.indexOf("certificate")).toBeGreaterThan(order.lastIndexOf("formField"));
    expect(order.indexOf("upload")).toBeGreaterThan(order.lastIndexOf("certificate"));
  });

  it("starts a business: the licence first, then four departments at once; the licence is not asked of the founder", async () => {
    const plan = await loadApplicationPlan(h.db, { kind: "bundle", code: "startBusiness" });
    expect(plan.applicantKinds).toEqual(["citizen"]);
    expect(Object.fromEntries(plan.steps.map((s) => [s.key, s.needs]))).toEqual({
      businessLicence: [],
      seal: ["businessLicence"],
      tax: ["businessLicence"],
      socialInsurance: ["businessLicence"],
      housingFund: ["businessLicence"],
    });
    expect(plan.steps.map((s) => s.stage)).toEqual([1, 2, 2, 2, 2]);
    expect(readySteps(plan.steps, new Set(), new Set())).toEqual(["businessLicence"]);
    expect(readySteps(plan.steps, new Set(["businessLicence"]), new Set(["businessLicence"]))).toEqual(["seal", "tax", "socialInsurance", "housingFund"]);
    expect(plan.steps[0]).toMatchObject({
      serviceCode: "enterpriseEstablishment",
      issuesCertificateType: "businessLicence",
      promisedDays: 1,
      statutoryDays: 3,
    });
    const keys = plan.materials.map((m) => m.key);
    // The first step issues the business licence the others would ask for.
    expect(keys).not.toContain("businessLicence");
    expect(keys).toEqual(expect.arrayContaining(["residentIdCard", "enterpriseName", "businessAddress", "sealTypes", "invoiceTypes", "employeeCount"]));
    expect(plan.materials.find((m) => m.key === "employeeCount")?.serviceCodes.sort()).toEqual(["employerHousingFund", "employerSocialInsurance"]);
    expect(plan.materials.find((m) => m.key === "bankAccount")).toMatchObject({ required: false });
  });

  it("stages a construction project in four and a newborn in two", async () => {
    const build = await loadApplicationPlan(h.db, { kind: "bundle", code: "constructionProject" });
    expect(Object.fromEntries(build.steps.map((s) => [s.key, s.stage]))).toEqual({
      landUsePlanning: 1,
      environmentalImpact: 1,
      engineeringPlanning: 2,
      constructionPermit: 3,
      fireDesignReview: 3,
      completionAcceptance: 4,
      fireAcceptance: 4,
    });
    expect(build.materials.map((m) => m.key)).not.toContain("landUsePlanningPermit");
    expect(build.materials.find((m) => m.key === "completionReport")?.serviceCodes.sort()).toEqual(["completionAcceptanceRecord", "fireAcceptance"]);
    const baby = await loadApplicationPlan(h.db, { kind: "bundle", code: "newborn" });
    expect(baby.steps.map((s) => [s.key, s.stage])).toEqual([
      ["birthCertificate", 1],
      ["householdRegistration", 2],
      ["medicalInsurance", 2],
      ["socialSecurityCard", 2],
    ]);
    expect(baby.materials.map((m) => m.key)).not.toContain("birthMedicalCertificate");
  });

  it("plans a single service as one step keyed by its code", async () => {
    const seal = await loadApplicationPlan(h.db, { kind: "service", code: "sealEngraving" });
    expect(seal.steps).toEqual([expect.objectContaining({ key: "sealEngraving", serviceCode: "sealEngraving", needs: [], stage: 1 })]);
    expect(seal.autoAcceptance).toBe(true);
    expect(seal.materials.find((m) => m.key === "businessLicence")).toMatchObject({ required: true, serviceCodes: ["sealEngraving"] });
    await expect(loadApplicationPlan(h.db, { kind: "service", code: "startBusiness" })).rejects.toMatchObject({ code: "notFound" });
    await expect(loadApplicationPlan(h.db, { kind: "bundle", code: "no-such-bundle" })).rejects.toMatchObject({ code: "notFound" });
  });

  it("gives public guides of bundles and services", async () => {
    const bundle = await getGuide(h.db, { code: "startBusiness" });
    if (bundle.kind !== "bundle") throw new Error("expected a bundle");
    expect(bundle.leadDepartment.code).toBe("market");
    // Critical path: licence (1) then the slowest of the four (housing fund 1, social insurance 2…).
    expect(bundle.promisedDays).toBe(3);
    expect(bundle.statutoryDays).toBe(18);
    expect(bundle.steps.find((s) => s.key === "tax")?.service.legalBasis).toContain("《中华人民共和国税收征收管理法》第十五条");
    const service = await getGuide(h.db, { code: "foodBusinessLicensing" });
    if (service.kind !== "service") throw new Error("expected a service");
    expect(service).toMatchObject({ statutoryDays: 20, promisedDays: 5, feeFen: 0, department: { code: "market" }, issues: { code: "foodBusinessLicence" } });
    expect(service.materials.find((m) => m.key === "businessLicence")?.certificate?.issuer.code).toBe("market");
    expect(service.bundles.map((b) => b.code)).toEqual(["openRestaurant"]);
    await expect(getGuide(h.db, { code: "nothing-here" })).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("the public list", () => {
  it("lists only what is published, and a bundle only while all its services are", async () => {
    const own = await ownBundle([
      { key: "first", department: "market" },
      { key: "second", department: "fire", needs: ["first"] },
    ]);
    let guides = await listGuides(h.db);
    expect(guides.bundles.map((b) => b.code)).toEqual(expect.arrayContaining(["startBusiness", "openRestaurant", "constructionProject", "newborn", own.code]));
    expect(guides.services.map((s) => s.code)).toContain(own.serviceOf("second"));

    await h.db
      .update(services)
      .set({ published: false })
      .where(eq(services.code, own.serviceOf("second")));
    guides = await listGuides(h.db);
    expect(guides.services.map((s) => s.code)).not.toContain(own.serviceOf("second"));
    expect(guides.services.map((s) => s.code)).toContain(own.serviceOf("first"));
    expect(guides.bundles.map((b) => b.code)).not.toContain(own.code);
    await expect(getGuide(h.db, { code: own.serviceOf("second") })).rejects.toMatchObject({ code: "notFound" });
    await expect(loadApplicationPlan(h.db, { kind: "bundle", code: own.code })).rejects.toMatchObject({ code: "notFound" });

    await h.db.update(bundles).set({ published: false }).where(eq(bundles.code, "newborn"));
    try {
      guides = await listGuides(h.db);
      expect(guides.bundles.map((b) => b.code)).not.toContain("newborn");
    } finally {
      await h.db.update(bundles).set({ published: true }).where(eq(bundles.code, "newborn"));
    }
  });
});

describe("the data office keeps the catalog", () => {
  it("refuses a promised limit above the statutory one and writes nothing", async () => {
    const own = await ownBundle([{ key: "only", department: "housing", promisedDays: 5 }]);
    const code = own.serviceOf("only");
    const [before] = await h.db.select().from(services).where(eq(services.code, code));
    const input = { code, statutoryDays: "20", promisedDays: "21", feeYuan: "0", autoAcceptance: true, deemedApprovalOnTimeout: false, published: true };

    const parsed = ZUpdateServiceInput.safeParse(input);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ["promisedDays"], message: "validation.catalog.promisedAboveStatutory" })]);
    await expect(
      updateService(h.db, office, {
        code,
        statutoryDays: 20,
        promisedDays: 21,
        feeFen: 0,
        autoAcceptance: true,
        deemedApprovalOnTimeout: false,
        published: true,
      }),
    ).rejects.toMatchObject({ code: "invalidInput", field: "promisedDays", message: "validation.catalog.promisedAboveStatutory" });
    const [after] = await h.db.select().from(services).where(eq(services.code, code));
    expect(after).toEqual(before);
    const audits = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.streamId, "catalog"), eq(auditEvents.entityId, before?.id ?? "")));
    expect(audits).toEqual([]);

    // Through the router the field error reaches the form.
    const api = createCaller({ db: h.db, actor: office, self: office, locale: "zh-CN" });
    const error = await api.catalog.updateService(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("saves sound limits, a fee in yuan and flags, with an audit event", async () => {
    const own = await ownBundle([{ key: "only", department: "housing", promisedDays: 5 }]);
    const code = own.serviceOf("only");
    const api = createCaller({ db: h.db, actor: office, self: office, locale: "zh-CN" });
    await api.catalog.updateService({
      code,
      statutoryDays: "15",
      promisedDays: "3",
      feeYuan: "12.5",
      autoAcceptance: true,
      deemedApprovalOnTimeout: false,
      published: true,
    });
    const [row] = await h.db.select().from(services).where(eq(services.code, code));
    expect(row).toMatchObject({ statutoryDays: 15, promisedDays: 3, feeFen: 1250, autoAcceptance: true });
    const audits = await h.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.streamId, "catalog"), eq(auditEvents.entityId, row?.id ?? "")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "catalog.updateService", actorRole: "dataOffice" });
  });

  it("versions every change: an application keeps the version and the limits it was submitted under", async () => {
    const own = await ownBundle([{ key: "only", department: "housing", promisedDays: 5 }]);
    const applicant = await newEnterprise(h.db);
    const submit = () =>
      submitApplication(
        h.db,
        applicant,
        ZSubmitApplicationInput.parse({
          subject: { kind: "bundle", code: own.code },
          idempotencyKey: randomUUID(),
          formData: { projectName: "示例项目" },
          materials: {},
          consent: true,
        }),
      );
    const before = await submit();
    const [first] = await h.db.select().from(applications).where(eq(applications.id, before.id));
    expect(first?.catalogVersion).toBe(await currentCatalogVersion(h.db));

    const limits = {
      code: own.serviceOf("only"),
      statutoryDays: 20,
      promisedDays: 2,
      feeFen: 0,
      autoAcceptance: false,
      deemedApprovalOnTimeout: false,
      published: true,
    };
    await updateService(h.db, office, limits);
    const afterEdit = await currentCatalogVersion(h.db);
    expect(afterEdit).toBeGreaterThan(first?.catalogVersion ?? Infinity);
    const [version] = await h.db.select().from(catalogVersions).where(eq(catalogVersions.version, afterEdit));
    expect(version).toMatchObject({ reason: "catalog.updateService", subject: limits.code, createdBy: office.userId });

    // A refused edit makes no version.
    await expect(updateService(h.db, office, { ...limits, promisedDays: 30 })).rejects.toThrow();
    expect(await currentCatalogVersion(h.db)).toBe(afterEdit);

    const after = await submit();
    const rows = await h.db
      .select()
      .from(applications)
      .where(inArray(applications.id, [before.id, after.id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(before.id)).toMatchObject({ catalogVersion: first?.catalogVersion, plan: [expect.objectContaining({ promisedDays: 5 })] });
    expect(byId.get(after.id)?.catalogVersion).toBeGreaterThanOrEqual(afterEdit);
    expect(byId.get(after.id)?.plan).toEqual([expect.objectContaining({ promisedDays: 2 })]);
  });

  it("refuses a cycle, naming it, and writes nothing; a sound graph replaces the steps", async () => {
    const own = await ownBundle([
      { key: "a", department: "market" },
      { key: "b", department: "tax", needs: ["a"] },
      { key: "c", department: "fire", needs: ["b"] },
    ]);
    const step = (key: string, needs: string[]) => ({ key, serviceCode: own.serviceOf(key), needs });
    const before = await stepsOf(own.code);

    await expect(setBundleSteps(h.db, office, { bundleCode: own.code, steps: [step("a", ["c"]), step("b", ["a"]), step("c", ["b"])] })).rejects.toMatchObject({
      code: "invalidInput",
      // Named by the steps' services, in both languages: a step key is no word for the data office.
      message: `validation.catalog.cycle|${JSON.stringify({ path: "测试事项 a → 测试事项 c → 测试事项 b → 测试事项 a", pathEn: "Test service a → Test service c → Test service b → Test service a" })}`,
    });
    await expect(setBundleSteps(h.db, office, { bundleCode: own.code, steps: [step("a", []), step("b", ["ghost"]), step("c", [])] })).rejects.toMatchObject({
      message: expect.stringContaining("catalog.errors.unknownNeed"),
    });
    await expect(
      setBundleSteps(h.db, office, { bundleCode: own.code, steps: [step("a", []), { key: "b", serviceCode: "no-such-service", needs: [] }] }),
    ).rejects.toMatchObject({ message: expect.stringContaining("catalog.errors.unknownService") });
    expect(await stepsOf(own.code)).toEqual(before);

    // The translated message names the cycle for the data office.
    const api = createCaller({ db: h.db, actor: office, self: office, locale: "zh-CN" });
    const refused = await api.catalog
      .setBundleSteps({ bundleCode: own.code, steps: [step("a", ["b"]), step("b", ["a"]), step("c", [])] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect(translateServerMessage("zh-CN", (refused as TRPCError).message)).toBe("各环节不得互为前置：测试事项 a → 测试事项 b → 测试事项 a 形成了循环。");
    expect(translateServerMessage("en", (refused as TRPCError).message)).toBe(
      "Steps may not be each other's prerequisites: Test service a → Test service b → Test service a is a cycle.",
    );
    expect(await stepsOf(own.code)).toEqual(before);

    await setBundleSteps(h.db, office, { bundleCode: own.code, steps: [step("a", []), step("b", []), step("c", ["a", "b"])] });
    expect(await stepsOf(own.code)).toEqual({
      a: { needs: [], stage: 1, serviceCode: own.serviceOf("a") },
      b: { needs: [], stage: 1, serviceCode: own.serviceOf("b") },
      c: { needs: ["a", "b"], stage: 2, serviceCode: own.serviceOf("c") },
    });
    const plan = await loadApplicationPlan(h.db, { kind: "bundle", code: own.code });
    expect(plan.steps.map((s) => [s.key, s.stage])).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 2],
    ]);
  });

  it("validates the shape of the steps at the edge", () => {
    expect(ZSetBundleStepsInput.safeParse({ bundleCode: "x", steps: [] }).success).toBe(false);
    expect(ZSetBundleStepsInput.safeParse({ bundleCode: "x", steps: [{ key: "a b", serviceCode: "s", needs: [] }] }).success).toBe(false);
  });

  it("keeps the catalog to the data office, and the guides open to everyone", async () => {
    const anonymous = createCaller({ db: h.db, actor: null, self: null, locale: "zh-CN" });
    const guides = await anonymous.catalog.guides();
    expect(guides.bundles.length).toBeGreaterThanOrEqual(4);
    const plan = await anonymous.catalog.plan({ kind: "bundle", code: "openRestaurant" });
    expect(plan.steps).toHaveLength(4);
    await expect(anonymous.catalog.adminList()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const clerk = await actorByLogin(h.db, "clerk");
    await expect(createCaller({ db: h.db, actor: clerk, self: clerk, locale: "zh-CN" }).catalog.adminList()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await createCaller({ db: h.db, actor: office, self: office, locale: "zh-CN" }).catalog.adminList();
    const seeded = admin.bundles.find((b) => b.code === "startBusiness");
    expect(seeded?.steps.map((s) => s.key)).toEqual(["businessLicence", "seal", "tax", "socialInsurance", "housingFund"]);
    const ids = await h.db
      .select({ id: services.id })
      .from(services)
      .where(inArray(services.code, ["sealEngraving"]));
    expect(ids).toHaveLength(1);
  });
});
