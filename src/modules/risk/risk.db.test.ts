import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shanghaiDate } from "@/lib/dates";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applicationMaterials, applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { addMonths } from "@/modules/credit/model";
import { recordCredit } from "@/modules/credit/record-credit";
import type { Actor } from "@/modules/identity/model";
import { departments, entities } from "@/modules/identity/schema";
import { businessRegistrations, enterpriseNames } from "@/modules/registration/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { certificates } from "@/modules/sharing/registry-schema";
import { revokeCertificate } from "@/modules/sharing/revoke-certificate";
import { dataAccessLog, dataResources } from "@/modules/sharing/schema";
import { jobRegistry } from "@/root/jobs";
import { createTestBundle, freshCreditCode, freshIdNumber, newEnterprise, reviewer, withDemo, type TestStep } from "@/root/testing/fixtures";
import { currentRiskClass } from "./current-class";
import { riskResourceCode } from "./model";
import { recomputeClasses } from "./recompute-classes";
import { recomputeSignals } from "./recompute-signals";
import { riskOverview, staffApplicantRisk } from "./read-risk";
import { riskAssessments, riskSignals } from "./schema";
import { riskStream } from "./signal-transition";

const { h, clerk, office, citizen } = await withDemo({ clerk: "clerk", office: "dataoffice", citizen: "11010519491231002X" });
const market = await reviewer(h.db, "market");
const tax = await reviewer(h.db, "tax");
const [marketDept] = await h.db.select({ id: departments.id }).from(departments).where(eq(departments.code, "market"));
const marketId = marketDept!.id;

const dayMs = 86_400_000;
const han = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土春夏秋冬梅兰竹菊松柏桃李杏枫";
/** A trade-name core of random characters, so reruns on one database do not meet each other. */
const randomCore = (n = 4) => Array.from({ length: n }, () => han[Math.floor(Math.random() * han.length)]).join("");
const person = (name: string) => ({ name, idNumber: freshIdNumber() });

/** A registered enterprise, written directly (with its registration when it has an address or shareholders). */
async function entity(o: {
  name?: string;
  rep?: { name: string; idNumber: string };
  createdAt?: Date;
  address?: string;
  shareholders?: Array<{ name: string; idNumber: string }>;
}): Promise<{ code: string; name: string }> {
  const code = freshCreditCode();
  const name = o.name ?? `石家庄${randomCore(6)}商贸有限公司`;
  const rep = o.rep ?? person("冯测试");
  const [e] = await h.db
    .insert(entities)
    .values({
      creditCode: code,
      name,
      legalRepresentative: rep.name,
      legalRepresentativeIdNumber: rep.idNumber,
      contactName: rep.name,
      contactPhone: "",
      ...(o.createdAt ? { createdAt: o.createdAt } : {}),
    })
    .returning({ id: entities.id });
  if (o.address || o.shareholders) {
    const trade = randomCore(6);
    const [n] = await h.db
      .insert(enterpriseNames)
      .values({
        fullName: name,
        divisionCode: "130102",
        divisionName: "石家庄",
        tradeName: trade,
        normalisedTrade: trade,
        industry: "商贸",
        form: "有限公司",
        status: "reserved",
      })
      .returning({ id: enterpriseNames.id });
    const [app] = await h.db
      .insert(applications)
      .values({
        filedByUserId: clerk.userId,
        applicantKind: "citizen",
        personId: citizen.personId,
        holderCode: rep.idNumber,
        applicantName: rep.name,
        titleZh: "设立登记",
        titleEn: "Registration",
        plan: [],
        divisionCode: "130102",
      })
      .returning({ id: applications.id });
    await h.db
      .insert(businessRegistrations)
      .values({
        applicationId: app!.id,
        nameId: n!.id,
        entityType: "limitedLiabilityCompany",
        registeredCapital: "50",
        divisionCode: "130102",
        streetAddress: o.address ?? `长安区${randomCore()}路 1 号`,
        scopeCodes: ["F5211"],
        legalRepresentativeName: rep.name,
        legalRepresentativeIdNumber: rep.idNumber,
        shareholders: (o.shareholders ?? []).map((s) => ({ ...s, contribution: "10" })),
        employeeCount: 3,
        founderPhone: "13900000009",
        entityId: e!.id,
        creditCode: code,
      });
  }
  return { code, name };
}

const record = (
  kind: "administrativePenalty" | "dishonestyList" | "honour" | "brokenCommitment",
  s: { code: string; name: string },
  over: Record<string, unknown> = {},
) =>
  recordCredit(h.db, {
    kind,
    subjectCode: s.code,
    subjectName: s.name,
    departmentId: marketId,
    title: `测试记录 ${kind}`,
    content: "测试内容。",
    legalBasis: "《测试条例》第一条",
    decidedOn: addMonths(shanghaiDate(new Date()), -2),
    ...over,
  });

const signalsOf = (codes: string[]) =>
  h.db
    .select()
    .from(riskSignals)
    .where(inArray(riskSignals.subjectCode, codes))
    .orderBy(asc(riskSignals.subjectCode), asc(riskSignals.rule), asc(riskSignals.key));

async function submittedCase(applicant: Actor, steps: TestStep[]): Promise<string> {
  const { code } = await createTestBundle(h.db, steps);
  const submitted = await submitApplication(
    h.db,
    applicant,
    ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: randomUUID(),
      formData: { projectName: "示例项目" },
      materials: {},
      consent: true,
    }),
  );
  const [app] = await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, submitted.id));
  await acceptApplication(h.db, clerk, { applicationId: submitted.id, version: app!.v });
  return submitted.id;
}

async function approvedCase(applicant: Actor, steps: TestStep[]): Promise<string> {
  const id = await submittedCase(applicant, steps);
  for (const step of steps) {
    const actor = await reviewer(h.db, step.department);
    const [task] = (await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, id))).filter((t) => t.stepKey === step.key);
    const claimed = await claimTask(h.db, actor, { taskId: task!.id, version: task!.version });
    await decideTask(h.db, actor, { taskId: task!.id, version: claimed.version, outcome: "approved" } as never);
  }
  return id;
}

async function codeOf(actor: Actor): Promise<{ code: string; name: string }> {
  const [e] = await h.db.select({ code: entities.creditCode, name: entities.name }).from(entities).where(eq(entities.id, actor.entityId!));
  return e!;
}

describe("risk signals", () => {
  it("(a) fires for each of three enterprises at one address (spaces and width aside), not for two at another; recomputing is idempotent; a signal no longer found is cleared and comes back", async () => {
    const street = `长安区${randomCore()}大街 8 号`;
    const three = [await entity({ address: street }), await entity({ address: street.replace(" ", "") }), await entity({ address: street.replace("8", "８") })];
    const otherStreet = `长安区${randomCore()}大街 9 号`;
    const two = [await entity({ address: otherStreet }), await entity({ address: otherStreet })];
    const now = new Date();
    await recomputeSignals(h.db, office, now);
    const found = await signalsOf(three.map((e) => e.code));
    expect(found.filter((s) => s.rule === "sharedAddress").map((s) => [s.subjectCode, s.status, s.params.count])).toEqual(
      three.map((e) => [e.code, "active", 3]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // Evidence: the address and the two others, by credit code.
    const first = found.find((s) => s.subjectCode === three[0]!.code)!;
    expect(first.evidence.map((e) => e.kind).sort()).toEqual(["address", "entity", "entity"]);
    expect(
      first.evidence
        .filter((e) => e.kind === "entity")
        .map((e) => e.ref)
        .sort(),
    ).toEqual([three[1]!.code, three[2]!.code].sort());
    expect((await signalsOf(two.map((e) => e.code))).filter((s) => s.rule === "sharedAddress")).toEqual([]);

    // Again: the same rows, first seen unchanged.
    const later = new Date(now.getTime() + 60_000);
    await recomputeSignals(h.db, office, later);
    const again = await signalsOf(three.map((e) => e.code));
    expect(again.map((s) => [s.id, s.firstSeenAt.getTime(), s.status])).toEqual(found.map((s) => [s.id, s.firstSeenAt.getTime(), "active"]));
    expect(again.every((s) => s.lastSeenAt.getTime() === later.getTime())).toBe(true);

    // One is deregistered: two are left at the address, below the threshold: cleared, audited.
    await h.db.update(entities).set({ deregisteredAt: later }).where(eq(entities.creditCode, three[0]!.code));
    await recomputeSignals(h.db, office, new Date(later.getTime() + 60_000));
    const cleared = (await signalsOf(three.map((e) => e.code))).filter((s) => s.rule === "sharedAddress");
    expect(cleared.map((s) => s.status)).toEqual(["cleared", "cleared", "cleared"]);
    const events = await h.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.streamId, riskStream),
          inArray(
            auditEvents.entityId,
            cleared.map((s) => s.id),
          ),
        ),
      );
    expect(events.filter((e) => e.action === "riskSignal.clear")).toHaveLength(3);

    // Back again: the same signals, active again.
    await h.db.update(entities).set({ deregisteredAt: null }).where(eq(entities.creditCode, three[0]!.code));
    await recomputeSignals(h.db, office, new Date(later.getTime() + 120_000));
    const back = (await signalsOf(three.map((e) => e.code))).filter((s) => s.rule === "sharedAddress");
    expect(back.map((s) => [s.id, s.status])).toEqual(cleared.map((s) => [s.id, "active"]));
  });

  it("(b) fires for an enterprise whose legal representative also represents a listed one, or whose shareholder is a shareholder of one with a revoked licence; not for an unrelated one", async () => {
    const zhang = person("张关联");
    const listed = await entity({ rep: zhang });
    await record("dishonestyList", listed, { validUntil: addMonths(shanghaiDate(new Date()), 30) });
    const subject = await entity({ rep: zhang });
    const li = person("李股东");
    const revokedFirm = await newEnterprise(h.db);
    const revokedCode = await codeOf(revokedFirm);
    // 李股东 holds shares in both; the revoked firm's registration is written beside its entity.
    await h.db.insert(businessRegistrations).values(await registrationFor(revokedCode.code, li));
    const holder = await entity({ shareholders: [li] });
    const [licence] = await h.db.select({ number: certificates.number }).from(certificates).where(eq(certificates.holderCode, revokedCode.code));
    await revokeCertificate(h.db, office, { number: licence!.number, reason: "以欺骗手段取得许可，依法撤销。" });
    const clean = await entity({ rep: person("王无关") });

    await recomputeSignals(h.db, office);
    const bySubject = await signalsOf([subject.code, holder.code, clean.code, listed.code]);
    const linked = bySubject.filter((s) => s.rule === "linkedDishonesty");
    const ofSubject = linked.find((s) => s.subjectCode === subject.code);
    expect(ofSubject).toMatchObject({
      status: "active",
      params: { role: "legalRepresentative", otherRole: "legalRepresentative", reason: "entityListed", other: listed.name },
    });
    // The person is shown by a masked ID number only, never in clear.
    expect(JSON.stringify(ofSubject)).not.toContain(zhang.idNumber);
    expect(ofSubject!.evidence.find((e) => e.kind === "person")!.ref).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(ofSubject!.evidence.some((e) => e.kind === "entity" && e.ref === listed.code)).toBe(true);
    const ofHolder = linked.find((s) => s.subjectCode === holder.code);
    expect(ofHolder).toMatchObject({ params: { role: "shareholder", otherRole: "shareholder", reason: "licenceRevoked" } });
    expect(ofHolder!.evidence.some((e) => e.kind === "certificate" && e.ref === licence!.number)).toBe(true);
    expect(linked.filter((s) => s.subjectCode === clean.code || s.subjectCode === listed.code)).toEqual([]);
  });

  it("(c) fires at two broken commitments within 3 years, not at one (or one older)", async () => {
    const twice = await entity({});
    await record("brokenCommitment", twice);
    await record("brokenCommitment", twice, { decidedOn: addMonths(shanghaiDate(new Date()), -20) });
    const once = await entity({});
    await record("brokenCommitment", once);
    await record("brokenCommitment", once, { decidedOn: addMonths(shanghaiDate(new Date()), -40) });
    await recomputeSignals(h.db, office);
    const found = (await signalsOf([twice.code, once.code])).filter((s) => s.rule === "repeatedBrokenCommitments");
    expect(found.map((s) => [s.subjectCode, s.params.count])).toEqual([[twice.code, 2]]);
    expect(found[0]!.evidence.filter((e) => e.kind === "creditRecord")).toHaveLength(2);
  });

  it("(d) fires when a certificate an approval used is revoked afterwards, not for an approval whose certificate stands", async () => {
    const steps: TestStep[] = [{ key: "food", department: "market" }];
    const used = await newEnterprise(h.db);
    const usedCode = await codeOf(used);
    const appId = await approvedCase(used, steps);
    const [licence] = await h.db
      .select({ id: certificates.id, number: certificates.number })
      .from(certificates)
      .where(eq(certificates.holderCode, usedCode.code));
    await h.db.insert(applicationMaterials).values({ applicationId: appId, materialKey: "businessLicence", certificateId: licence!.id });
    const standing = await newEnterprise(h.db);
    const standingCode = await codeOf(standing);
    const otherApp = await approvedCase(standing, steps);
    const [kept] = await h.db.select({ id: certificates.id }).from(certificates).where(eq(certificates.holderCode, standingCode.code));
    await h.db.insert(applicationMaterials).values({ applicationId: otherApp, materialKey: "businessLicence", certificateId: kept!.id });
    await revokeCertificate(h.db, office, { number: licence!.number, reason: "提交虚假材料取得登记，依法撤销。" });

    await recomputeSignals(h.db, office);
    const found = (await signalsOf([usedCode.code, standingCode.code])).filter((s) => s.rule === "revokedAfterUse");
    expect(found).toHaveLength(1);
    const [tracking] = await h.db.select({ t: applications.trackingNumber }).from(applications).where(eq(applications.id, appId));
    expect(found[0]).toMatchObject({ subjectCode: usedCode.code, params: { certificate: licence!.number, application: tracking!.t } });
    expect(found[0]!.evidence.map((e) => e.kind)).toEqual(["certificate", "application"]);
  });

  it("(e) fires for a new enterprise whose name's core imitates an older one's (Dice ≥ 0.6), not for a new one with its own name", async () => {
    const now = new Date();
    const core = randomCore(4);
    const imitation = core.slice(0, 3) + (core[3] === "松" ? "柏" : "松");
    const older = await entity({ name: `保定${core}科技有限公司`, createdAt: new Date(now.getTime() - 400 * dayMs) });
    const copy = await entity({ name: `石家庄市${imitation}科技有限公司`, createdAt: new Date(now.getTime() - 10 * dayMs) });
    const own = await entity({ name: `石家庄市${randomCore(4)}科技有限公司`, createdAt: new Date(now.getTime() - 10 * dayMs) });
    await recomputeSignals(h.db, office, now);
    const found = (await signalsOf([copy.code, own.code, older.code])).filter((s) => s.rule === "imitatedName" && s.key === older.code);
    expect(found.map((s) => [s.subjectCode, s.params.core, s.params.otherCore])).toEqual([[copy.code, imitation, core]]);
    expect(Number(found[0]!.params.similarity)).toBeGreaterThanOrEqual(0.6);
  });
});

/** A business registration of an entity made elsewhere (its licence issued by a fixture), with a shareholder. */
async function registrationFor(code: string, shareholder: { name: string; idNumber: string }) {
  const [e] = await h.db.select().from(entities).where(eq(entities.creditCode, code));
  const trade = randomCore(6);
  const [n] = await h.db
    .insert(enterpriseNames)
    .values({
      fullName: e!.name,
      divisionCode: "130102",
      divisionName: "石家庄",
      tradeName: trade,
      normalisedTrade: trade,
      industry: "商贸",
      form: "有限公司",
      status: "reserved",
    })
    .returning({ id: enterpriseNames.id });
  const [app] = await h.db
    .insert(applications)
    .values({
      filedByUserId: clerk.userId,
      applicantKind: "citizen",
      personId: citizen.personId,
      holderCode: code,
      applicantName: e!.name,
      titleZh: "设立登记",
      titleEn: "Registration",
      plan: [],
      divisionCode: "130102",
    })
    .returning({ id: applications.id });
  return {
    applicationId: app!.id,
    nameId: n!.id,
    entityType: "limitedLiabilityCompany",
    registeredCapital: "50",
    divisionCode: "130102",
    streetAddress: `长安区${randomCore()}路 2 号`,
    scopeCodes: ["F5211"],
    legalRepresentativeName: e!.legalRepresentative,
    legalRepresentativeIdNumber: e!.legalRepresentativeIdNumber ?? freshIdNumber(),
    shareholders: [{ ...shareholder, contribution: "10" }],
    employeeCount: 3,
    founderPhone: "13900000009",
    entityId: e!.id,
    creditCode: code,
  };
}

describe("risk classes", () => {
  it("puts a serious penalty with a dishonesty listing in D, an honour and a clean record in A, nothing in B; a re-run in the month replaces the row", async () => {
    const bad = await entity({});
    await record("administrativePenalty", bad, { severity: "serious" });
    await record("dishonestyList", bad, { validUntil: addMonths(shanghaiDate(new Date()), 30) });
    const good = await entity({});
    await record("honour", good);
    const fresh = await entity({});
    const now = new Date();
    await recomputeClasses(h.db, office, now);
    expect(await currentRiskClass(h.db, bad.code)).toMatchObject({ riskClass: "D", score: 80 });
    const badClass = await currentRiskClass(h.db, bad.code);
    expect(badClass!.factors.map((f) => [f.factor, f.points, f.evidence.length])).toEqual([
      ["penaltySerious", 30, 1],
      ["dishonestyList", 50, 1],
    ]);
    expect(await currentRiskClass(h.db, good.code)).toMatchObject({ riskClass: "A", score: -10 });
    expect(await currentRiskClass(h.db, fresh.code)).toMatchObject({ riskClass: "B", score: 0, factors: [] });

    await recordCredit(h.db, {
      kind: "administrativePenalty",
      subjectCode: good.code,
      subjectName: good.name,
      departmentId: marketId,
      title: "测试处罚",
      content: "测试内容。",
      legalBasis: "《测试条例》第一条",
      severity: "serious",
      decidedOn: shanghaiDate(now),
    });
    await recomputeClasses(h.db, office, new Date(now.getTime() + 60_000));
    const rows = await h.db.select().from(riskAssessments).where(eq(riskAssessments.subjectCode, good.code));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ riskClass: "C", score: 20 });
  });

  it("is recomputed by the monthly job (and the signals by the daily one); running a job twice writes one row per enterprise and month", async () => {
    const signalsJob = jobRegistry.find((j) => j.name === "risk.signals");
    const classesJob = jobRegistry.find((j) => j.name === "risk.classes");
    expect(signalsJob?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(classesJob?.cron).toMatch(/^\d+ \d+ 1 \* \*$/);
    const firm = await entity({});
    await record("honour", firm);
    for (let i = 0; i < 2; i++) {
      await signalsJob!.handler(h.db, []);
      await classesJob!.handler(h.db, []);
    }
    const rows = await h.db.select().from(riskAssessments).where(eq(riskAssessments.subjectCode, firm.code));
    expect(rows.map((r) => [r.month, r.riskClass])).toEqual([[shanghaiDate(new Date()).slice(0, 7), "A"]]);
  });

  it("counts active signals, at most +15", async () => {
    const street = `长安区${randomCore()}大街 1 号`;
    const group = [await entity({ address: street }), await entity({ address: street }), await entity({ address: street })];
    await recomputeSignals(h.db, office);
    await recomputeClasses(h.db, office);
    const c = await currentRiskClass(h.db, group[0]!.code);
    expect(c).toMatchObject({ riskClass: "B", score: 5 });
    expect(c!.factors.map((f) => f.factor)).toEqual(["signal"]);
  });
});

describe("reading risk", () => {
  it("a reviewer reads an applicant's class and signals through the gate, logged in its data log; without a grant, or for another holder, refused and logged", async () => {
    const firm = await newEnterprise(h.db);
    const { code } = await codeOf(firm);
    await record("brokenCommitment", { code, name: "x" });
    await record("brokenCommitment", { code, name: "x" });
    await recomputeSignals(h.db, office);
    await recomputeClasses(h.db, office);
    const appId = await submittedCase(firm, [
      { key: "m", department: "market" },
      { key: "t", department: "tax" },
    ]);
    const view = await staffApplicantRisk(h.db, market, { holderCode: code, applicationId: appId });
    expect(view.riskClass).toMatchObject({ riskClass: "C", subjectCode: code });
    expect(view.signals.map((s) => s.rule)).toContain("repeatedBrokenCommitments");
    await expect(staffApplicantRisk(h.db, tax, { holderCode: code, applicationId: appId })).rejects.toMatchObject({ code: "forbidden" });
    const other = await newEnterprise(h.db);
    const { code: otherCode } = await codeOf(other);
    await expect(staffApplicantRisk(h.db, market, { holderCode: otherCode, applicationId: appId })).rejects.toMatchObject({ code: "forbidden" });

    const [resource] = await h.db.select({ id: dataResources.id }).from(dataResources).where(eq(dataResources.code, riskResourceCode));
    const log = await h.db
      .select()
      .from(dataAccessLog)
      .where(and(inArray(dataAccessLog.holderCode, [code, otherCode]), eq(dataAccessLog.resourceId, resource!.id)));
    expect(
      log
        .map((l) => [l.holderCode === code ? "firm" : "other", l.readerDepartmentId === market.departmentId ? "market" : "tax", l.outcome, l.refusalReason])
        .sort(),
    ).toEqual(
      [
        ["firm", "market", "allowed", null],
        ["firm", "tax", "refused", "sharing.refusal.noGrant"],
        ["other", "market", "refused", "sharing.refusal.otherHolder"],
      ].sort(),
    );
  });

  it("only the data office sees the ranked list and recomputes", async () => {
    await expect(riskOverview(h.db, citizen)).rejects.toMatchObject({ code: "forbidden" });
    await expect(riskOverview(h.db, market)).rejects.toMatchObject({ code: "forbidden" });
    await expect(recomputeSignals(h.db, market)).rejects.toMatchObject({ code: "forbidden" });
    await expect(recomputeClasses(h.db, citizen)).rejects.toMatchObject({ code: "forbidden" });
    const overview = await riskOverview(h.db, office);
    expect(overview.signals.length).toBeGreaterThan(0);
    const weights = overview.signals.map(
      (s) => ({ linkedDishonesty: 3, repeatedBrokenCommitments: 3, revokedAfterUse: 3, sharedAddress: 2, imitatedName: 2 })[s.rule],
    );
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });
});
