import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { actForEntity } from "@/modules/identity/acting";
import { entityStanding } from "@/modules/identity/entity-lifecycle";
import type { Actor } from "@/modules/identity/model";
import { citizens, entities } from "@/modules/identity/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { readCertificates, verifyCertificate, type HeldCertificate } from "@/modules/sharing/gate";
import { newCitizen, reviewer, withDemo } from "@/root/testing/fixtures";
import { companyChangeOptions, submitCompanyChange } from "./company-change";
import { submitDeregistration } from "./deregister-company";
import { ZCompanyChangeInput, ZDeregistrationInput, ZReserveNameInput, ZStartBusinessInput } from "./inputs";
import { reserveName } from "./names";
import { enterpriseNames, lifecycleRegistrations } from "./schema";
import { submitStartBusiness } from "./submit-start-business";

const { h, clerk } = await withDemo({ clerk: "clerk" });

const monday = new Date("2026-03-02T01:00:00Z");
const tuesday = new Date("2026-03-03T01:00:00Z");
const today = "2026-03-02";

// Trade names of characters no seeded name uses, unique per call (another pool than registration's tests).
const pool = "铂钧澈霁璞琛瑄珏琬璇瑛琰瑜璨";
let tradeCounter = Math.floor(Math.random() * 2000);
function freshTrade(): string {
  const n = tradeCounter++;
  const a = pool[n % pool.length]!;
  const b = pool[Math.floor(n / pool.length) % pool.length]!;
  const c = pool[Math.floor(n / pool.length ** 2) % pool.length]!;
  return `${a}${b}${c}${pool[(process.pid + Math.floor(n / pool.length ** 3)) % pool.length]}`;
}

async function decideAll(applicationId: string, dept: string, at = tuesday) {
  const actor = await reviewer(h.db, dept);
  const tasks = await h.db
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.applicationId, applicationId), eq(reviewTasks.departmentId, actor.departmentId ?? ""), eq(reviewTasks.status, "open")));
  for (const task of tasks) {
    const claimed = await claimTask(h.db, actor, { taskId: task.id, version: task.version }, at);
    await decideTask(h.db, actor, { taskId: task.id, version: claimed.version, outcome: "approved" } as never, at);
  }
  return tasks.length;
}

async function accept(id: string, at = monday) {
  const [app] = await h.db.select().from(applications).where(eq(applications.id, id));
  if (app?.status === "submitted") await acceptApplication(h.db, clerk, { applicationId: id, version: app.version }, at);
}

async function appRow(id: string) {
  const [row] = await h.db.select().from(applications).where(eq(applications.id, id));
  return row!;
}

/** A company started through the start-a-business bundle: licence, seal, tax, social insurance and housing fund records. */
async function startedCompany() {
  const founder = await newCitizen(h.db);
  const [person] = await h.db.select({ idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.userId, founder.userId));
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
      legalRepresentative: { name: founder.displayName, idNumber: person!.idNumber },
      shareholders: [
        { name: founder.displayName, idNumber: person!.idNumber, contribution: "100", contributionForm: "currency", contributionDueOn: "2030-12-31" },
      ],
      sealTypes: "company",
      invoiceTypes: "generalVat",
      employeeCount: 3,
      housingFundRate: "5",
      bankAccount: "",
      addressCommitment: true,
      standardArticles: true,
      consent: true,
    }),
    monday,
  );
  await accept(submitted.id);
  for (const dept of ["market", "publicSecurity", "tax", "humanResources", "housingFund"]) await decideAll(submitted.id, dept, monday);
  const app = await appRow(submitted.id);
  expect(app.status).toBe("completed");
  const [entity] = await h.db.select().from(entities).where(eq(entities.id, app.registeredEntityId!));
  const enterprise = (await actForEntity(h.db, founder, entity!.id, today))!;
  return { founder, enterprise, entity: entity!, name };
}

async function held(enterprise: Actor, creditCode: string): Promise<HeldCertificate[]> {
  return (await readCertificates(h.db, enterprise, { holderCode: creditCode, all: true, purpose: { kind: "own", use: "ownRecord" }, today: "2026-03-03" }))
    .certificates;
}

const changeInput = (over: Record<string, unknown>) =>
  ZCompanyChangeInput.parse({
    idempotencyKey: randomUUID(),
    businessAddress: "河北省石家庄市长安区中山东路 1 号",
    registeredCapital: "100",
    consent: true,
    ...over,
  });

describe("company change (变更登记“一件事”)", () => {
  it("re-issues the licence with the new name and address, supersedes the old one, and the departments whose records carry them re-issue theirs", async () => {
    const { enterprise, entity, name } = await startedCompany();
    const before = await held(enterprise, entity.creditCode);
    const oldLicence = before.find((c) => c.typeCode === "businessLicence")!;
    expect(oldLicence.fields.businessAddress).toBe("河北省石家庄市长安区中山东路 1 号");
    // The form starts from the licence's particulars, read through the gate as its holder.
    expect(await companyChangeOptions(h.db, enterprise, monday)).toMatchObject({
      available: true,
      licenceNumber: oldLicence.number,
      current: { name: name.fullName, businessAddress: "河北省石家庄市长安区中山东路 1 号", registeredCapital: "100" },
      open: null,
    });

    const trade = freshTrade();
    const submitted = await submitCompanyChange(
      h.db,
      enterprise,
      changeInput({
        changeName: true,
        newName: { divisionCode: "130100", tradeName: trade, industry: "商贸", form: "有限公司" },
        businessAddress: "河北省石家庄市长安区建设北大街 9 号",
      }),
      monday,
    );
    const app = await appRow(submitted.id);
    // A new name and address: every record carrying either is in the bundle (the catalog's certificate fields decide).
    expect(app.plan.map((s) => s.key).sort()).toEqual(["housingFundChange", "licenceChange", "sealChange", "socialInsuranceChange", "taxChange"]);
    expect(app.plan.find((s) => s.key === "taxChange")?.needs).toEqual(["licenceChange"]);
    expect(app.formData).toMatchObject({ enterpriseName: `石家庄${trade}商贸有限公司`, businessAddress: "河北省石家庄市长安区建设北大街 9 号" });
    const [reserved] = await h.db.select().from(enterpriseNames).where(eq(enterpriseNames.applicationId, submitted.id));
    expect(reserved).toMatchObject({ status: "reserved", fullName: `石家庄${trade}商贸有限公司` });

    await accept(submitted.id);
    expect(await decideAll(submitted.id, "tax")).toBe(0); // waiting for the licence
    expect(await decideAll(submitted.id, "market")).toBe(1);

    // The licence: a new number with the new particulars, the date of establishment kept; the old one superseded.
    const mid = await held(enterprise, entity.creditCode);
    const licences = mid.filter((c) => c.typeCode === "businessLicence");
    const newLicence = licences.find((c) => c.status === "valid")!;
    expect(newLicence.number).not.toBe(oldLicence.number);
    expect(newLicence.fields).toMatchObject({
      name: `石家庄${trade}商贸有限公司`,
      businessAddress: "河北省石家庄市长安区建设北大街 9 号",
      creditCode: entity.creditCode,
      establishedOn: oldLicence.fields.establishedOn,
      registeredCapital: "100",
      legalRepresentative: oldLicence.fields.legalRepresentative,
    });
    expect(licences.find((c) => c.number === oldLicence.number)).toMatchObject({ status: "revoked", supersededByNumber: newLicence.number });
    expect(await verifyCertificate(h.db, oldLicence.number, null, tuesday)).toMatchObject({ status: "revoked", supersededByNumber: newLicence.number });
    expect(await verifyCertificate(h.db, newLicence.number, null, tuesday)).toMatchObject({ status: "valid", signature: { valid: true } });
    // The enterprise's record and its names follow.
    const [renamed] = await h.db.select().from(entities).where(eq(entities.id, entity.id));
    expect(renamed?.name).toBe(`石家庄${trade}商贸有限公司`);
    const names = await h.db.select().from(enterpriseNames).where(eq(enterpriseNames.entityId, entity.id));
    expect(Object.fromEntries(names.map((n) => [n.fullName, n.status]))).toEqual({ [name.fullName]: "released", [`石家庄${trade}商贸有限公司`]: "registered" });

    // The four departments, at the same time, each re-issue their record under the new name.
    for (const dept of ["publicSecurity", "tax", "humanResources", "housingFund"]) expect(await decideAll(submitted.id, dept)).toBe(1);
    expect((await appRow(submitted.id)).status).toBe("completed");
    const after = await held(enterprise, entity.creditCode);
    for (const type of ["sealRecord", "taxRegistration", "socialInsuranceRegistration", "housingFundAccount"]) {
      const ofType = after.filter((c) => c.typeCode === type);
      const valid = ofType.filter((c) => c.status === "valid");
      expect(valid, type).toHaveLength(1);
      expect(valid[0]!.holderName).toBe(`石家庄${trade}商贸有限公司`);
      expect(ofType.filter((c) => c.status === "revoked").map((c) => c.supersededByNumber)).toEqual([valid[0]!.number]);
    }
    const tax = after.find((c) => c.typeCode === "taxRegistration" && c.status === "valid")!;
    expect(tax.fields).toMatchObject({
      holderName: `石家庄${trade}商贸有限公司`,
      businessAddress: "河北省石家庄市长安区建设北大街 9 号",
      invoiceTypes: "generalVat",
    });
    // One valid licence, as before.
    expect(after.filter((c) => c.typeCode === "businessLicence" && c.status === "valid")).toHaveLength(1);
  });

  it("keeps only the records that carry what changed: an address reaches tax and social insurance, capital only the licence", async () => {
    const { enterprise } = await startedCompany();
    const address = await submitCompanyChange(h.db, enterprise, changeInput({ businessAddress: "河北省石家庄市长安区光华路 3 号" }), monday);
    expect((await appRow(address.id)).plan.map((s) => s.key).sort()).toEqual(["licenceChange", "socialInsuranceChange", "taxChange"]);

    const other = await startedCompany();
    const capital = await submitCompanyChange(h.db, other.enterprise, changeInput({ registeredCapital: "300" }), monday);
    expect((await appRow(capital.id)).plan.map((s) => s.key)).toEqual(["licenceChange"]);
    await accept(capital.id);
    await decideAll(capital.id, "market");
    expect((await appRow(capital.id)).status).toBe("completed");
    const licence = (await held(other.enterprise, other.entity.creditCode)).find((c) => c.typeCode === "businessLicence" && c.status === "valid");
    expect(licence?.fields.registeredCapital).toBe("300");
  });

  it("a new legal representative is on the new licence and acts for the enterprise by right; the former one no longer does", async () => {
    const { founder, enterprise, entity } = await startedCompany();
    const successor = await newCitizen(h.db, "邵接任");
    const [person] = await h.db.select({ idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.userId, successor.userId));
    const submitted = await submitCompanyChange(
      h.db,
      enterprise,
      changeInput({ changeLegalRepresentative: true, legalRepresentative: { name: "邵接任", idNumber: person!.idNumber } }),
      monday,
    );
    await accept(submitted.id);
    await decideAll(submitted.id, "market");
    const [changed] = await h.db.select().from(entities).where(eq(entities.id, entity.id));
    expect(changed).toMatchObject({ legalRepresentative: "邵接任", legalRepresentativeIdNumber: person!.idNumber });
    expect(await actForEntity(h.db, successor, entity.id, today)).toMatchObject({ agency: { kind: "legalRepresentative" } });
    expect(await actForEntity(h.db, founder, entity.id, today)).toBeNull();
  });

  it("refuses a change that changes nothing, a name already registered, and a second open change, writing nothing", async () => {
    const { enterprise, entity } = await startedCompany();
    const count = async () => (await h.db.select().from(lifecycleRegistrations).where(eq(lifecycleRegistrations.entityId, entity.id))).length;
    await expect(submitCompanyChange(h.db, enterprise, changeInput({}), monday)).rejects.toMatchObject({ code: "invalidInput", field: "changes" });
    // 石家庄云帆商贸有限公司 is registered in the demo province.
    await expect(
      submitCompanyChange(
        h.db,
        enterprise,
        changeInput({ changeName: true, newName: { divisionCode: "130100", tradeName: "云帆", industry: "商贸", form: "有限公司" } }),
        monday,
      ),
    ).rejects.toMatchObject({ code: "conflict", field: "newName.tradeName" });
    expect(await count()).toBe(0);

    // A name another enterprise's open change has reserved is taken too.
    const trade = freshTrade();
    const rival = await startedCompany();
    await submitCompanyChange(
      h.db,
      rival.enterprise,
      changeInput({ changeName: true, newName: { divisionCode: "130100", tradeName: trade, industry: "商贸", form: "有限公司" } }),
      monday,
    );
    await expect(
      submitCompanyChange(
        h.db,
        enterprise,
        changeInput({ changeName: true, newName: { divisionCode: "130100", tradeName: trade, industry: "商贸", form: "有限公司" } }),
        monday,
      ),
    ).rejects.toMatchObject({ code: "conflict", field: "newName.tradeName" });

    const first = await submitCompanyChange(h.db, enterprise, changeInput({ registeredCapital: "150" }), monday);
    const apps = async () => (await h.db.select().from(applications).where(eq(applications.entityId, entity.id))).length;
    const before = await apps();
    await expect(submitCompanyChange(h.db, enterprise, changeInput({ registeredCapital: "200" }), monday)).rejects.toMatchObject({
      code: "conflict",
      field: "subject",
    });
    await expect(
      submitDeregistration(
        h.db,
        enterprise,
        ZDeregistrationInput.parse({
          idempotencyKey: randomUUID(),
          creditCode: entity.creditCode,
          reason: "经营期满",
          liquidationCommitment: true,
          consent: true,
        }),
        monday,
      ),
    ).rejects.toMatchObject({ code: "conflict", field: "creditCode" });
    expect(await apps()).toBe(before);
    expect(await count()).toBe(1);
    expect((await appRow(first.id)).status).toBe("submitted");
  });
});

describe("deregistration (企业注销“一件事”)", () => {
  const input = (creditCode: string) =>
    ZDeregistrationInput.parse({ idempotencyKey: randomUUID(), creditCode, reason: "股东会决议解散", liquidationCommitment: true, consent: true });

  it("refuses anyone not acting for the enterprise, with a field error and nothing written", async () => {
    const { entity } = await startedCompany();
    const other = await startedCompany();
    const stranger = await newCitizen(h.db);
    await expect(submitDeregistration(h.db, stranger, input(entity.creditCode), monday)).rejects.toMatchObject({ code: "forbidden", field: "creditCode" });
    await expect(submitDeregistration(h.db, other.enterprise, input(entity.creditCode), monday)).rejects.toMatchObject({
      code: "forbidden",
      field: "creditCode",
    });
    await expect(submitDeregistration(h.db, clerk, input(entity.creditCode), monday)).rejects.toMatchObject({ code: "forbidden", field: "creditCode" });
    expect(await h.db.select().from(lifecycleRegistrations).where(eq(lifecycleRegistrations.entityId, entity.id))).toEqual([]);
  });

  it("clears tax, social insurance and the housing fund in parallel, then market regulation deregisters: every certificate revoked, the enterprise closed", async () => {
    const { enterprise, entity, name } = await startedCompany();
    const before = await held(enterprise, entity.creditCode);
    expect(before.filter((c) => c.status === "valid")).toHaveLength(5);
    const submitted = await submitDeregistration(h.db, enterprise, input(entity.creditCode), monday);
    await accept(submitted.id);
    expect(await decideAll(submitted.id, "market")).toBe(0); // waits for the three
    const open = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, submitted.id));
    expect(
      open
        .filter((t) => t.status === "open")
        .map((t) => t.stepKey)
        .sort(),
    ).toEqual(["housingFundDeregistration", "socialInsuranceDeregistration", "taxClearance"]);
    for (const dept of ["tax", "humanResources", "housingFund"]) expect(await decideAll(submitted.id, dept)).toBe(1);
    expect(await decideAll(submitted.id, "market")).toBe(1);
    expect((await appRow(submitted.id)).status).toBe("completed");

    const after = await held(enterprise, entity.creditCode);
    expect(after.map((c) => c.status)).toEqual(after.map(() => "revoked"));
    expect(after).toHaveLength(5);
    const licence = before.find((c) => c.typeCode === "businessLicence")!;
    expect(await verifyCertificate(h.db, licence.number, null, tuesday)).toMatchObject({
      status: "revoked",
      revocationReason: expect.stringContaining("注销"),
    });
    expect(await entityStanding(h.db, entity.creditCode)).toMatchObject({ deregisteredAt: tuesday });
    const [named] = await h.db.select().from(enterpriseNames).where(eq(enterpriseNames.id, name.id));
    expect(named?.status).toBe("released");

    // It can no longer apply for anything.
    const restaurant = ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code: "companyChange" },
      idempotencyKey: randomUUID(),
      formData: {},
      materials: {},
      consent: true,
    });
    await expect(submitApplication(h.db, enterprise, restaurant, tuesday)).rejects.toMatchObject({ field: "subject" });
    await expect(submitCompanyChange(h.db, enterprise, changeInput({ registeredCapital: "500" }), tuesday)).rejects.toMatchObject({ code: "forbidden" });
    await expect(submitDeregistration(h.db, enterprise, input(entity.creditCode), tuesday)).rejects.toMatchObject({ code: "forbidden", field: "creditCode" });
    expect(await companyChangeOptions(h.db, enterprise, tuesday)).toEqual({ available: false, reason: "deregistered" });
  });
});
