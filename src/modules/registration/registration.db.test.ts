import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { getApplication } from "@/modules/applications/get-application";
import { applications } from "@/modules/applications/schema";
import { withdrawApplication } from "@/modules/applications/withdraw-application";
import { validateCreditCode, decodeCreditCode } from "@/modules/identity/credit-code";
import { actForEntity } from "@/modules/identity/acting";
import type { Actor } from "@/modules/identity/model";
import { citizens, entities } from "@/modules/identity/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { readCertificates, verifyCertificate } from "@/modules/sharing/gate";
import { dataAccessLog } from "@/modules/sharing/schema";
import { onPostgres } from "@/root/testing/database";
import { freshIdNumber, newCitizen, reviewer, withDemo } from "@/root/testing/fixtures";
import { ZReserveNameInput, ZStartBusinessInput } from "./inputs";
import { checkName, listMyReservations, reserveName } from "./names";
import { businessRegistrations, enterpriseNames } from "./schema";
import { submitStartBusiness } from "./submit-start-business";

const { h, clerk } = await withDemo({ clerk: "clerk" });

const monday = new Date("2026-03-02T01:00:00Z");
const today = "2026-03-02";

// Trade names made of characters no seeded name uses, unique per call.
const pool = "瀚澜琪璟瑞翎骁昱晟煜玥珩琨烨瑾熠";
let tradeCounter = Math.floor(Math.random() * 4000);
function freshTrade(): string {
  const n = tradeCounter++;
  const a = pool[n % pool.length]!;
  const b = pool[Math.floor(n / pool.length) % pool.length]!;
  const c = pool[Math.floor(n / pool.length ** 2) % pool.length]!;
  return `${a}${b}${c}${pool[(process.pid + Math.floor(n / pool.length ** 3)) % pool.length]}`;
}

const nameInput = (tradeName: string, over: Partial<ReturnType<typeof ZReserveNameInput.parse>> = {}) =>
  ZReserveNameInput.parse({
    divisionCode: "130100",
    tradeName,
    industry: "商贸",
    entityType: "limitedLiabilityCompany",
    form: "有限公司",
    acceptWarnings: true,
    ...over,
  });

function startInput(founder: { idNumber: string; name: string }, nameId: string, over: Record<string, unknown> = {}) {
  return ZStartBusinessInput.parse({
    idempotencyKey: randomUUID(),
    nameId,
    entityType: "limitedLiabilityCompany",
    registeredCapital: "100",
    divisionCode: "130102",
    streetAddress: "中山东路 1 号",
    scopeCodes: ["F5211", "L7243"],
    legalRepresentative: { name: founder.name, idNumber: founder.idNumber },
    shareholders: [
      { name: founder.name, idNumber: founder.idNumber, contribution: "60", contributionForm: "currency", contributionDueOn: "2030-12-31" },
      { name: "褚合伙", idNumber: freshIdNumber(), contribution: "40", contributionForm: "currency", contributionDueOn: "2030-12-31" },
    ],
    sealTypes: "companyFinance",
    invoiceTypes: "generalVat",
    employeeCount: 3,
    housingFundRate: "5",
    bankAccount: "",
    addressCommitment: true,
    standardArticles: true,
    consent: true,
    ...over,
  });
}

async function founderOf(actor: Actor) {
  const [row] = await h.db.select({ idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.userId, actor.userId));
  return { idNumber: row!.idNumber, name: actor.displayName };
}

async function founderWithName() {
  const actor = await newCitizen(h.db);
  const founder = await founderOf(actor);
  const name = await reserveName(h.db, actor, nameInput(freshTrade()), monday);
  return { actor, founder, name };
}

async function decideAll(applicationId: string, dept: string, at = monday) {
  const actor = await reviewer(h.db, dept);
  const tasks = await h.db
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.applicationId, applicationId), eq(reviewTasks.departmentId, actor.departmentId ?? "")));
  for (const task of tasks) {
    const claimed = await claimTask(h.db, actor, { taskId: task.id, version: task.version }, at);
    await decideTask(h.db, actor, { taskId: task.id, version: claimed.version, outcome: "approved" } as never, at);
  }
}

async function accept(id: string) {
  const [app] = await h.db.select().from(applications).where(eq(applications.id, id));
  await acceptApplication(h.db, clerk, { applicationId: id, version: app!.version }, monday);
}

describe("name declaration", () => {
  it("refuses an identical trade name in the same division and industry, naming the conflict; warns on similar ones", async () => {
    const founder = await newCitizen(h.db);
    // 石家庄云帆商贸有限公司 is registered in the demo province.
    await expect(reserveName(h.db, founder, nameInput("云帆"), monday)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining('"trade":"云帆"'),
    });
    const check = await checkName(h.db, founder, nameInput("云帆", { industry: "科技" }), monday);
    expect(check).toMatchObject({
      fullName: "石家庄云帆科技有限公司",
      outcome: "warning",
      findings: [{ reason: "sameTradeOtherIndustry", conflictTradeName: "云帆" }],
    });
    await expect(reserveName(h.db, founder, nameInput("云帆", { industry: "科技", acceptWarnings: false }), monday)).rejects.toMatchObject({
      code: "invalidInput",
    });
    const reserved = await reserveName(h.db, founder, nameInput("云帆", { industry: "科技" }), monday);
    expect(reserved.fullName).toBe("石家庄云帆科技有限公司");
    // Reserving it again is the same reservation; another founder is refused.
    expect((await reserveName(h.db, founder, nameInput("云帆", { industry: "科技" }), monday)).id).toBe(reserved.id);
    await expect(reserveName(h.db, await newCitizen(h.db), nameInput("云帆", { industry: "科技" }), monday)).rejects.toMatchObject({ code: "conflict" });
  });

  it("frees a lapsed reservation for someone else", async () => {
    const trade = freshTrade();
    const first = await newCitizen(h.db);
    await reserveName(h.db, first, nameInput(trade), monday);
    const later = new Date(monday.getTime() + 31 * 86_400_000);
    const second = await reserveName(h.db, await newCitizen(h.db), nameInput(trade), later);
    expect(second.fullName).toContain(trade);
    const rows = await h.db.select({ status: enterpriseNames.status }).from(enterpriseNames).where(eq(enterpriseNames.tradeName, trade));
    expect(rows.map((r) => r.status).sort()).toEqual(["released", "reserved"]);
  });

  it("refuses a form that does not fit the entity type and a division outside Hebei", async () => {
    const founder = await newCitizen(h.db);
    await expect(reserveName(h.db, founder, nameInput(freshTrade(), { entityType: "partnership", form: "有限公司" }), monday)).rejects.toMatchObject({
      code: "invalidInput",
    });
    expect(() => nameInput(freshTrade(), { divisionCode: "110000" })).toThrow();
  });
});

describe("the start-a-business form", () => {
  it("refuses a shareholder whose ID number fails, and capital that does not add up, writing nothing", async () => {
    const { founder, name } = await founderWithName();
    const bad = startInput(founder, name.id);
    expect(() =>
      ZStartBusinessInput.parse({
        ...bad,
        shareholders: [{ name: "褚合伙", idNumber: "110105194912310021", contribution: "100", contributionForm: "currency", contributionDueOn: "2030-12-31" }],
      }),
    ).toThrow(/validation\.idNumber/);
    const sum = ZStartBusinessInput.safeParse({ ...bad, registeredCapital: "120" });
    expect(sum.success ? [] : sum.error.issues.map((i) => i.path.join("."))).toContain("registeredCapital");
  });

  it("submits one application; market regulation's approval registers the enterprise with a new code, its signed licence, the founder as agent; the four departments then read the licence through the gate", async () => {
    const { actor, founder, name } = await founderWithName();
    const submitted = await submitStartBusiness(h.db, actor, startInput(founder, name.id), monday);
    // The founder's ID card came from the registry: nothing was uploaded.
    const view = await getApplication(h.db, actor, submitted.id, monday);
    expect(view.materials.filter((m) => m.upload)).toEqual([]);
    expect(view.burdenSaved.map((b) => b.nameZh)).toEqual(["居民身份证"]);
    const [linked] = await h.db.select().from(enterpriseNames).where(eq(enterpriseNames.id, name.id));
    expect(linked?.applicationId).toBe(submitted.id);

    await accept(submitted.id);
    await decideAll(submitted.id, "market");
    const [app] = await h.db.select().from(applications).where(eq(applications.id, submitted.id));
    expect(app?.registeredEntityId).toBeTruthy();
    const [entity] = await h.db.select().from(entities).where(eq(entities.id, app!.registeredEntityId!));
    expect(entity?.name).toBe(name.fullName);
    expect(validateCreditCode(entity!.creditCode).valid).toBe(true);
    expect(decodeCreditCode(entity!.creditCode)).toMatchObject({ authority: { code: "9" }, category: { code: "1" }, divisionCode: "130102" });
    // The founder named themself legal representative: the licence says so, and that is their right to act for it.
    expect(entity?.legalRepresentativeIdNumber).toBe(founder.idNumber);
    const [named] = await h.db.select().from(enterpriseNames).where(eq(enterpriseNames.id, name.id));
    expect(named).toMatchObject({ status: "registered", entityId: entity!.id });

    // The licence, signed, under the new code.
    const tax = await reviewer(h.db, "tax");
    const taxView = await getApplication(h.db, tax, submitted.id, monday);
    const licence = taxView.certificates.find((c) => c.typeCode === "businessLicence");
    expect(licence).toBeTruthy();
    expect(await verifyCertificate(h.db, licence!.number, null, monday)).toMatchObject({
      holderCodeShown: entity!.creditCode,
      holderName: name.fullName,
      signature: { valid: true },
    });
    const [taxRead] = await h.db
      .select()
      .from(dataAccessLog)
      .where(and(eq(dataAccessLog.holderCode, entity!.creditCode), eq(dataAccessLog.readerUserId, tax.userId)));
    expect(taxRead).toMatchObject({ purpose: "review", outcome: "allowed", applicationId: submitted.id });

    for (const dept of ["publicSecurity", "tax", "humanResources", "housingFund"]) await decideAll(submitted.id, dept);
    const [done] = await h.db.select().from(applications).where(eq(applications.id, submitted.id));
    expect(done?.status).toBe("completed");

    // Acting for the enterprise, the founder sees its certificates in one place, under the one code.
    const asEnterprise = await actForEntity(h.db, actor, entity!.id, today);
    expect(asEnterprise).toMatchObject({ role: "enterprise", entityId: entity!.id, userId: actor.userId, agency: { kind: "legalRepresentative" } });
    const held = await readCertificates(h.db, asEnterprise!, { holderCode: entity!.creditCode, all: true, purpose: { kind: "own", use: "ownRecord" }, today });
    expect(held.certificates.map((c) => c.typeCode).sort()).toEqual([
      "businessLicence",
      "housingFundAccount",
      "sealRecord",
      "socialInsuranceRegistration",
      "taxRegistration",
    ]);
    expect(held.certificates.every((c) => c.holderCode === entity!.creditCode)).toBe(true);
    // The licence says what a business licence says, and nothing of the rest of the form.
    const licenceHeld = held.certificates.find((c) => c.typeCode === "businessLicence");
    expect(Object.keys(licenceHeld!.fields).sort()).toEqual([
      "businessAddress",
      "businessScope",
      "creditCode",
      "entityType",
      "establishedOn",
      "legalRepresentative",
      "legalRepresentativeIdNumber",
      "name",
      "registeredCapital",
    ]);
    expect(licenceHeld!.fields).toMatchObject({ name: name.fullName, creditCode: entity!.creditCode, legalRepresentativeIdNumber: founder.idNumber });
    expect(licenceHeld!.fields.entityType).toMatch(/^[a-zA-Z]+$/);
    expect(licenceHeld!.fields.registeredCapital).toMatch(/^\d+(\.\d+)?$/);
    // Someone who is neither its legal representative nor holds a mandate cannot act for it.
    expect(await actForEntity(h.db, await newCitizen(h.db), entity!.id, today)).toBeNull();
  });

  it("keeps each choice as its code and shows it by its label, with units, to the founder and the window", async () => {
    const { actor, founder, name } = await founderWithName();
    const submitted = await submitStartBusiness(h.db, actor, startInput(founder, name.id), monday);
    for (const viewer of [actor, clerk]) {
      const view = await getApplication(h.db, viewer, submitted.id, monday);
      const byKey = new Map(view.materials.map((m) => [m.key, m]));
      const shown = (key: string) => ({ value: byKey.get(key)?.value, answer: byKey.get(key)?.answer });
      expect(shown("entityType")).toEqual({ value: "limitedLiabilityCompany", answer: { zh: "有限责任公司", en: "Limited liability company" } });
      expect(shown("sealTypes")).toEqual({ value: "companyFinance", answer: { zh: "公章、财务专用章", en: "Company seal and finance seal" } });
      expect(shown("invoiceTypes")).toEqual({ value: "generalVat", answer: { zh: "增值税普通发票", en: "Ordinary VAT invoices" } });
      expect(shown("housingFundRate")).toEqual({ value: "5", answer: { zh: "5%", en: "5%" } });
      expect(shown("registeredCapital")).toEqual({ value: "100", answer: { zh: "100 万元", en: "100 × 10,000 yuan" } });
      expect(shown("employeeCount")).toEqual({ value: "3", answer: { zh: "3 人", en: "3 people" } });
    }
  });

  it("uses a reserved name for one application only", async () => {
    const { actor, founder, name } = await founderWithName();
    await submitStartBusiness(h.db, actor, startInput(founder, name.id), monday);
    await expect(submitStartBusiness(h.db, actor, startInput(founder, name.id), monday)).rejects.toMatchObject({ code: "conflict" });
    const other = await newCitizen(h.db);
    await expect(submitStartBusiness(h.db, other, startInput(founder, name.id), monday)).rejects.toMatchObject({ code: "invalidInput" });
  });
});

describe.skipIf(!onPostgres)("credit codes under concurrent approvals (PostgreSQL)", () => {
  it("100 concurrent approvals give 100 distinct valid codes", { timeout: 300_000 }, async () => {
    const actor = await newCitizen(h.db);
    const founder = await founderOf(actor);
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const name = await reserveName(h.db, actor, nameInput(freshTrade()), monday);
      const s = await submitStartBusiness(h.db, actor, startInput(founder, name.id), monday);
      await accept(s.id);
      ids.push(s.id);
    }
    const market = await reviewer(h.db, "market");
    const tasks = await Promise.all(
      ids.map(async (id) => {
        const [t] = await h.db
          .select()
          .from(reviewTasks)
          .where(and(eq(reviewTasks.applicationId, id), eq(reviewTasks.departmentId, market.departmentId!)));
        return claimTask(h.db, market, { taskId: t!.id, version: t!.version }, monday).then((c) => ({ id: t!.id, version: c.version }));
      }),
    );
    await Promise.all(tasks.map((t) => decideTask(h.db, market, { taskId: t.id, version: t.version, outcome: "approved" } as never, monday)));
    const regs = await h.db.select({ code: businessRegistrations.creditCode }).from(businessRegistrations);
    const codes = regs.filter((r) => r.code).map((r) => r.code!);
    const ours = (
      await Promise.all(
        ids.map((id) => h.db.select({ code: businessRegistrations.creditCode }).from(businessRegistrations).where(eq(businessRegistrations.applicationId, id))),
      )
    ).map((r) => r[0]?.code);
    expect(ours.every((c) => c && validateCreditCode(c).valid)).toBe(true);
    expect(new Set(ours).size).toBe(100);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("a name whose application ended", () => {
  it("goes back to its founder, who may use it in a new application", async () => {
    const { actor, founder, name } = await founderWithName();
    const first = await submitStartBusiness(h.db, actor, startInput(founder, name.id), monday);
    expect((await listMyReservations(h.db, actor, monday)).map((r) => r.id)).not.toContain(name.id);
    const [row] = await h.db.select().from(applications).where(eq(applications.id, first.id));
    await withdrawApplication(h.db, actor, { applicationId: first.id, version: row!.version }, monday);
    expect((await listMyReservations(h.db, actor, monday)).map((r) => r.id)).toContain(name.id);
    const second = await submitStartBusiness(h.db, actor, startInput(founder, name.id), monday);
    expect(second.id).not.toBe(first.id);
    const [linked] = await h.db.select().from(enterpriseNames).where(eq(enterpriseNames.id, name.id));
    expect(linked?.applicationId).toBe(second.id);
  });
});
