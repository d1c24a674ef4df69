import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/modules/audit/schema";
import { bundleSteps, bundles, certificateTypes, materials, services } from "@/modules/catalog/schema";
import { officialDivisions } from "@/modules/divisions/model";
import { divisions } from "@/modules/divisions/schema";
import { departments, staff, users } from "@/modules/identity/schema";
import { dataResources, grants } from "@/modules/sharing/schema";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import type { ProvinceFile } from "./catalog-file";
import { importProvince, ProvinceFileRefused } from "./import-province";
import demoFile from "./seed/demo-province.json";

// An upsert withdraws every service missing from the file, so this file loads into a database of
// its own (in-memory PGlite on either engine), never the worker's shared one.
let h: DatabaseHandle;
beforeAll(async () => {
  h = await openDatabase({ dataDir: "memory://" });
  await h.migrate();
  await h.db.insert(divisions).values(officialDivisions()).onConflictDoNothing();
});

const clone = () => structuredClone(demoFile) as unknown as ProvinceFile;

async function rowCounts() {
  const tables = { departments, users, staff, certificateTypes, services, materials, bundles, bundleSteps, dataResources, grants, auditEvents };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) out[name] = Number((await h.db.select({ n: count() }).from(table))[0]?.n);
  return out;
}

async function importEvents() {
  return h.db.select().from(auditEvents).where(eq(auditEvents.action, "catalog.import")).orderBy(auditEvents.seq);
}

describe("importing a province file", () => {
  it("loads the demo file into an empty database, audited with its hash and counts", async () => {
    const report = await importProvince(h.db, demoFile, { mode: "upsert", source: "test" });
    expect(report.changed).toBe(true);
    expect(report.counts.departments).toEqual({ created: demoFile.departments.length, updated: 0, unchanged: 0 });
    expect(report.counts.staff).toEqual({ created: demoFile.staff.length, updated: 0, unchanged: 0 });
    expect(report.counts.services).toEqual({ created: demoFile.services.length, updated: 0, unchanged: 0 });
    expect(report.counts.bundles).toEqual({ created: demoFile.bundles.length, updated: 0, unchanged: 0 });
    expect(report.counts.grants?.created).toBe(demoFile.grants.length);
    const [event] = await importEvents();
    expect(event?.data).toMatchObject({ contentHash: report.contentHash, counts: { services: { created: demoFile.services.length } } });
    expect(report.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // No password in the file, none given: the accounts exist but nobody can sign in with them yet.
    const [clerk] = await h.db.select().from(users).where(eq(users.login, "CLERK"));
    expect(clerk).toMatchObject({ role: "windowClerk", passwordHash: null, verification: "staffAccount" });
    const [construction] = await h.db.select({ id: bundles.id }).from(bundles).where(eq(bundles.code, "constructionProject"));
    const steps = await h.db
      .select()
      .from(bundleSteps)
      .where(eq(bundleSteps.bundleId, construction?.id ?? ""));
    expect(Math.max(...steps.map((s) => s.stage))).toBe(4);
  });

  it("imports the same file again with no change and writes nothing", async () => {
    const before = await rowCounts();
    const report = await importProvince(h.db, demoFile, { mode: "upsert" });
    expect(report.changed).toBe(false);
    for (const c of Object.values(report.counts)) expect(c.created + c.updated).toBe(0);
    expect(await rowCounts()).toEqual(before);
  });

  it("applies a changed promised limit and a new step graph, and audits the update", async () => {
    const file = clone();
    const index = file.services.findIndex((s) => s.code === "foodBusinessLicensing");
    const food = file.services[index];
    if (!food) throw new Error("no foodBusinessLicensing in the demo file");
    food.promisedDays = food.promisedDays - 1;
    const report = await importProvince(h.db, file, { mode: "upsert" });
    expect(report.counts.services).toMatchObject({ updated: 1, created: 0 });
    expect(report.counts.materials).toMatchObject({ updated: 0 });
    const [row] = await h.db.select({ promisedDays: services.promisedDays }).from(services).where(eq(services.code, "foodBusinessLicensing"));
    expect(row?.promisedDays).toBe(food.promisedDays);
    const events = await importEvents();
    expect(events.at(-1)?.data).toMatchObject({ contentHash: report.contentHash, counts: { services: { updated: 1 } } });
    // And back: the demo file again restores it.
    expect((await importProvince(h.db, demoFile, { mode: "upsert" })).counts.services?.updated).toBe(1);
  });

  it("moves what a certificate type proves from one type to another (unique per kind), and back", async () => {
    const identifying = async () =>
      Object.fromEntries(
        (await h.db.select({ code: certificateTypes.code, identifies: certificateTypes.identifies }).from(certificateTypes)).flatMap((r) =>
          r.identifies ? [[r.identifies, r.code]] : [],
        ),
      );
    expect(await identifying()).toEqual({ entity: "businessLicence", person: "residentIdCard" });
    const file = clone();
    for (const c of file.certificateTypes) {
      if (c.code === "residentIdCard") c.identifies = "entity";
      else if (c.code === "businessLicence") c.identifies = "person";
    }
    const report = await importProvince(h.db, file, { mode: "upsert" });
    expect(report.counts.certificateTypes).toMatchObject({ updated: 2 });
    expect(await identifying()).toEqual({ entity: "residentIdCard", person: "businessLicence" });
    await importProvince(h.db, demoFile, { mode: "upsert" });
    expect(await identifying()).toEqual({ entity: "businessLicence", person: "residentIdCard" });
  });

  it("withdraws (unpublishes, never deletes) a service the file no longer lists", async () => {
    const file = clone();
    file.services = file.services.filter((s) => s.code !== "outdoorSignboardPermit");
    file.bundles = file.bundles.map((b) => ({ ...b, steps: b.steps.filter((s) => s.service !== "outdoorSignboardPermit") }));
    file.grants = file.grants.map((g) => ({ ...g, services: g.services.filter((s) => s !== "outdoorSignboardPermit") })).filter((g) => g.services.length > 0);
    file.recognition = file.recognition.filter((r) => r.service !== "outdoorSignboardPermit");
    const report = await importProvince(h.db, file, { mode: "upsert" });
    expect(report.withdrawn).toEqual(["service outdoorSignboardPermit"]);
    const [row] = await h.db.select({ published: services.published }).from(services).where(eq(services.code, "outdoorSignboardPermit"));
    expect(row?.published).toBe(false);
    await importProvince(h.db, demoFile, { mode: "upsert" });
    const [back] = await h.db.select({ published: services.published }).from(services).where(eq(services.code, "outdoorSignboardPermit"));
    expect(back?.published).toBe(true);
  });

  it("refuses a bad file with every problem at its path, and writes nothing", async () => {
    const file = clone();
    const construction = file.bundles.find((b) => b.code === "constructionProject");
    const landUse = construction?.steps.find((s) => s.key === "landUsePlanning");
    if (!landUse) throw new Error("no landUsePlanning step");
    landUse.needs = ["completionAcceptance"]; // a cycle through the whole graph
    const [first, second] = file.services;
    if (!first || !second) throw new Error("no services");
    const firstMaterial = first.materials[0];
    if (!firstMaterial) throw new Error("no material");
    firstMaterial.legalBasis = " ";
    second.department = "noSuchDepartment";
    second.promisedDays = second.statutoryDays + 5;
    file.services.push({ ...first, nameZh: "新事项" });
    file.departments.push({ code: "brandNew", nameZh: "新部门", nameEn: "New department", level: "city", divisionCode: "130100" });
    const before = await rowCounts();
    const refused = await importProvince(h.db, file, { mode: "upsert" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProvinceFileRefused);
    const paths = (refused as ProvinceFileRefused).problems.map((p) => p.path);
    const ci = file.bundles.indexOf(construction as (typeof file.bundles)[number]);
    expect(paths).toEqual(
      expect.arrayContaining([
        `bundles[${ci}].steps`,
        "services[0].materials[0].legalBasis",
        "services[1].department",
        "services[1].promisedDays",
        `services[${file.services.length - 1}]`,
      ]),
    );
    expect(await rowCounts()).toEqual(before);
    const [brandNew] = await h.db.select().from(departments).where(eq(departments.code, "brandNew"));
    expect(brandNew).toBeUndefined();
  });

  it("refuses a file with findings of the catalog's lint, each named with its path; nothing written", async () => {
    const file = clone();
    // The land-use permit asks for the construction permit, which needs the engineering planning
    // permit, which needs the land-use permit: a circle of three services.
    const landUse = file.services.findIndex((s) => s.code === "landUsePlanningPermit");
    file.services[landUse]?.materials.push({ key: "constructionPermit", legalBasis: "《示例条例》第一条" });
    // And the project approval back to an upload, as the demo had it.
    const approval = file.materials.findIndex((m) => m.key === "projectApprovalDocument");
    const material = file.materials[approval];
    if (!material) throw new Error("no projectApprovalDocument");
    material.source = "upload";
    delete material.certificateType;
    const before = await rowCounts();
    const refused = await importProvince(h.db, file, { mode: "upsert" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProvinceFileRefused);
    const problems = (refused as ProvinceFileRefused).problems;
    const asked = file.services[landUse]?.materials.length ?? 0;
    expect(problems).toEqual([
      { path: `materials[${approval}].source`, message: expect.stringContaining('asks "projectApprovalDocument" as an upload, but government issues it') },
      {
        path: `services[${file.services.findIndex((s) => s.code === "constructionPermit")}].materials[3].key`,
        message: expect.stringContaining(
          "constructionPermit —(engineeringPlanningPermit)→ engineeringPlanningPermit —(landUsePlanningPermit)→ landUsePlanningPermit —(constructionPermit)→ constructionPermit",
        ),
      },
    ]);
    expect(asked).toBeGreaterThan(0);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a file of another format version, naming the field", async () => {
    const refused = await importProvince(h.db, { ...clone(), formatVersion: 2 }, { mode: "upsert" }).catch((e: unknown) => e);
    expect((refused as ProvinceFileRefused).problems.map((p) => p.path)).toEqual(["formatVersion"]);
  });

  it("carries each material's commitment (告知承诺) both ways: a change in the file is applied, a bad rule refused at its path", async () => {
    await importProvince(h.db, demoFile, { mode: "upsert" });
    const commitmentOf = async (serviceCode: string, key: string) => {
      const [row] = await h.db
        .select({ commitment: materials.commitment, required: materials.required })
        .from(materials)
        .innerJoin(services, eq(services.id, materials.serviceId))
        .where(and(eq(services.code, serviceCode), eq(materials.key, key)));
      return row;
    };
    const signIndex = demoFile.services.findIndex((s) => s.code === "outdoorSignboardPermit");
    const fromFile = demoFile.services[signIndex]?.materials.find((m) => m.key === "propertyOwnerConsent") as { commitment?: unknown } | undefined;
    expect((await commitmentOf("outdoorSignboardPermit", "propertyOwnerConsent"))?.commitment).toEqual(fromFile?.commitment);
    expect(await commitmentOf("enterpriseEstablishment", "premisesProof")).toMatchObject({
      required: true,
      commitment: { departmentCode: "market", method: "onSite" },
    });

    // The file drops the commitment: an upsert takes it away; the demo file brings it back.
    const file = clone();
    const consent = file.services[signIndex]?.materials.find((m) => m.key === "propertyOwnerConsent");
    if (!consent) throw new Error("no propertyOwnerConsent");
    delete consent.commitment;
    expect((await importProvince(h.db, file, { mode: "upsert" })).counts.materials?.updated).toBe(1);
    expect((await commitmentOf("outdoorSignboardPermit", "propertyOwnerConsent"))?.commitment).toBeNull();
    await importProvince(h.db, demoFile, { mode: "upsert" });
    expect((await commitmentOf("outdoorSignboardPermit", "propertyOwnerConsent"))?.commitment).toEqual(fromFile?.commitment);

    // A database an older load wrote (the premises proof "unless the founder makes the address
    // declaration", no commitment): an insert-only load brings the commitment and the file's requiredness.
    const [establishment] = await h.db.select({ id: services.id }).from(services).where(eq(services.code, "enterpriseEstablishment"));
    await h.db
      .update(materials)
      .set({ commitment: null, required: false, conditionZh: "未作住所申报承诺的提交", conditionEn: "Unless the founder declares the address" })
      .where(and(eq(materials.serviceId, establishment!.id), eq(materials.key, "premisesProof")));
    await importProvince(h.db, demoFile, { mode: "insertOnly" });
    expect(await commitmentOf("enterpriseEstablishment", "premisesProof")).toMatchObject({ required: true, commitment: { departmentCode: "market" } });

    // A verifying department the file does not have, and a commitment on a typed answer: refused at their paths.
    const bad = clone();
    const sign = bad.services[signIndex];
    if (!sign) throw new Error("no signboard service");
    const j = sign.materials.findIndex((m) => m.key === "propertyOwnerConsent");
    const k = sign.materials.findIndex((m) => m.key === "signboardText");
    sign.materials[j]!.commitment = { ...sign.materials[j]!.commitment!, departmentCode: "nowhere" };
    sign.materials[k]!.commitment = { ...sign.materials[j]!.commitment!, departmentCode: "housing" };
    const before = await rowCounts();
    const refused = await importProvince(h.db, bad, { mode: "upsert" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProvinceFileRefused);
    expect((refused as ProvinceFileRefused).problems.map((p) => p.path).sort()).toEqual(
      [`services[${signIndex}].materials[${j}].commitment.departmentCode`, `services[${signIndex}].materials[${k}].commitment`].sort(),
    );
    expect(await rowCounts()).toEqual(before);
  });
});
