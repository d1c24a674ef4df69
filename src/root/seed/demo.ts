import "../effects";
import { eq, inArray } from "drizzle-orm";
import { seedRegisteredNames } from "@/modules/registration/seed";
import { seedPopulationRegister } from "@/modules/sharing/population";
import { buildCreditCode } from "@/modules/identity/credit-code";
import { normalizeLogin, type Role } from "@/modules/identity/model";
import { hashPassword } from "@/modules/identity/password";
import { citizens, entities, users } from "@/modules/identity/schema";
import type { Db } from "@/server/db/client";
import { importProvince } from "../import-province";
import { loadReferenceData } from "../reference-data";
import demoProvince from "./demo-province.json";
import population from "./demo-population.json";

/** The one password of every demo account; printed at start-up and listed in the README. */
export const demoPassword = "Tongban2026";

/** The demo province's catalog and organisation: one province file, loaded like any other. */
export const demoProvinceFile: unknown = demoProvince;

export const demoDepartments = demoProvince.departments.map(({ code, nameZh, nameEn }) => ({ code, nameZh, nameEn }));

/** The demo's population register (人口库), from its data file. */
export const demoPeople = population.people as ReadonlyArray<{
  idNumber: string;
  name: string;
  sex: "male" | "female";
  birthDate: string;
  householdDivisionCode: string;
}>;

function person(name: string) {
  const p = demoPeople.find((x) => x.name === name);
  if (!p) throw new Error(`demo-population.json has no ${name}`);
  return p;
}

// People of the register who have an account (the others are in the register only, to be
// registered, named in a mandate, or keyed in at the window). The first's ID number is the
// example printed in GB 11643-1999 itself.
export const demoCitizens = [
  { ...person("赵示例"), phone: "13900000001" },
  { ...person("钱通办"), phone: "13900000002" },
  { ...person("吴法人"), phone: "13900000003" },
  { ...person("孙长辈"), phone: "13900000004" },
].map(({ idNumber, name, phone }) => ({ idNumber, name, phone }));

// Made-up enterprises, each with a legal representative among the demo's people. Their codes are
// built with the real check characters from made-up organisation-code bodies; they belong to no
// real entity. The third holds a licence but is not registered with the portal yet (法人注册).
export const demoEnterprises = [
  {
    creditCode: buildCreditCode({ authority: "9", category: "1", divisionCode: "130102", organisationBody: "MA0TB001" }),
    name: "石家庄通办示范商贸有限公司",
    legalRepresentative: person("赵示例"),
    registered: true,
  },
  {
    creditCode: buildCreditCode({ authority: "9", category: "1", divisionCode: "130602", organisationBody: "MA0TB002" }),
    name: "保定市云帆示例餐饮有限公司",
    legalRepresentative: person("钱通办"),
    registered: true,
  },
  {
    creditCode: buildCreditCode({ authority: "9", category: "1", divisionCode: "130602", organisationBody: "MA0TB003" }),
    name: "保定市示例建工有限公司",
    legalRepresentative: person("吴法人"),
    registered: false,
  },
] as const;

export interface DemoAccount {
  role: Role;
  login: string;
  displayName: string;
  department?: string;
  /** For a citizen: the enterprises they represent (法人登录 with the credit code). */
  represents?: string[];
}

/** Every demo account with the login it signs in with; all share `demoPassword`. */
export function demoAccounts(): DemoAccount[] {
  return [
    ...demoCitizens.map((c) => ({
      role: "citizen" as const,
      login: c.idNumber,
      displayName: c.name,
      represents: demoEnterprises
        .filter((e) => e.legalRepresentative.idNumber === c.idNumber)
        .map((e) => `${e.creditCode} ${e.name}${e.registered ? "" : "（未注册，可法人注册）"}`),
    })),
    ...demoProvince.staff.map((s) => ({
      role: s.role as Role,
      login: s.login,
      displayName: s.displayName,
      ...("department" in s ? { department: s.department } : {}),
    })),
  ];
}

/**
 * Seeds the demo province: Hebei's divisions, the working-day calendar, the province file
 * (demo-province.json: departments, staff, catalog, data resources and grants, loaded by the same
 * import as `npm run catalog:import`, adding only what is missing), the population register,
 * enterprises and citizens. Idempotent: every row is insert-or-nothing on its natural key.
 */
export async function seedDemoProvince(db: Db): Promise<void> {
  await loadReferenceData(db);
  // Only what is missing is added: what the data office changed in the demo since stays.
  await importProvince(db, demoProvinceFile, { mode: "insertOnly", passwordHash: await hashPassword(demoPassword), source: "demo seed" });
  await seedPopulationRegister(db, demoPeople, "2020-09-01");
  await seedRegisteredNames(db);
  await seedAccounts(db);
  await seedEnterprises(db);
  const { seedDemoCertificates } = await import("./demo-certificates");
  await seedDemoCertificates(db, demoEnterprises);
  const { seedDemoCredit } = await import("./demo-credit");
  await seedDemoCredit(db, demoEnterprises);
  const { seedDemoRisk } = await import("./demo-risk");
  await seedDemoRisk(db, demoEnterprises[0]);
  const { seedDemoInspections } = await import("./demo-inspections");
  await seedDemoInspections(db);
}

/**
 * The registered demo enterprises, their legal representatives from the licence. A demo database
 * from before mandates gets its enterprises' representatives set here; their old logins were
 * deactivated by the migration, their cases kept (they belong to the enterprise).
 */
async function seedEnterprises(db: Db): Promise<void> {
  for (const e of demoEnterprises.filter((x) => x.registered)) {
    const values = { name: e.name, legalRepresentative: e.legalRepresentative.name, legalRepresentativeIdNumber: e.legalRepresentative.idNumber };
    await db
      .insert(entities)
      .values({ creditCode: e.creditCode, ...values, contactName: e.legalRepresentative.name, contactPhone: "" })
      .onConflictDoNothing();
    await db.update(entities).set(values).where(eq(entities.creditCode, e.creditCode));
  }
}

/** The demo's citizens' accounts (the staff accounts come from the province file). */
async function seedAccounts(db: Db): Promise<void> {
  const accounts = demoAccounts().filter((a) => a.role === "citizen");
  const existing = await db
    .select({ login: users.login })
    .from(users)
    .where(
      inArray(
        users.login,
        accounts.map((a) => normalizeLogin(a.login)),
      ),
    );
  const have = new Set(existing.map((u) => u.login));
  const missing = accounts.filter((a) => !have.has(normalizeLogin(a.login)));
  if (missing.length === 0) return;
  const passwordHash = await hashPassword(demoPassword);

  for (const account of missing) {
    await db.transaction(async (tx) => {
      const citizen = demoCitizens.find((x) => x.idNumber === account.login);
      if (!citizen) return;
      const [user] = await tx
        .insert(users)
        .values({
          role: account.role,
          login: normalizeLogin(account.login),
          displayName: account.displayName,
          passwordHash,
          // The demo's people are in the register they were seeded from.
          verification: "populationRegister",
          verifiedAt: new Date(),
        })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!user) return;
      await tx
        .insert(citizens)
        .values({ ...citizen })
        .onConflictDoNothing();
      await tx.update(citizens).set({ userId: user.id, phone: citizen.phone }).where(eq(citizens.idNumber, citizen.idNumber));
    });
  }
}
