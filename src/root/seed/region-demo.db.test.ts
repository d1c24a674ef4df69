import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificateTypes, services } from "@/modules/catalog/schema";
import { divisions } from "@/modules/divisions/schema";
import { decodeCreditCode, validateCreditCode } from "@/modules/identity/credit-code";
import { validateIdNumber } from "@/modules/identity/id-number";
import { citizens, departments, entities, users } from "@/modules/identity/schema";
import { certificates } from "@/modules/sharing/registry-schema";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { RegionDemoMismatch, regionDemoAccounts, regionDemoEnterprises, regionDemoFiles, seedRegionDemo } from "./region-demo";

// Each region's node has a database of its own: each test seeds in-memory PGlite databases of its
// own (on either engine), never the worker's shared one, which holds Hebei's demo.
const opened: DatabaseHandle[] = [];
async function freshDatabase(): Promise<DatabaseHandle> {
  const h = await openDatabase({ dataDir: "memory://" });
  await h.migrate();
  opened.push(h);
  return h;
}
afterAll(async () => {
  for (const h of opened) await h.close();
});

async function countOf(h: DatabaseHandle, table: typeof departments | typeof users | typeof certificates | typeof services) {
  return Number((await h.db.select({ n: count() }).from(table))[0]?.n);
}

const expected = {
  beijing: { market: "北京市市场监督管理局", publicSecurity: "北京市公安局", district: "110105", enterprise: "北京京通示例科技有限公司" },
  tianjin: { market: "天津市市场监督管理委员会", publicSecurity: "天津市公安局", district: "120101", enterprise: "天津津港示例贸易有限公司" },
} as const;

describe.each(["beijing", "tianjin"] as const)("the %s node's demo province", (region) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await freshDatabase();
    await seedRegionDemo(h.db, region);
  }, 120_000);

  it("has the region's own departments, divisions and small catalog, and none of Hebei's", async () => {
    const deps = await h.db.select({ code: departments.code, nameZh: departments.nameZh, divisionCode: departments.divisionCode }).from(departments);
    expect(Object.fromEntries(deps.map((d) => [d.code, d.nameZh]))).toEqual({
      market: expected[region].market,
      publicSecurity: expected[region].publicSecurity,
    });
    expect(new Set(deps.map((d) => d.divisionCode))).toEqual(new Set([region === "beijing" ? "110000" : "120000"]));

    const codes = new Set((await h.db.select({ code: divisions.code }).from(divisions)).map((d) => d.code));
    expect(codes.has(expected[region].district)).toBe(true);
    expect(codes.has("130000")).toBe(true); // the neighbours, at province level
    expect(codes.has("130102")).toBe(false); // but not Hebei's counties

    const svc = await h.db.select({ code: services.code, published: services.published }).from(services);
    expect(svc.map((s) => s.code).sort()).toEqual(["foodBusinessLicensing", "sealEngraving"]);
    const types = (await h.db.select({ code: certificateTypes.code }).from(certificateTypes)).map((t) => t.code).sort();
    expect(types).toEqual(["businessLicence", "foodBusinessLicence", "residentIdCard", "sealRecord"]);
  });

  it("has a demo enterprise with a valid credit code of the region and a signed business licence", async () => {
    const [e] = regionDemoEnterprises(region);
    expect(e?.name).toBe(expected[region].enterprise);
    expect(validateCreditCode(e!.creditCode)).toMatchObject({ valid: true });
    expect(decodeCreditCode(e!.creditCode)?.divisionCode).toBe(expected[region].district);

    const [entity] = await h.db.select().from(entities).where(eq(entities.creditCode, e!.creditCode));
    expect(entity).toMatchObject({
      name: e!.name,
      legalRepresentative: e!.legalRepresentative.name,
      legalRepresentativeIdNumber: e!.legalRepresentative.idNumber,
    });

    const [licence] = await h.db
      .select()
      .from(certificates)
      .where(and(eq(certificates.holderCode, e!.creditCode), eq(certificates.typeCode, "businessLicence")));
    expect(licence).toMatchObject({ status: "valid", holderName: e!.name });
    expect(licence?.signature).toBeTruthy();
    expect(licence?.fields.businessAddress).toMatch(region === "beijing" ? /^北京市/ : /^天津市/);
    const [issuer] = await h.db.select({ nameZh: departments.nameZh }).from(departments).where(eq(departments.id, licence!.issuerDepartmentId!));
    expect(issuer?.nameZh).toBe(expected[region].market);
  });

  it("has citizens with valid made-up ID numbers of the region and staff who can sign in", async () => {
    const accounts = regionDemoAccounts(region);
    const people = accounts.filter((a) => a.role === "citizen");
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) {
      expect(validateIdNumber(p.login).valid).toBe(true);
      expect(p.login.slice(0, 2)).toBe(region === "beijing" ? "11" : "12");
      const [c] = await h.db.select().from(citizens).where(eq(citizens.idNumber, p.login));
      expect(c?.userId).toBeTruthy();
    }
    expect(people.some((p) => p.represents?.some((r) => r.includes(expected[region].enterprise)))).toBe(true);
    const [reviewer] = await h.db.select().from(users).where(eq(users.login, "REVIEWER.MARKET"));
    expect(reviewer).toMatchObject({ role: "reviewer" });
    expect(reviewer?.passwordHash).toBeTruthy();
  });

  it("seeds again without changing anything", async () => {
    const before = [await countOf(h, departments), await countOf(h, users), await countOf(h, certificates), await countOf(h, services)];
    await seedRegionDemo(h.db, region);
    expect([await countOf(h, departments), await countOf(h, users), await countOf(h, certificates), await countOf(h, services)]).toEqual(before);
  });
});

describe("a region's seed refuses what is not its own", () => {
  it("refuses another region's files, writing nothing", async () => {
    const h = await freshDatabase();
    await expect(seedRegionDemo(h.db, "beijing", regionDemoFiles.tianjin)).rejects.toThrow(RegionDemoMismatch);
    await expect(seedRegionDemo(h.db, "beijing", regionDemoFiles.tianjin)).rejects.toThrow(/120000.*not 110000/);
    await expect(seedRegionDemo(h.db, "tianjin", { ...regionDemoFiles.tianjin, people: regionDemoFiles.beijing.people })).rejects.toThrow(
      /people file is for beijing/,
    );
    expect(await countOf(h, departments)).toBe(0);
    expect(Number((await h.db.select({ n: count() }).from(divisions))[0]?.n)).toBe(0);
  });

  it("refuses a database already seeded for another region", { timeout: 120_000 }, async () => {
    const h = await freshDatabase();
    await seedRegionDemo(h.db, "beijing");
    const before = await countOf(h, departments);
    await expect(seedRegionDemo(h.db, "tianjin")).rejects.toThrow(/holds beijing's departments/);
    expect(await countOf(h, departments)).toBe(before);
  });
});
