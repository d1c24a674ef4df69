import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applicationMaterials, applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { ZSaveMaterialInput, type SaveMaterialInput } from "@/modules/catalog/inputs";
import { loadApplicationPlan } from "@/modules/catalog/load-application-plan";
import { saveMaterial } from "@/modules/catalog/save-material";
import { bundleSteps, bundles, materials, services } from "@/modules/catalog/schema";
import { recordByDepartment, recordCredit } from "@/modules/credit/record-credit";
import { creditRecords } from "@/modules/credit/schema";
import type { Actor } from "@/modules/identity/model";
import { entities } from "@/modules/identity/schema";
import { outbox } from "@/modules/notifications/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { certificates } from "@/modules/sharing/registry-schema";
import { ZReserveNameInput, ZStartBusinessInput } from "@/modules/registration/inputs";
import { reserveName } from "@/modules/registration/names";
import { submitStartBusiness } from "@/modules/registration/submit-start-business";
import { citizens } from "@/modules/identity/schema";
import { actorByLogin, createTestBundle, newCitizen, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { commitmentExclusionReason } from "./exclusion";
import { applicationVerifications, departmentVerifications } from "./list-verifications";
import { recordVerification } from "./record-verification";
import { commitmentVerifications } from "./schema";
import { commitmentStream } from "./transition";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const office = await actorByLogin(h.db, "dataoffice");
const housing = await reviewer(h.db, "housing");
const market = await reviewer(h.db, "market");

// Tuesday 29 September 2026, 09:00 in China: the National Day holiday lies within the next ten working days.
const day0 = new Date("2026-09-29T01:00:00Z");

const notice = {
  committable: true,
  commitmentNoticeZh: "本单位承诺场所照片所示场所真实存在；承诺不实的，依法撤销许可并记入失信记录。",
  commitmentNoticeEn: "We declare the premises exist as shown; if false, the permit is revoked and a record written.",
  commitmentDepartment: "housing",
  commitmentDays: "10",
  commitmentMethod: "onSite",
} as const;

/** A one-step bundle (housing issues an outdoor signboard permit) whose `sitePhoto` a commitment may replace, set through the catalog editor. */
async function committableBundle(): Promise<{ code: string; serviceCode: string }> {
  const { code } = await createTestBundle(h.db, [{ key: "sign", department: "housing", issues: "outdoorSignboardPermit" }]);
  const [row] = await h.db
    .select({ serviceCode: services.code })
    .from(bundles)
    .innerJoin(bundleSteps, eq(bundleSteps.bundleId, bundles.id))
    .innerJoin(services, eq(services.id, bundleSteps.serviceId))
    .where(eq(bundles.code, code));
  const serviceCode = row!.serviceCode;
  const input: SaveMaterialInput = {
    serviceCode,
    key: "sitePhoto",
    nameZh: "场所照片",
    nameEn: "Photo of the premises",
    legalBasis: "《测试条例》第三条",
    source: "upload",
    required: true,
    sortOrder: "2",
    ...notice,
  };
  await saveMaterial(h.db, office, ZSaveMaterialInput.parse(input), "update", day0);
  return { code, serviceCode };
}

const commitInput = (code: string, key = randomUUID()) =>
  ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code },
    idempotencyKey: key,
    formData: { projectName: "示例招牌" },
    materials: { sitePhoto: { kind: "commitment", accepted: true } },
    consent: true,
  });

async function creditCodeOf(actor: Actor): Promise<string> {
  const [e] = await h.db.select({ code: entities.creditCode }).from(entities).where(eq(entities.id, actor.entityId!));
  return e!.code;
}

async function approve(applicationId: string): Promise<void> {
  const [app] = await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, applicationId));
  await acceptApplication(h.db, clerk, { applicationId, version: app!.v }, day0);
  const [task] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, applicationId));
  const claimed = await claimTask(h.db, housing, { taskId: task!.id, version: task!.version }, day0);
  await decideTask(h.db, housing, { taskId: task!.id, version: claimed.version, outcome: "approved" } as never, day0);
}

/** The field errors of a refused submission, by path. */
async function fieldErrors(p: Promise<unknown>): Promise<Record<string, string>> {
  const error = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as { name?: string; issues?: Array<{ path: PropertyKey[]; message: string }> } | null;
  expect(error?.name).toBe("ZodError");
  return Object.fromEntries((error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

async function nothingWritten(applicant: Actor, key: string): Promise<void> {
  const rows = await h.db
    .select({ id: applications.id })
    .from(applications)
    .where(and(eq(applications.principalId, applicant.entityId!), eq(applications.idempotencyKey, key)));
  expect(rows).toEqual([]);
}

describe("commitment instead of proof (告知承诺)", () => {
  it("the catalog keeps a material's notice and verification rule, the plan carries it, and a form field or a missing rule is refused", async () => {
    const { code, serviceCode } = await committableBundle();
    const [row] = await h.db
      .select({ commitment: materials.commitment })
      .from(materials)
      .innerJoin(services, eq(services.id, materials.serviceId))
      .where(and(eq(services.code, serviceCode), eq(materials.key, "sitePhoto")));
    expect(row!.commitment).toEqual({
      noticeZh: notice.commitmentNoticeZh,
      noticeEn: notice.commitmentNoticeEn,
      departmentCode: "housing",
      workingDays: 10,
      method: "onSite",
    });
    const plan = await loadApplicationPlan(h.db, { kind: "bundle", code });
    expect(plan.materials.find((m) => m.key === "sitePhoto")?.commitment?.departmentCode).toBe("housing");
    expect(plan.materials.find((m) => m.key === "projectName")?.commitment).toBeNull();

    const base = {
      serviceCode,
      key: "projectName",
      nameZh: "项目名称",
      nameEn: "Project name",
      legalBasis: "《测试条例》第二条",
      required: true,
      sortOrder: "1",
    };
    const formField = ZSaveMaterialInput.safeParse({ ...base, source: "formField", fieldType: "text", ...notice });
    expect(formField.error?.issues.map((i) => i.path.join("."))).toContain("committable");
    const noRule = ZSaveMaterialInput.safeParse({ ...base, key: "sitePhoto", source: "upload", committable: true });
    expect(noRule.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(
      ["commitmentDays", "commitmentDepartment", "commitmentMethod", "commitmentNoticeEn", "commitmentNoticeZh"].sort(),
    );
    // An unknown verifying department is refused on its field, nothing saved.
    await expect(
      saveMaterial(
        h.db,
        office,
        ZSaveMaterialInput.parse({ ...base, key: "sitePhoto", source: "upload", ...notice, commitmentDepartment: "nowhere" }),
        "update",
        day0,
      ),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["commitmentDepartment"] })] });
  });

  it("refuses a commitment for a material the catalog does not allow one, on the field, writing nothing", async () => {
    const firm = await newEnterprise(h.db);
    const { code } = await createTestBundle(h.db, [{ key: "plain", department: "housing" }], { requiredUpload: true });
    const key = randomUUID();
    const errors = await fieldErrors(submitApplication(h.db, firm, commitInput(code, key), day0));
    expect(errors["materials.sitePhoto"]).toBe("applications.validation.commitmentNotAllowed");
    await nothingWritten(firm, key);
  });

  it("refuses an excluded applicant with the reason — dishonesty list, a broken commitment in 3 years, risk class D — writing nothing", async () => {
    const { code } = await committableBundle();
    const today = "2026-09-29";

    const listed = await newEnterprise(h.db);
    const listedCode = await creditCodeOf(listed);
    await recordByDepartment(
      h.db,
      market,
      {
        kind: "dishonestyList",
        subjectCode: listedCode,
        title: "列入严重违法失信名单",
        content: "提交虚假材料取得登记。",
        legalBasis: "《市场监督管理严重违法失信名单管理办法》第九条",
        decidedOn: "2026-06-01",
        validUntil: "2029-05-31",
      },
      day0,
    );
    expect(await commitmentExclusionReason(h.db, listedCode, today)).toBe("dishonestyList");

    const broke = await newEnterprise(h.db);
    const brokeCode = await creditCodeOf(broke);
    await recordCredit(
      h.db,
      {
        kind: "brokenCommitment",
        subjectCode: brokeCode,
        subjectName: "测试",
        departmentId: market.departmentId!,
        title: "违背告知承诺",
        content: "承诺不实。",
        legalBasis: "国办发〔2020〕42号",
        decidedOn: "2024-01-10",
      },
      day0,
    );
    expect(await commitmentExclusionReason(h.db, brokeCode, today)).toBe("brokenCommitment");
    // Three years on, the bar ends.
    expect(await commitmentExclusionReason(h.db, brokeCode, "2027-01-10")).toBeNull();

    const risky = await newEnterprise(h.db);
    const riskyCode = await creditCodeOf(risky);
    // The monthly job (risk module) writes these; the test puts one class D month in place.
    await h.db.execute(
      sql`insert into risk_assessments (subject_code, subject_name, month, risk_class, score, factors, computed_at) values (${riskyCode}, '测试', '2026-09', 'D', 90, '[]'::jsonb, now())`,
    );
    expect(await commitmentExclusionReason(h.db, riskyCode, today)).toBe("riskClassD");

    for (const [firm, reason] of [
      [listed, "dishonestyList"],
      [broke, "brokenCommitment"],
      [risky, "riskClassD"],
    ] as const) {
      const key = randomUUID();
      const errors = await fieldErrors(submitApplication(h.db, firm, commitInput(code, key), day0));
      expect(errors["materials.sitePhoto"]).toBe(`commitments.exclusion.${reason}`);
      await nothingWritten(firm, key);
    }
  });

  it("end to end: the commitment is kept with the application, approval opens a verification task, a failed verification revokes, records and notifies; the next commitment is refused", async () => {
    const firm = await newEnterprise(h.db);
    const firmCode = await creditCodeOf(firm);
    const { code } = await committableBundle();
    const submitted = await submitApplication(h.db, firm, commitInput(code), day0);
    const [supply] = await h.db.select().from(applicationMaterials).where(eq(applicationMaterials.applicationId, submitted.id));
    expect(supply).toMatchObject({ materialKey: "sitePhoto", uploadId: null, certificateId: null });
    expect(supply!.committedAt).not.toBeNull();
    expect(await h.db.select().from(commitmentVerifications).where(eq(commitmentVerifications.applicationId, submitted.id))).toEqual([]);

    await approve(submitted.id);
    const [task] = await h.db.select().from(commitmentVerifications).where(eq(commitmentVerifications.applicationId, submitted.id));
    // Approved Tuesday 29 September: 10 working days on the official calendar, the National Day holiday skipped.
    expect(task).toMatchObject({
      materialKey: "sitePhoto",
      subjectCode: firmCode,
      departmentId: housing.departmentId,
      status: "open",
      method: "onSite",
      dueOn: "2026-10-19",
    });
    const [cert] = await h.db.select().from(certificates).where(eq(certificates.sourceApplicationId, submitted.id));
    expect(cert?.status).toBe("valid");

    // The department sees it; another department neither sees nor records it; the applicant sees it on the case.
    expect((await departmentVerifications(h.db, housing, day0)).map((v) => v.id)).toContain(task!.id);
    expect((await departmentVerifications(h.db, market, day0)).map((v) => v.id)).not.toContain(task!.id);
    await expect(
      recordVerification(h.db, market, { verificationId: task!.id, version: task!.version, outcome: "fail", finding: "现场无此场所。" }, day0),
    ).rejects.toMatchObject({ code: "notFound" });
    expect((await applicationVerifications(h.db, firm, submitted.id, day0)).map((v) => v.status)).toEqual(["open"]);
    // Overdue is derived: an open task after its due day.
    expect((await departmentVerifications(h.db, housing, new Date("2026-10-20T02:00:00Z"))).find((v) => v.id === task!.id)?.overdue).toBe(true);

    const later = new Date("2026-10-12T02:00:00Z");
    const result = await recordVerification(
      h.db,
      housing,
      { verificationId: task!.id, version: task!.version, outcome: "fail", finding: "现场核查：招牌所在建筑物无此场所。" },
      later,
    );
    expect(result.status).toBe("failed");
    expect(result.revoked).toEqual([cert!.number]);
    const [revoked] = await h.db.select().from(certificates).where(eq(certificates.id, cert!.id));
    expect(revoked?.status).toBe("revoked");
    expect(revoked?.revocationReason).toContain("告知承诺核查不通过");
    const records = await h.db
      .select()
      .from(creditRecords)
      .where(and(eq(creditRecords.subjectCode, firmCode), eq(creditRecords.kind, "brokenCommitment")));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ departmentId: housing.departmentId, decidedOn: "2026-10-12", sourceApplicationId: submitted.id });
    const told = await h.db
      .select({ kind: outbox.kind, to: outbox.recipientUserIds })
      .from(outbox)
      .where(and(eq(outbox.applicationId, submitted.id), eq(outbox.kind, "commitmentBroken")));
    expect(told).toHaveLength(1);
    expect(told[0]!.to).toContain(firm.userId);
    const events = await h.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.streamId, commitmentStream(submitted.id)))
      .orderBy(asc(auditEvents.seq));
    expect(events.map((e) => e.action)).toEqual(["commitmentVerification.open", "commitmentVerification.fail"]);
    // Recording again is an illegal move or a conflict: nothing changes twice.
    await expect(
      recordVerification(h.db, housing, { verificationId: task!.id, version: task!.version + 1, outcome: "pass", finding: "再次记录。" }, later),
    ).rejects.toThrow();

    // A second application by the same applicant may not commit (broken commitment within 3 years).
    const key = randomUUID();
    const errors = await fieldErrors(submitApplication(h.db, firm, commitInput(code, key), later));
    expect(errors["materials.sitePhoto"]).toBe("commitments.exclusion.brokenCommitment");
    await nothingWritten(firm, key);
  });

  it("a passed verification closes the task and changes nothing else", async () => {
    const firm = await newEnterprise(h.db);
    const firmCode = await creditCodeOf(firm);
    const { code } = await committableBundle();
    const submitted = await submitApplication(h.db, firm, commitInput(code), day0);
    await approve(submitted.id);
    const [task] = await h.db.select().from(commitmentVerifications).where(eq(commitmentVerifications.applicationId, submitted.id));
    const result = await recordVerification(
      h.db,
      housing,
      { verificationId: task!.id, version: task!.version, outcome: "pass", finding: "现场核查属实。" },
      day0,
    );
    expect(result).toMatchObject({ status: "passed", revoked: [], creditRecordId: null });
    const [cert] = await h.db.select().from(certificates).where(eq(certificates.sourceApplicationId, submitted.id));
    expect(cert?.status).toBe("valid");
    expect(await commitmentExclusionReason(h.db, firmCode, "2026-09-29")).toBeNull();
    const [row] = await h.db.select().from(commitmentVerifications).where(eq(commitmentVerifications.id, task!.id));
    expect(row).toMatchObject({ status: "passed", finding: "现场核查属实。", decidedBy: housing.userId });
  });
});

describe("starting a business: the address declaration is the catalog's commitment on the premises proof", () => {
  const monday = new Date("2026-03-02T01:00:00Z");
  const pool = "瀚澜琪璟瑞翎骁昱晟煜玥珩琨烨瑾熠";
  let counter = Math.floor(Math.random() * 4000);
  const freshTrade = () => {
    const n = counter++;
    return `${pool[n % pool.length]}${pool[Math.floor(n / pool.length) % pool.length]}${pool[Math.floor(n / pool.length ** 2) % pool.length]}${pool[(process.pid + 7) % pool.length]}`;
  };

  async function founderReady() {
    const actor = await newCitizen(h.db);
    const [row] = await h.db.select({ idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.userId, actor.userId));
    const founder = { idNumber: row!.idNumber, name: actor.displayName };
    const name = await reserveName(
      h.db,
      actor,
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
    const input = ZStartBusinessInput.parse({
      idempotencyKey: randomUUID(),
      nameId: name.id,
      entityType: "limitedLiabilityCompany",
      registeredCapital: "100",
      divisionCode: "130102",
      streetAddress: "中山东路 1 号",
      scopeCodes: ["F5211"],
      legalRepresentative: founder,
      shareholders: [{ ...founder, contribution: "100", contributionForm: "currency", contributionDueOn: "2030-12-31" }],
      sealTypes: "companyFinance",
      invoiceTypes: "generalVat",
      employeeCount: 3,
      housingFundRate: "5",
      bankAccount: "",
      addressCommitment: true,
      standardArticles: true,
      consent: true,
    });
    return { actor, founder, input };
  }

  it("a founder's declaration is kept as a commitment instead of the premises proof", async () => {
    const { actor, input } = await founderReady();
    const submitted = await submitStartBusiness(h.db, actor, input, monday);
    const [supply] = await h.db
      .select()
      .from(applicationMaterials)
      .where(and(eq(applicationMaterials.applicationId, submitted.id), eq(applicationMaterials.materialKey, "premisesProof")));
    expect(supply?.committedAt).not.toBeNull();
    const plan = await loadApplicationPlan(h.db, { kind: "bundle", code: "startBusiness" });
    expect(plan.materials.find((m) => m.key === "premisesProof")?.commitment).toMatchObject({ departmentCode: "market", method: "onSite" });
  });

  it("a founder on the dishonesty list cannot make it: refused on the declaration with the reason, nothing written", async () => {
    const { actor, founder, input } = await founderReady();
    await recordByDepartment(
      h.db,
      market,
      {
        kind: "dishonestyList",
        subjectCode: founder.idNumber,
        title: "列入失信被执行人名单",
        content: "有履行能力而拒不履行生效法律文书确定的义务。",
        legalBasis: "《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条",
        decidedOn: "2026-01-05",
        validUntil: "2028-01-04",
      },
      monday,
    );
    const errors = await fieldErrors(submitStartBusiness(h.db, actor, input, monday));
    expect(errors).toEqual({ addressCommitment: "commitments.exclusion.dishonestyList" });
    const rows = await h.db
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.principalId, actor.personId!), eq(applications.idempotencyKey, input.idempotencyKey)));
    expect(rows).toEqual([]);
  });
});
