import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { applications } from "@/modules/applications/schema";
import type { Actor } from "@/modules/identity/model";
import { citizens, entities } from "@/modules/identity/schema";
import { maskIdNumber } from "@/modules/identity/id-number";
import { decideTask } from "@/modules/review/decide-task";
import { getTask } from "@/modules/review/get-task";
import { reviewTasks } from "@/modules/review/schema";
import { dataAccessLog } from "@/modules/sharing/schema";
import { freshIdNumber, newCitizen, reviewer, withDemo } from "@/root/testing/fixtures";
import { ZReserveNameInput, ZStartBusinessInput } from "./inputs";
import { reserveName } from "./names";
import { businessRegistrations } from "./schema";
import { submitStartBusiness } from "./submit-start-business";

// Issue 11 item 5: reviewers see what they decide. Market regulation sees the shareholders, their
// contributions and the legal representative's ID number; after the licence exists, the
// departments after it see the new credit code and the licence, read through the gate once.

const { h, clerk } = await withDemo({ clerk: "clerk" });
const monday = new Date("2026-03-02T01:00:00Z");
const tuesday = new Date("2026-03-03T02:00:00Z");

const pool = "瀚澜琪璟瑞翎骁昱晟煜玥珩琨烨瑾熠";
let counter = Math.floor(Math.random() * 4000);
function freshTrade(): string {
  const n = counter++;
  const at = (k: number) => pool[k % pool.length] ?? "瀚";
  return `${at(n)}${at(Math.floor(n / pool.length))}${at(Math.floor(n / pool.length ** 2))}${at(process.pid + Math.floor(n / pool.length ** 3))}`;
}

async function startBusinessCase(dueOn = { founder: "2030-12-31", partner: "2028-06-30" }) {
  const founder = await newCitizen(h.db);
  const [me] = await h.db.select({ idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.userId, founder.userId));
  const partnerId = freshIdNumber();
  const name = await reserveName(
    h.db,
    founder,
    ZReserveNameInput.parse({
      divisionCode: "130100",
      tradeName: freshTrade(),
      industry: "商贸",
      entityType: "limitedLiabilityCompany",
      form: "有限公司",
      acceptWarnings: true,
    }),
    monday,
  );
  const submitted = await submitStartBusiness(
    h.db,
    founder,
    ZStartBusinessInput.parse({
      idempotencyKey: randomUUID(),
      nameId: name.id,
      entityType: "limitedLiabilityCompany",
      registeredCapital: "100",
      divisionCode: "130102",
      streetAddress: "中山东路 1 号",
      scopeCodes: ["F5211"],
      legalRepresentative: { name: founder.displayName, idNumber: me!.idNumber },
      shareholders: [
        { name: founder.displayName, idNumber: me!.idNumber, contribution: "60", contributionForm: "currency", contributionDueOn: dueOn.founder },
        { name: "褚合伙", idNumber: partnerId, contribution: "40", contributionForm: "intellectualProperty", contributionDueOn: dueOn.partner },
      ],
      sealTypes: "companyFinance",
      invoiceTypes: "generalVat",
      employeeCount: 3,
      housingFundRate: "8",
      bankAccount: "",
      addressCommitment: true,
      standardArticles: true,
      consent: true,
    }),
    monday,
  );
  const [app] = await h.db.select().from(applications).where(eq(applications.id, submitted.id));
  if (!app) throw new Error("submitted");
  await acceptApplication(h.db, clerk, { applicationId: submitted.id, version: app!.version }, monday);
  return { applicationId: submitted.id, founderId: me!.idNumber, partnerId, fullName: name.fullName };
}

async function taskOf(applicationId: string, actor: Actor) {
  const [task] = await h.db
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.applicationId, applicationId), eq(reviewTasks.departmentId, actor.departmentId ?? "")));
  if (!task) throw new Error("no task for the department");
  return task;
}

const readsBy = (actor: Actor, applicationId: string) =>
  h.db
    .select()
    .from(dataAccessLog)
    .where(and(eq(dataAccessLog.readerUserId, actor.userId), eq(dataAccessLog.applicationId, applicationId)));

describe("the reviewer's task view", () => {
  it("shows market regulation the form's groups with the shareholders, their contributions and full ID numbers; a downstream department sees the same answers, its own first, ID numbers masked, and the licence with the new credit code, read once however often it opens the page", async () => {
    const { applicationId, founderId, partnerId, fullName } = await startBusinessCase();
    const market = await reviewer(h.db, "market");
    const tax = await reviewer(h.db, "tax");

    // Market regulation registers the company: everything of the form is its step's.
    const marketTask = await taskOf(applicationId, market);
    const forMarket = await getTask(h.db, market, marketTask.id, monday);
    expect(forMarket.answers.map((g) => g.key)).toEqual(["company", "legalRepresentative", "shareholders", "commitments", "departments"]);
    const shareholders = forMarket.answers.find((g) => g.key === "shareholders");
    expect(shareholders?.forStep).toBe(true);
    expect(shareholders?.table?.columns.map((c) => c.label.zh)).toEqual(["姓名", "居民身份证号码", "认缴出资额", "出资比例", "出资方式", "认缴出资期限"]);
    expect(shareholders?.table?.rows).toEqual([
      {
        name: expect.objectContaining({ zh: expect.any(String) }),
        idNumber: { zh: founderId, en: founderId },
        contribution: { zh: "60 万元", en: "60 × 10,000 yuan" },
        share: { zh: "60%", en: "60%" },
        contributionForm: { zh: "货币", en: "Money" },
        contributionDueOn: { zh: "2030年12月31日", en: "December 31, 2030" },
      },
      {
        name: { zh: "褚合伙", en: "褚合伙" },
        idNumber: { zh: partnerId, en: partnerId },
        contribution: { zh: "40 万元", en: "40 × 10,000 yuan" },
        share: { zh: "40%", en: "40%" },
        contributionForm: { zh: "知识产权", en: "Intellectual property" },
        contributionDueOn: { zh: "2028年6月30日", en: "June 30, 2028" },
      },
    ]);
    const company = forMarket.answers.find((g) => g.key === "company");
    expect(company?.rows.map((r) => [r.key, r.value?.zh, r.forStep])).toEqual([
      ["enterpriseName", fullName, true],
      ["entityType", "有限责任公司", true],
      ["registeredCapital", "100 万元", true],
      ["businessAddress", expect.stringContaining("中山东路 1 号"), true],
      ["businessScope", "日用百货销售", true],
    ]);
    expect(forMarket.answers.find((g) => g.key === "legalRepresentative")?.rows.find((r) => r.key === "legalRepresentativeIdNumber")?.value?.zh).toBe(
      founderId,
    );
    expect(forMarket.answers.find((g) => g.key === "commitments")?.rows.map((r) => r.value?.zh)).toEqual([
      "已承诺住所真实、合法、可用于经营",
      "采用标准化公司章程",
      "已同意使用公安机关已有的本人居民身份证信息",
    ]);
    // Nothing produced yet that its step builds on; nothing read for it.
    expect(forMarket.produced).toEqual({ certificates: [], waiting: [] });

    // Tax, before the licence exists: told so, as information; nothing asked of the gate.
    const taxTask = await taskOf(applicationId, tax);
    const early = await getTask(h.db, tax, taxTask.id, monday);
    expect(early.produced.certificates).toEqual([]);
    expect(early.produced.waiting).toEqual([
      expect.objectContaining({
        typeCode: "businessLicence",
        typeNameZh: "营业执照",
        departmentNameZh: expect.stringContaining("市场监督管理局"),
        reason: "notYetIssued",
      }),
    ]);
    expect(await readsBy(tax, applicationId)).toEqual([]);

    // Market regulation approves: the enterprise is registered and its licence issued.
    await decideTask(h.db, market, { taskId: marketTask.id, version: marketTask.version, outcome: "approved", reason: "符合登记条件" }, tuesday);
    const [app] = await h.db.select().from(applications).where(eq(applications.id, applicationId));
    const [entity] = await h.db.select().from(entities).where(eq(entities.id, app!.registeredEntityId!));
    expect(entity?.creditCode).toMatch(/^91130102MA/);

    const forTax = await getTask(h.db, tax, taxTask.id, tuesday);
    await getTask(h.db, tax, taxTask.id, tuesday);
    // Tax's own answers first (the address, the invoices), then the rest of the form.
    expect(forTax.answers.map((g) => [g.key, g.forStep])).toEqual([
      ["company", true],
      ["departments", true],
      ["legalRepresentative", false],
      ["shareholders", false],
      ["commitments", false],
    ]);
    const departments = forTax.answers.find((g) => g.key === "departments");
    expect(departments?.rows.filter((r) => r.forStep).map((r) => [r.key, r.value?.zh ?? null])).toEqual([
      ["invoiceTypes", "增值税普通发票"],
      ["bankAccount", null],
    ]);
    expect(departments?.rows.find((r) => r.key === "housingFundRate")).toMatchObject({ value: { zh: "8%", en: "8%" }, forStep: false });
    // Another department does not need the ID numbers in full.
    expect(forTax.answers.find((g) => g.key === "shareholders")?.table?.rows.map((r) => r.idNumber?.zh)).toEqual([
      maskIdNumber(founderId),
      maskIdNumber(partnerId),
    ]);
    expect(forTax.answers.find((g) => g.key === "legalRepresentative")?.rows.find((r) => r.key === "legalRepresentativeIdNumber")?.value?.zh).toBe(
      maskIdNumber(founderId),
    );

    // The licence, with the new credit code, in its declared and shared fields only.
    expect(forTax.produced.waiting).toEqual([]);
    expect(forTax.produced.certificates).toHaveLength(1);
    const licence = forTax.produced.certificates[0]!;
    expect(licence).toMatchObject({ typeCode: "businessLicence", holderCode: entity!.creditCode, holderName: fullName, status: "valid" });
    expect(licence.fields.map((f) => f.key)).toEqual([
      "name",
      "creditCode",
      "entityType",
      "legalRepresentative",
      "registeredCapital",
      "establishedOn",
      "businessAddress",
      "businessScope",
    ]);
    expect(licence.fields.find((f) => f.key === "creditCode")?.valueZh).toBe(entity!.creditCode);
    expect(licence.fields.find((f) => f.key === "entityType")).toMatchObject({ valueZh: "有限责任公司", valueEn: "Limited liability company" });

    // Opened twice: one read in the holder's data log, allowed, for the review of this application.
    const reads = await readsBy(tax, applicationId);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      holderCode: entity!.creditCode,
      certificateTypeCode: "businessLicence",
      outcome: "allowed",
      purpose: "review",
      recordCount: 1,
    });
    // Market regulation reopening its decided task reads its own licence once, and no other department's certificate.
    await getTask(h.db, market, marketTask.id, tuesday);
    const afterMarket = await getTask(h.db, market, marketTask.id, tuesday);
    expect(afterMarket.produced.certificates.map((c) => c.typeCode)).toEqual(["businessLicence"]);
    const marketReads = await readsBy(market, applicationId);
    expect(marketReads.filter((r) => r.holderCode === entity!.creditCode)).toHaveLength(1);
    expect(marketReads.every((r) => r.outcome === "allowed")).toBe(true);
  });

  it("refuses a contribution due before today or more than five years on (Company Law art. 47) on the shareholder's field, writing nothing", async () => {
    const before = await h.db.select().from(businessRegistrations);
    // Submitted on 2 March 2026: 2 March 2031 is the last day allowed.
    await expect(startBusinessCase({ founder: "2031-03-03", partner: "2028-06-30" })).rejects.toMatchObject({
      code: "invalidInput",
      field: "shareholders.0.contributionDueOn",
      message: expect.stringContaining("2031-03-02"),
    });
    await expect(startBusinessCase({ founder: "2030-12-31", partner: "2026-03-01" })).rejects.toMatchObject({
      code: "invalidInput",
      field: "shareholders.1.contributionDueOn",
    });
    expect(await h.db.select().from(businessRegistrations)).toHaveLength(before.length);
    // Not a day at all: the input schema refuses it on the field.
    await expect(startBusinessCase({ founder: "2030-02-30", partner: "2028-06-30" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["shareholders", 0, "contributionDueOn"], message: expect.stringContaining("contributionDueOn") })],
    });
  });
});
