import "../effects";
import { eq, inArray } from "drizzle-orm";
import { seedCalendar } from "@/modules/calendar/seed";
import { seedCatalog } from "@/modules/catalog/seed";
import { seedRegisteredNames } from "@/modules/registration/seed";
import { seedSharing } from "@/modules/sharing/seed";
import { seedPopulationRegister } from "@/modules/sharing/population";
import { officialDivisions } from "@/modules/divisions/model";
import { divisions } from "@/modules/divisions/schema";
import { buildCreditCode } from "@/modules/identity/credit-code";
import { normalizeLogin, type Role } from "@/modules/identity/model";
import { hashPassword } from "@/modules/identity/password";
import { citizens, departments, entities, staff, users } from "@/modules/identity/schema";
import type { Db } from "@/server/db/client";
import population from "./demo-population.json";

/** The one password of every demo account; printed at start-up and listed in the README. */
export const demoPassword = "Tongban2026";

const province = "130000";

export const demoDepartments = [
  { code: "market", nameZh: "河北省市场监督管理局", nameEn: "Hebei Administration for Market Regulation" },
  { code: "publicSecurity", nameZh: "河北省公安厅", nameEn: "Hebei Department of Public Security" },
  { code: "tax", nameZh: "国家税务总局河北省税务局", nameEn: "Hebei Provincial Tax Service" },
  { code: "humanResources", nameZh: "河北省人力资源和社会保障厅", nameEn: "Hebei Department of Human Resources and Social Security" },
  { code: "housingFund", nameZh: "河北省住房资金管理中心", nameEn: "Hebei Housing Provident Fund Management Centre" },
  { code: "naturalResources", nameZh: "河北省自然资源厅", nameEn: "Hebei Department of Natural Resources" },
  { code: "housing", nameZh: "河北省住房和城乡建设厅", nameEn: "Hebei Department of Housing and Urban-Rural Development" },
  { code: "ecology", nameZh: "河北省生态环境厅", nameEn: "Hebei Department of Ecology and Environment" },
  { code: "health", nameZh: "河北省卫生健康委员会", nameEn: "Hebei Health Commission" },
  { code: "fire", nameZh: "河北省消防救援总队", nameEn: "Hebei Fire and Rescue Corps" },
] as const;

export type DemoDepartmentCode = (typeof demoDepartments)[number]["code"];

/** The demo's population register (人口库), from its data file. */
export const demoPeople = population.people as ReadonlyArray<{ idNumber: string; name: string; sex: "male" | "female"; birthDate: string; householdDivisionCode: string }>;

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
      represents: demoEnterprises.filter((e) => e.legalRepresentative.idNumber === c.idNumber).map((e) => `${e.creditCode} ${e.name}${e.registered ? "" : "（未注册，可法人注册）"}`),
    })),
    { role: "windowClerk", login: "clerk", displayName: "综合窗口 孙受理" },
    ...demoDepartments.map((d) => ({
      role: "reviewer" as const,
      login: `reviewer.${d.code}`,
      displayName: `${d.nameZh} 审查员`,
      department: d.code,
    })),
    { role: "dataOffice", login: "dataoffice", displayName: "大数据管理办公室 李管理" },
  ];
}

/**
 * Seeds the demo province: Hebei's divisions, the working-day calendar, ten departments, staff,
 * the population register, enterprises and citizens. Idempotent: every row is insert-or-nothing on
 * its natural key, and passwords are hashed only for accounts not there yet.
 */
export async function seedDemoProvince(db: Db): Promise<void> {
  await db
    .insert(divisions)
    .values(officialDivisions())
    .onConflictDoNothing();
  await seedCalendar(db);
  await db
    .insert(departments)
    .values(demoDepartments.map((d) => ({ ...d, divisionCode: province })))
    .onConflictDoNothing();

  await seedCatalog(db);
  await seedSharing(db);
  await seedPopulationRegister(db, demoPeople, "2020-09-01");
  await seedRegisteredNames(db);
  await seedAccounts(db);
  await seedEnterprises(db);
  const { seedDemoCertificates } = await import("./demo-certificates");
  await seedDemoCertificates(db, demoEnterprises);
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

async function seedAccounts(db: Db): Promise<void> {
  const accounts = demoAccounts();
  const existing = await db
    .select({ login: users.login })
    .from(users)
    .where(inArray(users.login, accounts.map((a) => normalizeLogin(a.login))));
  const have = new Set(existing.map((u) => u.login));
  const missing = accounts.filter((a) => !have.has(normalizeLogin(a.login)));
  if (missing.length === 0) return;
  const passwordHash = await hashPassword(demoPassword);

  const deptRows = await db.select({ id: departments.id, code: departments.code }).from(departments);
  const deptId = new Map(deptRows.map((d) => [d.code, d.id]));

  for (const account of missing) {
    await db.transaction(async (tx) => {
      const citizen = account.role === "citizen" ? demoCitizens.find((x) => x.idNumber === account.login) : undefined;
      const [user] = await tx
        .insert(users)
        .values({
          role: account.role,
          login: normalizeLogin(account.login),
          displayName: account.displayName,
          passwordHash,
          // The demo's people are in the register they were seeded from; staff accounts are made by the province.
          verification: citizen ? "populationRegister" : "staffAccount",
          verifiedAt: new Date(),
        })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!user) return;
      if (citizen) {
        await tx.insert(citizens).values({ ...citizen }).onConflictDoNothing();
        await tx.update(citizens).set({ userId: user.id, phone: citizen.phone }).where(eq(citizens.idNumber, citizen.idNumber));
      } else {
        await tx
          .insert(staff)
          .values({ userId: user.id, departmentId: account.department ? (deptId.get(account.department) ?? null) : null })
          .onConflictDoNothing();
      }
    });
  }
}
