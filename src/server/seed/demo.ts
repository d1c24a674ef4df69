import { eq, inArray } from "drizzle-orm";
import { seedCalendar } from "@/modules/calendar/seed";
import { seedCatalog } from "@/modules/catalog/seed";
import { seedRegisteredNames } from "@/modules/registration/seed";
import { seedSharing } from "@/modules/sharing/seed";
import { officialDivisions } from "@/modules/divisions/model";
import { divisions } from "@/modules/divisions/schema";
import { buildCreditCode } from "@/modules/identity/credit-code";
import { computeIdNumberCheck } from "@/modules/identity/id-number";
import { normalizeLogin, type Role } from "@/modules/identity/model";
import { hashPassword } from "@/modules/identity/password";
import { agents, citizens, departments, entities, staff, users } from "@/modules/identity/schema";
import type { Db } from "@/server/db/client";

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

// Made-up enterprises. Their codes are built with the real check characters from made-up
// organisation-code bodies, so they pass every check; they belong to no real entity.
export const demoEnterprises = [
  {
    creditCode: buildCreditCode({ authority: "9", category: "1", divisionCode: "130102", organisationBody: "MA0TB001" }),
    name: "石家庄通办示范商贸有限公司",
    legalRepresentative: "林示范",
    contactName: "林示范",
    contactPhone: "13800000001",
  },
  {
    creditCode: buildCreditCode({ authority: "9", category: "1", divisionCode: "130602", organisationBody: "MA0TB002" }),
    name: "保定市云帆示例餐饮有限公司",
    legalRepresentative: "周云帆",
    contactName: "周云帆",
    contactPhone: "13800000002",
  },
] as const;

function demoIdNumber(first17: string): string {
  return first17 + computeIdNumberCheck(first17);
}

// The first is the example number printed in GB 11643-1999 itself; the second is made up.
export const demoCitizens = [
  { idNumber: "11010519491231002X", name: "赵示例", phone: "13900000001" },
  { idNumber: demoIdNumber("13010219900307001"), name: "钱通办", phone: "13900000002" },
] as const;

export interface DemoAccount {
  role: Role;
  login: string;
  displayName: string;
  department?: string;
}

/** Every demo account with the login it signs in with; all share `demoPassword`. */
export function demoAccounts(): DemoAccount[] {
  return [
    ...demoEnterprises.map((e) => ({ role: "enterprise" as const, login: e.creditCode, displayName: e.name })),
    ...demoCitizens.map((c) => ({ role: "citizen" as const, login: c.idNumber, displayName: c.name })),
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
 * enterprises and citizens. Idempotent: every row is insert-or-nothing on its natural key, and
 * passwords are hashed only for accounts not there yet.
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
  await seedRegisteredNames(db);
  await seedAccounts(db);
  const { seedDemoCertificates } = await import("./demo-certificates");
  await seedDemoCertificates(db);
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
      const [user] = await tx
        .insert(users)
        .values({ role: account.role, login: normalizeLogin(account.login), displayName: account.displayName, passwordHash })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!user) return;
      if (account.role === "enterprise") {
        const e = demoEnterprises.find((x) => x.creditCode === account.login);
        if (!e) return;
        await tx.insert(entities).values({ ...e }).onConflictDoNothing();
        const [entity] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.creditCode, e.creditCode));
        if (entity) await tx.insert(agents).values({ userId: user.id, entityId: entity.id, kind: "account" }).onConflictDoNothing();
      } else if (account.role === "citizen") {
        const c = demoCitizens.find((x) => x.idNumber === account.login);
        if (c) await tx.insert(citizens).values({ ...c, userId: user.id }).onConflictDoNothing();
      } else {
        await tx
          .insert(staff)
          .values({ userId: user.id, departmentId: account.department ? (deptId.get(account.department) ?? null) : null })
          .onConflictDoNothing();
      }
    });
  }
}
