import "@/root/effects";
import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { bundleSteps, bundles, materials, services } from "@/modules/catalog/schema";
import type { ServiceCompetence } from "@/modules/catalog/model";
import { shanghaiDate } from "@/lib/dates";
import { actForEnterpriseCode } from "@/modules/identity/acting";
import { loadActor } from "@/modules/identity/authenticate";
import { buildCreditCode } from "@/modules/identity/credit-code";
import { computeIdNumberCheck, idNumberBirthDate, idNumberSex } from "@/modules/identity/id-number";
import { ZRegisterCitizenInput, ZRegisterEnterpriseInput } from "@/modules/identity/inputs";
import { registerCitizen } from "@/modules/identity/register-citizen";
import type { Actor } from "@/modules/identity/model";
import { registerEnterprise } from "@/modules/identity/register-enterprise";
import { citizens, departments, entities, users } from "@/modules/identity/schema";
import { seedPopulationRegister } from "@/modules/sharing/population";
import { issueCertificate } from "@/modules/sharing/registry";
import { populationRecords } from "@/modules/sharing/schema";
import type { DatabaseHandle, Db } from "@/server/db/client";
import { seedDemoProvince } from "@/root/seed/demo";
import { testDatabase, uniqueSuffix } from "./database";

const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** A made-up, valid credit code, new each call, registered in `divisionCode` (positions 3–8, GB 32100). */
export function freshCreditCode(divisionCode = "130102"): string {
  const body = Array.from({ length: 8 }, () => charset[Math.floor(Math.random() * charset.length)]).join("");
  return buildCreditCode({ authority: "9", category: "1", divisionCode, organisationBody: body });
}

let seeded: Promise<void> | undefined;
/** The demo province once per worker (idempotent anyway). */
export function ensureDemo(db: Db): Promise<void> {
  seeded ??= seedDemoProvince(db);
  return seeded;
}

/**
 * What most database test files start with, instead of a copied `beforeAll`: the worker's
 * database with the demo province, and the demo actors the file needs, by login. At the top of
 * the file: `const { h, clerk } = await withDemo({ clerk: "clerk" });`
 */
export async function withDemo<const L extends Record<string, string> = Record<never, string>>(
  logins: L = {} as L,
): Promise<{ h: DatabaseHandle } & { [K in keyof L]: Actor }> {
  const h = await testDatabase();
  await ensureDemo(h.db);
  const actors: Record<string, Actor> = {};
  for (const [name, login] of Object.entries(logins)) actors[name] = await actorByLogin(h.db, login);
  return { h, ...actors } as { h: DatabaseHandle } & { [K in keyof L]: Actor };
}

export async function actorByLogin(db: Db, login: string): Promise<Actor> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.login, login.toUpperCase()));
  if (!u) throw new Error(`no user ${login}`);
  const actor = await loadActor(db, u.id);
  if (!actor) throw new Error(`no actor ${login}`);
  return actor;
}

export const reviewer = (db: Db, dept: string) => actorByLogin(db, `reviewer.${dept}`);

/** The actor of a person acting for an enterprise by its credit code (as its legal representative, or by mandate). */
export async function actingForEnterprise(db: Db, person: Actor, creditCode: string, now: Date = new Date()): Promise<Actor> {
  const acting = await actForEnterpriseCode(db, person, creditCode, shanghaiDate(now));
  if (!acting) throw new Error(`${person.displayName} may not act for ${creditCode}`);
  return acting;
}

/** A demo enterprise, acted for by its legal representative (a demo citizen). */
export async function demoEnterprise(db: Db, creditCode: string): Promise<Actor> {
  const [e] = await db.select({ idNumber: entities.legalRepresentativeIdNumber }).from(entities).where(eq(entities.creditCode, creditCode));
  if (!e?.idNumber) throw new Error(`no legal representative for ${creditCode}`);
  return actingForEnterprise(db, await actorByLogin(db, e.idNumber), creditCode);
}

/** A made-up, valid resident ID number (Shijiazhuang, born 1960–1999), new each call. */
export function freshIdNumber(): string {
  const year = 1960 + Math.floor(Math.random() * 40);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, "0");
  const first17 = `130102${year}${month}${day}${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
  return first17 + computeIdNumberCheck(first17);
}

/** A made-up person recorded in the population register (with their ID card), not yet registered. */
export async function registeredPerson(db: Db, name = "冯创业"): Promise<{ idNumber: string; name: string }> {
  for (let attempt = 0; ; attempt++) {
    const idNumber = freshIdNumber();
    const [have] = await db.select({ id: populationRecords.idNumber }).from(populationRecords).where(eq(populationRecords.idNumber, idNumber));
    if (have && attempt < 5) continue;
    await seedPopulationRegister(
      db,
      [{ idNumber, name, sex: idNumberSex(idNumber), birthDate: idNumberBirthDate(idNumber), householdDivisionCode: idNumber.slice(0, 6) }],
      "2020-09-01",
    );
    return { idNumber, name };
  }
}

/** A new citizen account (a person of the population register, real-name verified at registration). */
export async function newCitizen(db: Db, name = "冯创业"): Promise<Actor> {
  const person = await registeredPerson(db, name);
  const { userId } = await registerCitizen(
    db,
    ZRegisterCitizenInput.parse({ idNumber: person.idNumber, name, phone: "13900000009", password: "Secret2026", confirmPassword: "Secret2026" }),
  );
  const actor = await loadActor(db, userId);
  if (!actor) throw new Error("no actor");
  return actor;
}

/**
 * A new enterprise to apply with, acted for by its legal representative: a new citizen, a
 * business licence in the registry naming them, then 法人注册.
 */
export async function newEnterprise(db: Db, options: { representative?: Actor; divisionCode?: string } = {}): Promise<Actor> {
  const representative = options.representative ?? (await newCitizen(db, "吴测试"));
  const [me] = await db
    .select({ idNumber: citizens.idNumber, name: citizens.name })
    .from(citizens)
    .where(eq(citizens.id, representative.personId ?? ""));
  if (!me) throw new Error("representative has no person record");
  const code = freshCreditCode(options.divisionCode);
  const name = `测试示例企业有限公司${uniqueSuffix()}`;
  await db.transaction((tx) =>
    issueCertificate(tx, {
      typeCode: "businessLicence",
      holderCode: code,
      holderName: name,
      answers: { entityType: "limitedLiabilityCompany" },
      facts: { legalRepresentative: me.name, legalRepresentativeIdNumber: me.idNumber },
      sourceApplicationId: null,
      issuedOn: "2024-01-02",
    }),
  );
  await registerEnterprise(db, representative, ZRegisterEnterpriseInput.parse({ creditCode: code }));
  return actingForEnterprise(db, representative, code);
}

export interface TestStep {
  key: string;
  department: string;
  needs?: string[];
  promisedDays?: number;
  issues?: string;
  deemedApproval?: boolean;
  /** 管辖层级: the service's competence rule (routing at acceptance). */
  competence?: ServiceCompetence;
  /** 多地联办: the step is decided on this region's node under its service code. */
  partner?: { region: string; serviceCode: string };
}

/**
 * A bundle made for one test: one service per step, each asking for `projectName` (a form field
 * every step shares) and a conditional upload, with the given DAG.
 */
export async function createTestBundle(
  db: Db,
  steps: TestStep[],
  options: { autoAcceptance?: boolean; requiredUpload?: boolean } = {},
): Promise<{ code: string }> {
  const suffix = uniqueSuffix();
  const deptRows = await db
    .select()
    .from(departments)
    .where(inArray(departments.code, [...new Set(steps.map((s) => s.department))]));
  const dept = new Map(deptRows.map((d) => [d.code, d.id]));
  const serviceIds = new Map<string, string>();
  for (const s of steps) {
    const id = randomUUID();
    serviceIds.set(s.key, id);
    await db
      .insert(services)
      .values({
        id,
        code: `t-${s.key}-${suffix}`.toLowerCase(),
        nameZh: `测试事项 ${s.key}`,
        nameEn: `Test service ${s.key}`,
        departmentId: dept.get(s.department) ?? "",
        legalBasis: "《测试条例》第一条",
        conditionsZh: "测试",
        conditionsEn: "Test",
        statutoryDays: 20,
        promisedDays: s.promisedDays ?? 5,
        issuesCertificateType: s.issues ?? null,
        applicantKinds: ["enterprise", "citizen"],
        autoAcceptance: options.autoAcceptance ?? false,
        deemedApprovalOnTimeout: s.deemedApproval ?? false,
        competence: s.competence ?? null,
      });
    await db.insert(materials).values([
      {
        serviceId: id,
        key: "projectName",
        nameZh: "项目名称",
        nameEn: "Project name",
        legalBasis: "《测试条例》第二条",
        source: "formField",
        fieldType: "text",
        required: true,
        sortOrder: 1,
      },
      {
        serviceId: id,
        key: "sitePhoto",
        nameZh: "场所照片",
        nameEn: "Photo of the premises",
        legalBasis: "《测试条例》第三条",
        source: "upload",
        required: options.requiredUpload ?? false,
        sortOrder: 2,
      },
    ]);
  }
  const bundleId = randomUUID();
  const code = `t-bundle-${suffix}`.toLowerCase();
  await db
    .insert(bundles)
    .values({
      id: bundleId,
      code,
      nameZh: `测试一件事 ${suffix}`,
      nameEn: `Test bundle ${suffix}`,
      descriptionZh: "测试",
      descriptionEn: "Test",
      leadDepartmentId: dept.get(steps[0]?.department ?? "") ?? "",
      applicantKinds: ["enterprise", "citizen"],
    });
  await db
    .insert(bundleSteps)
    .values(
      steps.map((s, i) => ({
        bundleId,
        key: s.key,
        serviceId: serviceIds.get(s.key) ?? "",
        needs: s.needs ?? [],
        sortOrder: i,
        partnerRegion: s.partner?.region ?? null,
        partnerServiceCode: s.partner?.serviceCode ?? null,
      })),
    );
  return { code };
}
