import "../effects";
import { seedForwardingDemo } from "./forwarding-demo";
import { seedJointDemo } from "./joint-demo";
import { and, eq, inArray } from "drizzle-orm";
import { regionOfDivision, regions, type RegionCode } from "@/lib/regions";
import { seedPopulationRegister } from "@/modules/sharing/population";
import { issueOrSupersede, signUnsigned } from "@/modules/sharing/registry";
import { buildCreditCode } from "@/modules/identity/credit-code";
import { normalizeLogin, type Role } from "@/modules/identity/model";
import { hashPassword } from "@/modules/identity/password";
import { citizens, departments, entities, users } from "@/modules/identity/schema";
import { loadActor } from "@/modules/identity/authenticate";
import { grantForeignDepartment } from "@/modules/sharing/foreign-grants";
import { dataResources, foreignGrants } from "@/modules/sharing/schema";
import type { Db } from "@/server/db/client";
import { importProvince } from "../import-province";
import { loadReferenceData } from "../reference-data";
import { demoAccounts, demoPassword, seedDemoProvince, type DemoAccount } from "./demo";
import beijingProvince from "./regions/beijing.json";
import beijingPeople from "./regions/beijing-people.json";
import tianjinProvince from "./regions/tianjin.json";
import tianjinPeople from "./regions/tianjin-people.json";

/**
 * The small demo province of a Beijing or Tianjin node (issue 14): a province file in the catalog
 * import format (`regions/<region>.json`: two departments, their staff, four certificate types, two
 * services) and its people and enterprise (`regions/<region>-people.json`). Hebei's demo is
 * `demo.ts` and stays as it is.
 */
export interface RegionDemoFiles {
  /** The province file, read by the same import as `npm run catalog:import`. */
  province: unknown;
  people: RegionPeopleFile;
}

interface RegionPeopleFile {
  region: string;
  people: ReadonlyArray<{ idNumber: string; name: string; sex: string; birthDate: string; householdDivisionCode: string }>;
  /** People of the register who have an account, with their phone. */
  citizens: ReadonlyArray<{ name: string; phone: string }>;
  enterprises: ReadonlyArray<{
    name: string;
    divisionCode: string;
    organisationBody: string;
    legalRepresentative: string;
    issuedOn: string;
    particulars: { registeredCapital: string; businessAddress: string; businessScope: string };
  }>;
}

export type MunicipalRegion = Exclude<RegionCode, "hebei">;

export const regionDemoFiles: Record<MunicipalRegion, RegionDemoFiles> = {
  beijing: { province: beijingProvince, people: beijingPeople },
  tianjin: { province: tianjinProvince, people: tianjinPeople },
};

/** A region's demo that does not belong where it is loaded: nothing was written. */
export class RegionDemoMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegionDemoMismatch";
  }
}

function provinceDivision(file: unknown): string | undefined {
  const province = (file as { province?: { divisionCode?: unknown } } | null)?.province;
  return typeof province?.divisionCode === "string" ? province.divisionCode : undefined;
}

/** The files' own region must be the node's: a Tianjin file is never loaded as Beijing. */
function checkFiles(region: MunicipalRegion, files: RegionDemoFiles): void {
  const division = provinceDivision(files.province);
  if (division !== regions[region].divisionCode) {
    throw new RegionDemoMismatch(
      `the ${region} demo's province file is for division ${division ?? "(none)"}, not ${regions[region].divisionCode} (${regions[region].nameZh})`,
    );
  }
  if (files.people.region !== region) throw new RegionDemoMismatch(`the ${region} demo's people file is for ${files.people.region}`);
  for (const p of files.people.people) {
    if (regionOfDivision(p.householdDivisionCode) !== region)
      throw new RegionDemoMismatch(`${p.name}'s household division ${p.householdDivisionCode} is not in ${region}`);
  }
  for (const e of files.people.enterprises) {
    if (regionOfDivision(e.divisionCode) !== region) throw new RegionDemoMismatch(`${e.name}'s division ${e.divisionCode} is not in ${region}`);
  }
}

/**
 * A database already holding another region's departments is refused (a DATA_DIR reused with
 * another REGION): one node, one region.
 */
async function checkDatabase(db: Db, region: RegionCode): Promise<void> {
  const rows = await db.select({ code: departments.code, divisionCode: departments.divisionCode }).from(departments);
  const foreign = rows.find((d) => {
    const of = regionOfDivision(d.divisionCode);
    return of !== null && of !== region;
  });
  if (foreign) {
    throw new RegionDemoMismatch(
      `this database holds ${regionOfDivision(foreign.divisionCode)}'s departments (${foreign.code}), not ${region}'s: use another DATA_DIR or database for the ${region} node`,
    );
  }
}

function person(file: RegionPeopleFile, name: string) {
  const p = file.people.find((x) => x.name === name);
  if (!p) throw new RegionDemoMismatch(`the ${file.region} people file has no ${name}`);
  return p;
}

/** The demo enterprises of a region with their credit codes (built from the made-up bodies). */
export function regionDemoEnterprises(region: MunicipalRegion, files: RegionDemoFiles = regionDemoFiles[region]) {
  return files.people.enterprises.map((e) => ({
    ...e,
    creditCode: buildCreditCode({ authority: "9", category: "1", divisionCode: e.divisionCode, organisationBody: e.organisationBody }),
    legalRepresentative: person(files.people, e.legalRepresentative),
  }));
}

function regionDemoCitizens(files: RegionDemoFiles) {
  return files.people.citizens.map((c) => {
    const p = person(files.people, c.name);
    return { idNumber: p.idNumber, name: p.name, phone: c.phone };
  });
}

/** Every demo account of a region's node with the login it signs in with; all share `demoPassword`. */
export function regionDemoAccounts(region: RegionCode): DemoAccount[] {
  if (region === "hebei") return demoAccounts();
  const files = regionDemoFiles[region];
  const enterprises = regionDemoEnterprises(region, files);
  const staff = (files.province as { staff: Array<{ login: string; displayName: string; role: string; department?: string }> }).staff;
  return [
    ...regionDemoCitizens(files).map((c) => ({
      role: "citizen" as const,
      login: c.idNumber,
      displayName: c.name,
      represents: enterprises.filter((e) => e.legalRepresentative.idNumber === c.idNumber).map((e) => `${e.creditCode} ${e.name}`),
    })),
    ...staff.map((s) => ({ role: s.role as Role, login: s.login, displayName: s.displayName, ...(s.department ? { department: s.department } : {}) })),
  ];
}

/**
 * Seeds a Beijing or Tianjin node's demo: the region's divisions and the calendar, its province
 * file (insert-only, like Hebei's), its population register, citizens' accounts, its enterprise and
 * that enterprise's business licence signed by the region's market regulator. Idempotent. Refuses,
 * writing nothing, files of another region or a database seeded for another region.
 */
export async function seedRegionDemo(db: Db, region: MunicipalRegion, files: RegionDemoFiles = regionDemoFiles[region]): Promise<void> {
  checkFiles(region, files);
  await checkDatabase(db, region);
  await loadReferenceData(db, region);
  const passwordHash = await hashPassword(demoPassword);
  await importProvince(db, files.province, { mode: "insertOnly", passwordHash, source: `demo seed (${region})` });
  await seedPopulationRegister(
    db,
    files.people.people.map((p) => ({ ...p, sex: p.sex === "female" ? ("female" as const) : ("male" as const) })),
    "2021-03-01",
  );
  await seedCitizens(db, regionDemoCitizens(files), passwordHash);
  for (const e of regionDemoEnterprises(region, files)) {
    const rep = { legalRepresentative: e.legalRepresentative.name, legalRepresentativeIdNumber: e.legalRepresentative.idNumber };
    await db
      .insert(entities)
      .values({ creditCode: e.creditCode, name: e.name, ...rep, contactName: e.legalRepresentative.name, contactPhone: "" })
      .onConflictDoNothing();
    await issueOrSupersede(
      db,
      {
        typeCode: "businessLicence",
        holderCode: e.creditCode,
        holderName: e.name,
        answers: { entityType: "limitedLiabilityCompany", ...e.particulars },
        facts: rep,
        issuedOn: e.issuedOn,
      },
      ["legalRepresentativeIdNumber", "businessAddress"],
    );
  }
  await signUnsigned(db);
  await seedHebeiGrants(db);
}

/**
 * 全程网办 in the demo: the municipality's data office grants Hebei's market regulation its
 * business licences for Hebei's food business licence (Hebei's recognition matrix accepts them
 * for that service), so its enterprise can apply on the Hebei node without uploading its licence.
 * Granted once: a grant the data office has since changed or ended stays as it is.
 */
async function seedHebeiGrants(db: Db): Promise<void> {
  const [existing] = await db
    .select({ id: foreignGrants.id })
    .from(foreignGrants)
    .innerJoin(dataResources, eq(dataResources.id, foreignGrants.resourceId))
    .where(
      and(eq(dataResources.code, "certificate.businessLicence"), eq(foreignGrants.consumerRegion, "hebei"), eq(foreignGrants.consumerDepartmentCode, "market")),
    );
  if (existing) return;
  const [office] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.login, normalizeLogin("dataoffice")));
  const actor = office ? await loadActor(db, office.id) : undefined;
  if (!actor) throw new RegionDemoMismatch("the demo province has no data office account (dataoffice)");
  await grantForeignDepartment(db, actor, {
    resourceCode: "certificate.businessLicence",
    consumerRegion: "hebei",
    consumerDepartmentCode: "market",
    serviceCodes: ["foodBusinessLicensing"],
    purpose: "《食品经营许可和备案管理办法》：河北省办理食品经营许可时核对申请人的营业执照（跨省通办）",
  });
}

/**
 * 全程网办 in the demo: on the Hebei node, the enterprises of the peer municipalities' demos, so
 * they can sign in (法人登录) and apply there. Hebei's registry holds nothing of theirs; their
 * business licences come from their own region's node through the exchange. An out-of-region
 * person is not in Hebei's population register: the legal representative's account is marked
 * verified by the national identity platform (统一身份认证), as a real one would be when signing
 * in through it, and the enterprise's record names that person as its legal representative, as its
 * licence does. Seeded only for the regions in PEERS (no node to ask, no enterprise to show).
 */
export async function seedVisitingEnterprises(db: Db, peerRegions: readonly string[]): Promise<void> {
  const passwordHash = await hashPassword(demoPassword);
  for (const region of peerRegions) {
    if (region !== "beijing" && region !== "tianjin") continue;
    const files = regionDemoFiles[region];
    const enterprises = regionDemoEnterprises(region, files);
    const people = regionDemoCitizens(files).filter((c) => enterprises.some((e) => e.legalRepresentative.idNumber === c.idNumber));
    await seedCitizens(db, people, passwordHash, "identityPlatform");
    for (const e of enterprises) {
      await db
        .insert(entities)
        .values({
          creditCode: e.creditCode,
          name: e.name,
          legalRepresentative: e.legalRepresentative.name,
          legalRepresentativeIdNumber: e.legalRepresentative.idNumber,
          contactName: e.legalRepresentative.name,
          contactPhone: "",
        })
        .onConflictDoNothing();
    }
  }
}

/** The visiting enterprises' accounts a Hebei node with these peers prints (see `seedVisitingEnterprises`). */
export function visitingAccounts(peerRegions: readonly string[]): DemoAccount[] {
  return peerRegions.flatMap((region) => {
    if (region !== "beijing" && region !== "tianjin") return [];
    const enterprises = regionDemoEnterprises(region);
    return regionDemoCitizens(regionDemoFiles[region]).flatMap((c) => {
      const represents = enterprises.filter((e) => e.legalRepresentative.idNumber === c.idNumber).map((e) => `${e.creditCode} ${e.name}`);
      return represents.length ? [{ role: "citizen" as const, login: c.idNumber, displayName: c.name, represents }] : [];
    });
  });
}

/**
 * The demo of the node's region: Hebei's full demo province (with the peer municipalities'
 * enterprises, for 全程网办), or a municipality's small one.
 */
export async function seedNodeDemo(db: Db, region: RegionCode, peerRegions: readonly string[] = []): Promise<void> {
  if (region === "hebei") {
    await checkDatabase(db, region);
    await seedDemoProvince(db);
    await seedVisitingEnterprises(db, peerRegions);
  } else await seedRegionDemo(db, region);
  await seedForwardingDemo(db, region, peerRegions);
  await seedJointDemo(db, region, peerRegions);
}

async function seedCitizens(
  db: Db,
  people: ReadonlyArray<{ idNumber: string; name: string; phone: string }>,
  passwordHash: string,
  verification: "populationRegister" | "identityPlatform" = "populationRegister",
): Promise<void> {
  const existing = await db
    .select({ login: users.login })
    .from(users)
    .where(
      inArray(
        users.login,
        people.map((p) => normalizeLogin(p.idNumber)),
      ),
    );
  const have = new Set(existing.map((u) => u.login));
  for (const p of people.filter((x) => !have.has(normalizeLogin(x.idNumber)))) {
    await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ role: "citizen", login: normalizeLogin(p.idNumber), displayName: p.name, passwordHash, verification, verifiedAt: new Date() })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!user) return;
      await tx.insert(citizens).values({ idNumber: p.idNumber, name: p.name }).onConflictDoNothing();
      await tx.update(citizens).set({ userId: user.id, phone: p.phone }).where(eq(citizens.idNumber, p.idNumber));
    });
  }
}
