import { randomUUID } from "node:crypto";
import { and, count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { newEnterprise, withDemo } from "@/root/testing/fixtures";
import { createCallerFactory, createTRPCRouter } from "@/server/trpc/init";
import { currentCatalogVersion } from "./catalog-version";
import { createBundle } from "./create-bundle";
import { createService } from "./create-service";
import { getGuide } from "./get-guide";
import { ZCreateBundleInput, ZCreateServiceInput, ZSaveMaterialInput, ZUpdateServiceInput, type CreateServiceInput, type SaveMaterialInput } from "./inputs";
import { listCatalogAdmin } from "./list-catalog-admin";
import { listGuides } from "./list-guides";
import { catalogRouter } from "./router";
import { saveMaterial } from "./save-material";
import { bundleSteps, bundles, catalogVersions, materials, services } from "./schema";

const { h, office } = await withDemo({ office: "dataoffice" });
const api = createCallerFactory(createTRPCRouter({ catalog: catalogRouter }))({ db: h.db, actor: office, self: office, locale: "zh-CN" });

const unique = () => randomUUID().slice(0, 8);

/** A sound service as the data office's form sends it (strings where the form types them). */
function serviceForm(code: string, over: Partial<CreateServiceInput> = {}): CreateServiceInput {
  return {
    code,
    nameZh: "户外广告设施设置许可（测试）",
    nameEn: "Outdoor advertising permit (test)",
    departmentCode: "housing",
    legalBasis: "《城市市容和环境卫生管理条例》第十一条",
    conditionsZh: "设置位置符合规划。",
    conditionsEn: "The site fits the plan.",
    statutoryDays: "20",
    promisedDays: "5",
    feeYuan: "0",
    applicantKinds: ["enterprise"],
    issuesCertificateType: "",
    registersEntity: false,
    autoAcceptance: false,
    deemedApprovalOnTimeout: false,
    published: false,
    ...over,
  };
}

function materialForm(serviceCode: string, over: Partial<SaveMaterialInput> = {}): SaveMaterialInput {
  return {
    serviceCode,
    key: "signboardText",
    nameZh: "招牌文字",
    nameEn: "Signboard text",
    legalBasis: "《城市市容和环境卫生管理条例》第十一条",
    source: "formField",
    fieldType: "text",
    optionsText: "",
    certificateType: "",
    required: true,
    conditionZh: "",
    conditionEn: "",
    sortOrder: "1",
    ...over,
  };
}

/** The field paths of a refusal the use case or the procedure threw (a ZodError's issues or a DomainError's field). */
async function refusedFields(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { issues?: Array<{ path: PropertyKey[]; message: string }>; field?: string; message?: string; cause?: unknown } | null;
  expect(error, "the edit was refused").not.toBeNull();
  const source = (error?.cause ?? error) as typeof error;
  if (source?.issues) return Object.fromEntries(source.issues.map((i) => [i.path.join("."), i.message]));
  return source?.field ? { [source.field]: source.message ?? "" } : { _form: source?.message ?? "" };
}

const auditsOf = async (entityId: string) =>
  h.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.streamId, "catalog"), eq(auditEvents.entityId, entityId)));

describe("the data office creates a service", () => {
  it("creates it unpublished, with a new catalog version and an audit event; publishing opens its guide", async () => {
    const code = `ad-${unique()}`;
    const before = await currentCatalogVersion(h.db);
    const created = await api.catalog.createService(serviceForm(code, { feeYuan: "12.5" }));
    expect(created.catalogVersion).toBe(before + 1);
    const [row] = await h.db.select().from(services).where(eq(services.code, code));
    expect(row).toMatchObject({
      published: false,
      feeFen: 1250,
      statutoryDays: 20,
      promisedDays: 5,
      applicantKinds: ["enterprise"],
      issuesCertificateType: null,
    });
    const [version] = await h.db.select().from(catalogVersions).where(eq(catalogVersions.version, created.catalogVersion));
    expect(version).toMatchObject({ reason: "catalog.createService", subject: code, createdBy: office.userId });
    expect(await auditsOf(row?.id ?? "")).toEqual([expect.objectContaining({ action: "catalog.createService", actorRole: "dataOffice" })]);
    await expect(getGuide(h.db, { code, kind: "service" })).rejects.toMatchObject({ code: "notFound" });

    await api.catalog.updateService({ ...serviceForm(code), published: true });
    const guide = await getGuide(h.db, { code, kind: "service" });
    expect(guide).toMatchObject({ kind: "service", code, nameZh: "户外广告设施设置许可（测试）" });
    expect((await listGuides(h.db)).services.map((s) => s.code)).toContain(code);
  });

  it("refuses, on their fields and all at once, what the province file refuses, and writes nothing", async () => {
    const code = `bad-${unique()}`;
    const before = await currentCatalogVersion(h.db);
    // The form's schema says it first…
    const parsed = ZCreateServiceInput.safeParse(serviceForm(code, { legalBasis: "  ", statutoryDays: "5", promisedDays: "10" }));
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["legalBasis", "catalog.errors.noLegalBasis"],
      ["promisedDays", "validation.catalog.promisedAboveStatutory"],
    ]);
    // …and the use case says it again, with what only the database knows.
    const input = ZCreateServiceInput.parse(serviceForm(code, { departmentCode: "noSuchDepartment", issuesCertificateType: "noSuchType" }));
    expect(await refusedFields(createService(h.db, office, input))).toEqual({
      departmentCode: "catalog.errors.unknownDepartment",
      issuesCertificateType: "catalog.errors.unknownCertificateType",
    });
    expect(await refusedFields(createService(h.db, office, { ...input, departmentCode: "housing", issuesCertificateType: null, legalBasis: "" }))).toEqual({
      legalBasis: "catalog.errors.noLegalBasis",
    });
    // A code in use (a seeded service's) is refused on `code`, and the seeded service is untouched.
    const [seeded] = await h.db.select().from(services).where(eq(services.code, "foodBusinessLicensing"));
    expect(await refusedFields(api.catalog.createService(serviceForm("foodBusinessLicensing")))).toEqual({ code: "catalog.errors.codeTaken" });
    const [after] = await h.db.select().from(services).where(eq(services.code, "foodBusinessLicensing"));
    expect(after).toEqual(seeded);

    expect(await h.db.select().from(services).where(eq(services.code, code))).toEqual([]);
    expect(await currentCatalogVersion(h.db)).toBe(before);
  });

  it("edits every field of the form; an unknown department is refused on its field and changes nothing", async () => {
    const code = `edit-${unique()}`;
    await api.catalog.createService(serviceForm(code));
    const [before] = await h.db.select().from(services).where(eq(services.code, code));
    expect(await refusedFields(api.catalog.updateService({ ...serviceForm(code), departmentCode: "noSuchDepartment" }))).toEqual({
      departmentCode: "catalog.errors.unknownDepartment",
    });
    expect((await h.db.select().from(services).where(eq(services.code, code)))[0]).toEqual(before);

    await api.catalog.updateService({
      ...serviceForm(code),
      nameZh: "改名后的事项",
      departmentCode: "market",
      applicantKinds: ["citizen", "enterprise"],
      conditionsEn: "Edited.",
    });
    const admin = await listCatalogAdmin(h.db);
    expect(admin.services.find((s) => s.code === code)).toMatchObject({
      nameZh: "改名后的事项",
      department: { code: "market" },
      applicantKinds: ["citizen", "enterprise"],
      conditionsEn: "Edited.",
    });
    const audits = await auditsOf(before?.id ?? "");
    const update = audits.find((a) => a.action === "catalog.updateService");
    // The audit event keeps what changed, before and after.
    expect(update?.data).toMatchObject({ code, before: { nameZh: before?.nameZh }, after: { nameZh: "改名后的事项" } });
    expect(Object.keys((update?.data as { after: object }).after).sort()).toEqual(["applicantKinds", "conditionsEn", "departmentId", "nameZh"]);
  });
});

describe("the data office keeps a service's materials", () => {
  it("adds, edits and removes materials, each a new version with its audit event", async () => {
    const code = `mat-${unique()}`;
    await api.catalog.createService(serviceForm(code));
    const v0 = await currentCatalogVersion(h.db);
    await api.catalog.addMaterial(materialForm(code));
    await api.catalog.addMaterial(
      materialForm(code, {
        key: "siteKind",
        nameZh: "设置地点类型",
        nameEn: "Kind of site",
        fieldType: "select",
        optionsText: "wall | 墙面 | Wall\nroof | 屋顶 | Roof",
        sortOrder: "2",
      }),
    );
    await api.catalog.addMaterial(
      materialForm(code, {
        key: "licence",
        nameZh: "营业执照",
        nameEn: "Business licence",
        source: "certificate",
        fieldType: "",
        certificateType: "businessLicence",
        sortOrder: "3",
      }),
    );
    await api.catalog.updateMaterial(
      materialForm(code, { key: "signboardText", required: false, conditionZh: "招牌含文字的", conditionEn: "When the signboard has text" }),
    );
    expect(await currentCatalogVersion(h.db)).toBe(v0 + 4);
    let admin = (await listCatalogAdmin(h.db)).services.find((s) => s.code === code);
    expect(admin?.materials).toEqual([
      expect.objectContaining({ key: "signboardText", source: "formField", fieldType: "text", required: false, conditionZh: "招牌含文字的", options: null }),
      expect.objectContaining({
        key: "siteKind",
        fieldType: "select",
        options: [
          { value: "wall", labelZh: "墙面", labelEn: "Wall" },
          { value: "roof", labelZh: "屋顶", labelEn: "Roof" },
        ],
      }),
      expect.objectContaining({ key: "licence", source: "certificate", certificateType: "businessLicence", fieldType: null }),
    ]);

    await api.catalog.removeMaterial({ serviceCode: code, key: "licence" });
    admin = (await listCatalogAdmin(h.db)).services.find((s) => s.code === code);
    expect(admin?.materials.map((m) => m.key)).toEqual(["signboardText", "siteKind"]);
    const [version] = await h.db
      .select()
      .from(catalogVersions)
      .where(eq(catalogVersions.version, v0 + 5));
    expect(version).toMatchObject({ reason: "catalog.removeMaterial", subject: `${code}.licence` });
    const actions = (await h.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.streamId, "catalog")))
      .map((a) => a.action)
      .filter((a) => a.includes("Material"));
    expect(actions).toEqual(expect.arrayContaining(["catalog.addMaterial", "catalog.updateMaterial", "catalog.removeMaterial"]));
    // Removing what is not there is a missing thing, not a silent success.
    await expect(api.catalog.removeMaterial({ serviceCode: code, key: "licence" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a material without legal basis, an incomplete way of supplying it, an unknown certificate type and a key in use; nothing written", async () => {
    const code = `badmat-${unique()}`;
    await api.catalog.createService(serviceForm(code));
    await api.catalog.addMaterial(materialForm(code));
    const before = await currentCatalogVersion(h.db);

    expect(ZSaveMaterialInput.safeParse(materialForm(code, { key: "x1", legalBasis: " " })).error?.issues.map((i) => i.path.join("."))).toEqual(["legalBasis"]);
    expect(await refusedFields(api.catalog.addMaterial(materialForm(code, { key: "x1", legalBasis: "" })))).toEqual({
      legalBasis: "catalog.errors.noLegalBasis",
    });
    expect(await refusedFields(api.catalog.addMaterial(materialForm(code, { key: "x2", source: "certificate", certificateType: "" })))).toEqual({
      certificateType: "catalog.errors.certificateWithoutType",
    });
    expect(await refusedFields(api.catalog.addMaterial(materialForm(code, { key: "x3", fieldType: "select", optionsText: "" })))).toEqual({
      optionsText: "catalog.errors.selectWithoutOptions",
    });
    expect(await refusedFields(api.catalog.addMaterial(materialForm(code, { key: "x4", optionsText: "only-a-value", fieldType: "select" })))).toEqual({
      optionsText: "catalog.errors.options",
    });
    expect(await refusedFields(api.catalog.addMaterial(materialForm(code, { key: "x5", required: false })))).toEqual({
      conditionZh: "catalog.errors.conditionMissing",
      conditionEn: "catalog.errors.conditionMissing",
    });
    expect(await refusedFields(api.catalog.addMaterial(materialForm(code, { key: "x6", source: "certificate", certificateType: "noSuchType" })))).toEqual({
      certificateType: "catalog.errors.unknownCertificateType",
    });
    expect(await refusedFields(api.catalog.addMaterial(materialForm(code, { nameZh: "重复" })))).toEqual({ key: "catalog.errors.materialTaken" });
    // The use case holds to the rules when called directly, too.
    const direct = ZSaveMaterialInput.parse(materialForm(code, { key: "x7" }));
    expect(await refusedFields(saveMaterial(h.db, office, { ...direct, legalBasis: "" }, "add"))).toEqual({ legalBasis: "catalog.errors.noLegalBasis" });

    const [service] = await h.db.select().from(services).where(eq(services.code, code));
    const rows = await h.db
      .select()
      .from(materials)
      .where(eq(materials.serviceId, service?.id ?? ""));
    expect(rows.map((m) => [m.key, m.nameZh])).toEqual([["signboardText", "招牌文字"]]);
    expect(await currentCatalogVersion(h.db)).toBe(before);
  });
});

describe("the data office creates a bundle", () => {
  it("creates it unpublished with its steps; publishing waits for its services, then lists its guide", async () => {
    const a = `ba-${unique()}`;
    const b = `bb-${unique()}`;
    await api.catalog.createService(serviceForm(a, { published: true }));
    await api.catalog.createService(serviceForm(b, { departmentCode: "market" }));
    const code = `bundle-${unique()}`;
    const created = await api.catalog.createBundle({
      code,
      nameZh: "开设户外广告“一件事”",
      nameEn: "Put up an outdoor advert",
      descriptionZh: "一次申请。",
      descriptionEn: "Apply once.",
      leadDepartmentCode: "housing",
      applicantKinds: ["enterprise"],
      requiresCertificateType: "",
      steps: [
        { key: "first", serviceCode: a, needs: [] },
        { key: "second", serviceCode: b, needs: ["first"] },
      ],
    });
    const [row] = await h.db.select().from(bundles).where(eq(bundles.code, code));
    expect(row).toMatchObject({ published: false, requiresCertificateType: null });
    const steps = await h.db
      .select()
      .from(bundleSteps)
      .where(eq(bundleSteps.bundleId, row?.id ?? ""));
    expect(steps.map((s) => [s.key, s.needs, s.stage]).sort()).toEqual([
      ["first", [], 1],
      ["second", ["first"], 2],
    ]);
    expect(await auditsOf(row?.id ?? "")).toEqual([expect.objectContaining({ action: "catalog.createBundle" })]);
    expect(created.catalogVersion).toBe(await currentCatalogVersion(h.db));

    // One of its services is not published: the bundle may not be either.
    expect(await refusedFields(api.catalog.publishBundle({ code, published: true }))).toEqual({
      published: expect.stringContaining("catalog.errors.stepServiceUnpublished"),
    });
    expect((await h.db.select().from(bundles).where(eq(bundles.code, code)))[0]?.published).toBe(false);

    await api.catalog.updateService({ ...serviceForm(b, { departmentCode: "market" }), published: true });
    const published = await api.catalog.publishBundle({ code, published: true });
    expect(published).toMatchObject({ published: true, catalogVersion: await currentCatalogVersion(h.db) });
    expect((await listGuides(h.db)).bundles.map((x) => x.code)).toContain(code);
    // Publishing again changes nothing and makes no version.
    expect(await api.catalog.publishBundle({ code, published: true })).toMatchObject({ catalogVersion: null });
  });

  it("refuses a cycle, an unknown service, an unknown lead department and a code in use, on their fields; nothing written", async () => {
    const a = `ca-${unique()}`;
    await api.catalog.createService(serviceForm(a));
    const code = `cyc-${unique()}`;
    const input = {
      code,
      nameZh: "循环",
      nameEn: "Cycle",
      descriptionZh: "",
      descriptionEn: "",
      leadDepartmentCode: "housing",
      applicantKinds: ["enterprise" as const],
      requiresCertificateType: null,
      steps: [
        { key: "x", serviceCode: a, needs: ["y"] },
        { key: "y", serviceCode: a, needs: ["x"] },
      ],
    };
    const before = await currentCatalogVersion(h.db);
    expect(await refusedFields(api.catalog.createBundle(input))).toEqual({ steps: expect.stringContaining("validation.catalog.cycle") });
    const [first] = (await createBundle(h.db, office, ZCreateBundleInput.parse(input)).catch((e: unknown) => [e])) as unknown[];
    // The cycle is named by the steps' services, as the data office reads them (both steps take the same one here).
    const name = "户外广告设施设置许可（测试）";
    expect(first).toMatchObject({ code: "invalidInput", field: "steps", message: expect.stringContaining(`${name} → ${name} → ${name}`) });
    expect(await refusedFields(api.catalog.createBundle({ ...input, steps: [{ key: "x", serviceCode: "noSuchService", needs: [] }] }))).toEqual({
      steps: expect.stringContaining("catalog.errors.unknownService"),
    });
    expect(await refusedFields(api.catalog.createBundle({ ...input, leadDepartmentCode: "nowhere", requiresCertificateType: "noSuchType" }))).toEqual({
      leadDepartmentCode: "catalog.errors.unknownDepartment",
      requiresCertificateType: "catalog.errors.unknownCertificateType",
    });
    expect(await refusedFields(api.catalog.createBundle({ ...input, code: "startBusiness", steps: [{ key: "x", serviceCode: a, needs: [] }] }))).toEqual({
      code: "catalog.errors.codeTaken",
    });
    expect(await h.db.select().from(bundles).where(eq(bundles.code, code))).toEqual([]);
    expect(await currentCatalogVersion(h.db)).toBe(before);
  });
});

describe("an application keeps what it was submitted under", () => {
  it("editing the service and its materials after submission leaves the application's plan and version as they were", async () => {
    const code = `keep-${unique()}`;
    await api.catalog.createService(serviceForm(code, { published: true, promisedDays: "4" }));
    await api.catalog.addMaterial(materialForm(code));
    const applicant = await newEnterprise(h.db);
    const submit = () =>
      submitApplication(
        h.db,
        applicant,
        ZSubmitApplicationInput.parse({
          subject: { kind: "service", code },
          idempotencyKey: randomUUID(),
          formData: { signboardText: "示例招牌" },
          materials: {},
          consent: true,
        }),
      );
    const first = await submit();
    const [submitted] = await h.db.select().from(applications).where(eq(applications.id, first.id));
    expect(submitted?.catalogVersion).toBe(await currentCatalogVersion(h.db));

    await api.catalog.updateService({ ...serviceForm(code), published: true, promisedDays: "2", nameZh: "改过的名称" });
    await api.catalog.updateMaterial(materialForm(code, { nameZh: "改过的材料名", legalBasis: "《新条例》第一条" }));
    await api.catalog.addMaterial(materialForm(code, { key: "extra", nameZh: "新增材料", nameEn: "Added", sortOrder: "5" }));

    const [after] = await h.db.select().from(applications).where(eq(applications.id, first.id));
    expect(after?.catalogVersion).toBe(submitted?.catalogVersion);
    expect(after?.plan).toEqual(submitted?.plan);
    expect(after?.plan).toEqual([expect.objectContaining({ promisedDays: 4, serviceNameZh: "户外广告设施设置许可（测试）" })]);

    // A new application is held to the new catalog: the added material is now asked for.
    await expect(submit()).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["formData", "extra"] })] });
    const [{ n } = { n: 0 }] = await h.db
      .select({ n: count() })
      .from(applications)
      .where(and(eq(applications.filedByUserId, applicant.userId), inArray(applications.status, ["submitted"])));
    expect(n).toBe(1);
  });
});

describe("the form's schema", () => {
  it("keeps an edit of limits alone as it was: details not sent stay", () => {
    const parsed = ZUpdateServiceInput.parse({
      code: "x",
      statutoryDays: "5",
      promisedDays: "5",
      feeYuan: "0",
      autoAcceptance: false,
      deemedApprovalOnTimeout: false,
      published: true,
    });
    expect(parsed).not.toHaveProperty("issuesCertificateType");
    expect(parsed).not.toHaveProperty("legalBasis");
  });
});
