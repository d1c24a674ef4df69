import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withDemo } from "@/root/testing/fixtures";
import { createCallerFactory, createTRPCRouter } from "@/server/trpc/init";
import { currentCatalogVersion } from "./catalog-version";
import type { CreateServiceInput } from "./inputs";
import { catalogRouter } from "./router";
import { services } from "./schema";

// 管辖层级 as the data office edits it: a rule routes only to bodies that exist, by answers the
// service asks; a refused rule writes nothing.

const { h, office } = await withDemo({ office: "dataoffice" });
const api = createCallerFactory(createTRPCRouter({ catalog: catalogRouter }))({ db: h.db, actor: office, self: office, locale: "zh-CN" });

function serviceForm(code: string, departmentCode: string): CreateServiceInput {
  return {
    code,
    nameZh: "食品小作坊登记（测试）",
    nameEn: "Small food workshop registration (test)",
    departmentCode,
    legalBasis: "《中华人民共和国食品安全法》第三十六条",
    conditionsZh: "有固定的生产场所。",
    conditionsEn: "A fixed place of production.",
    statutoryDays: "20",
    promisedDays: "10",
    feeYuan: "0",
    applicantKinds: ["enterprise"],
    issuesCertificateType: "",
    registersEntity: false,
    autoAcceptance: false,
    deemedApprovalOnTimeout: false,
    published: false,
  };
}

async function refusedFields(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { issues?: Array<{ path: PropertyKey[]; message: string }>; cause?: unknown } | null;
  expect(error, "the edit was refused").not.toBeNull();
  const source = (error?.cause ?? error) as typeof error;
  return Object.fromEntries((source?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("a service's competence rule", () => {
  it("is saved and removed with the service, each a new catalog version", async () => {
    const code = `lv-${randomUUID().slice(0, 8)}`;
    await api.catalog.createService(serviceForm(code, "market"));
    await api.catalog.updateService({ ...serviceForm(code, "market"), competence: { lowestLevel: "county" } });
    expect((await h.db.select().from(services).where(eq(services.code, code)))[0]?.competence).toEqual({ lowestLevel: "county" });
    // Leaving it out keeps it; null removes it.
    await api.catalog.updateService({ ...serviceForm(code, "market"), nameZh: "改名" });
    expect((await h.db.select().from(services).where(eq(services.code, code)))[0]?.competence).toEqual({ lowestLevel: "county" });
    await api.catalog.updateService({ ...serviceForm(code, "market"), competence: null });
    expect((await h.db.select().from(services).where(eq(services.code, code)))[0]?.competence).toBeNull();
  });

  it("refuses an unknown level, a rule no body can carry out (naming the department), and keys that are not its fields; nothing written", async () => {
    const code = `lv-${randomUUID().slice(0, 8)}`;
    await api.catalog.createService(serviceForm(code, "tax"));
    const [before] = await h.db.select().from(services).where(eq(services.code, code));
    const version = await currentCatalogVersion(h.db);

    expect(await refusedFields(api.catalog.updateService({ ...serviceForm(code, "tax"), competence: { lowestLevel: "town" as "city" } }))).toEqual({
      "competence.lowestLevel": "catalog.errors.competenceLevel",
    });
    // No city or county body carries out the tax service's function: refused, naming it.
    expect(await refusedFields(api.catalog.updateService({ ...serviceForm(code, "tax"), competence: { lowestLevel: "county" } }))).toEqual({
      "competence.lowestLevel": 'catalog.errors.competenceNoBody|{"department":"国家税务总局河北省税务局","departmentEn":"Hebei Provincial Tax Service"}',
    });
    // Market regulation has bodies, but the keys must be the service's own fields.
    expect(
      await refusedFields(
        api.catalog.updateService({
          ...serviceForm(code, "market"),
          competence: { lowestLevel: "city", locationKey: "projectSite", provinceFromAmount: { key: "investment", atLeast: 50_000_000 } },
        }),
      ),
    ).toEqual({
      "competence.locationKey": 'catalog.errors.competenceLocationKey|{"key":"projectSite"}',
      "competence.provinceFromAmount.key": 'catalog.errors.competenceAmountKey|{"key":"investment"}',
    });
    expect((await h.db.select().from(services).where(eq(services.code, code)))[0]).toEqual(before);
    expect(await currentCatalogVersion(h.db)).toBe(version);
  });

  it("stays checked when the service changes department: a rule left without a body is refused", async () => {
    const code = `lv-${randomUUID().slice(0, 8)}`;
    await api.catalog.createService(serviceForm(code, "market"));
    await api.catalog.updateService({ ...serviceForm(code, "market"), competence: { lowestLevel: "city" } });
    expect(await refusedFields(api.catalog.updateService({ ...serviceForm(code, "fire") }))).toEqual({
      "competence.lowestLevel": 'catalog.errors.competenceNoBody|{"department":"河北省消防救援总队","departmentEn":"Hebei Fire and Rescue Corps"}',
    });
  });
});
