import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, eq, inArray, like } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { services } from "@/modules/catalog/schema";
import { publicCreditProfile } from "@/modules/credit/profile";
import { creditRecords } from "@/modules/credit/schema";
import { buildCreditCode } from "@/modules/identity/credit-code";
import { departments, entities, staff, users } from "@/modules/identity/schema";
import { outbox } from "@/modules/notifications/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { riskAssessments } from "@/modules/risk/schema";
import { uniqueSuffix } from "@/root/testing/database";
import { demoInspectionSeed } from "@/root/seed/demo-inspections";
import { actorByLogin, createTestBundle, newEnterprise, withDemo } from "@/root/testing/fixtures";
import { createPlan } from "./create-plan";
import { drawPlan } from "./draw-plan";
import { recordResult } from "./record-result";
import { inspectionCandidates, inspectionInspectors, inspectionPlans, inspectionResults } from "./schema";
import { planStream } from "./transition";
import { myAssignments, openPlanJson, planDetail } from "./views";

const { h, office, market, clerk } = await withDemo({ office: "dataoffice", market: "reviewer.market", clerk: "clerk" });
const db = h.db;
// Now, and steps of milliseconds after it: the plans of an earlier run on the same PostgreSQL
// database are then earlier ("inspected last time" looks at the latest earlier plan).
const now = new Date();
const today = shanghaiDate(now);
const dayOffset = (days: number) => shanghaiDate(new Date(now.getTime() + days * 86_400_000));
const later = (steps: number) => new Date(now.getTime() + steps);

/** A department of its own, in `divisionCode`, with `n` reviewers (its inspectors). */
async function inspectingDepartment(divisionCode: string, n: number) {
  const code = `insp${uniqueSuffix()}`.replace(/[^a-zA-Z0-9]/g, "");
  const [dept] = await db
    .insert(departments)
    .values({ code, nameZh: `测试检查局${code}`, nameEn: `Test inspectorate ${code}`, divisionCode, level: "province" })
    .returning({ id: departments.id });
  const inspectors = [];
  for (let i = 0; i < n; i++) {
    const login = `INSPECTOR.${code}.${i}`.toUpperCase();
    const [u] = await db
      .insert(users)
      .values({ role: "reviewer", login, displayName: `检查员${i} ${code}`, verification: "staffAccount" })
      .returning({ id: users.id });
    await db.insert(staff).values({ userId: u!.id, departmentId: dept!.id });
    inspectors.push(await actorByLogin(db, login));
  }
  return { id: dept!.id, inspectors };
}

// Enterprises registered in 涿州市 (130681), a division no other test uses: the plans' scope.
const division = "130681";
const body = (i: number) => `MA0JC${i}${String(Math.floor(Math.random() * 100)).padStart(2, "0")}`;
const firms: Array<{ code: string; name: string }> = [];
for (let i = 0; i < 4; i++) {
  const code = buildCreditCode({ authority: "9", category: "1", divisionCode: division, organisationBody: body(i) });
  const name = `涿州示例检查对象${i}有限公司${uniqueSuffix()}`;
  await db.insert(entities).values({ creditCode: code, name, legalRepresentative: "测试", contactName: "测试", contactPhone: "" }).onConflictDoNothing();
  firms.push({ code, name });
}
// One of them is in risk class D this month.
await db
  .insert(riskAssessments)
  .values({ subjectCode: firms[0]!.code, subjectName: firms[0]!.name, month: today.slice(0, 7), riskClass: "D", score: 80, factors: [], computedAt: now });

const inDivision = async () =>
  (
    await db
      .select({ code: entities.creditCode })
      .from(entities)
      .where(like(entities.creditCode, `__${division}%`))
  )
    .map((e) => e.code)
    .sort();

const planInput = (departmentId: string, over: Record<string, unknown> = {}) => ({
  title: "涿州市企业双随机抽查",
  departmentId,
  scope: "allEnterprises" as const,
  divisionCode: division,
  sampleSize: 2,
  inspectorsPerEntity: 2,
  weightA: 1,
  weightB: 2,
  weightC: 4,
  weightD: 8,
  periodFrom: today,
  periodUntil: dayOffset(60),
  ...over,
});

const countPlans = async () => (await db.select({ id: inspectionPlans.id }).from(inspectionPlans)).length;

/** Runs the third party's script on the plan's open JSON; what it recomputed. */
function verifyWithScript(json: unknown): { drawn: string[]; inspectors: Record<string, string[]>; ok: boolean } {
  const dir = mkdtempSync(path.join(tmpdir(), "verify-draw-"));
  const file = path.join(dir, "plan.json");
  writeFileSync(file, JSON.stringify(json));
  const out = execFileSync("python3", [path.resolve("docs/verify-draw.py"), file, "--ids"], { encoding: "utf8" });
  return JSON.parse(out) as { drawn: string[]; inspectors: Record<string, string[]>; ok: boolean };
}

describe("random inspections", () => {
  it("plan → publish (seed, weights, candidates fixed) → draw (verified by the third party's script) → results → credit records → completed", async () => {
    const dept = await inspectingDepartment("130000", 3);
    const { id } = await createPlan(db, office, planInput(dept.id), now);
    const [plan] = await db.select().from(inspectionPlans).where(eq(inspectionPlans.id, id));
    expect(plan).toMatchObject({ status: "published", candidateCount: (await inDivision()).length, weights: { A: 1, B: 2, C: 4, D: 8 } });
    expect(plan!.seed).toMatch(/^[0-9a-f]{64}$/);
    const candidates = await db.select().from(inspectionCandidates).where(eq(inspectionCandidates.planId, id));
    expect(candidates.map((c) => c.entityCode).sort()).toEqual(await inDivision());
    // Class D weighs 8; no class yet is drawn as B (2), and says so.
    expect(candidates.find((c) => c.entityCode === firms[0]!.code)).toMatchObject({ riskClass: "D", classAssumed: false, weight: 8 });
    expect(candidates.find((c) => c.entityCode === firms[1]!.code)).toMatchObject({ riskClass: "B", classAssumed: true, weight: 2 });
    // Before the draw the public sees the seed and no keys.
    const before = await openPlanJson(db, id);
    expect(before).toMatchObject({ seed: plan!.seed, status: "published", drawn: [] });
    expect(before!.candidates.every((c) => c.key === null)).toBe(true);

    const { drawn } = await drawPlan(db, office, { planId: id, version: plan!.version }, later(5));
    expect(drawn).toHaveLength(2);
    const json = await openPlanJson(db, id);
    expect(json!.drawn).toEqual(drawn);
    expect(json!.candidates.every((c) => /^0\.\d{20}$/.test(c.key ?? ""))).toBe(true);
    // The third party's script, standard library only, gets the same entities and inspectors.
    const verified = verifyWithScript(json);
    expect(verified.ok).toBe(true);
    expect(verified.drawn).toEqual(drawn);
    for (const d of json!.inspectorDraws) {
      expect(d.drawn).toHaveLength(2);
      expect(verified.inspectors[d.entity]).toEqual(d.drawn);
    }
    // A second draw is refused; the drawn inspectors are told once each.
    await expect(drawPlan(db, office, { planId: id, version: plan!.version + 1 }, later(6))).rejects.toMatchObject({ code: "illegalTransition" });
    const told = await db.select().from(outbox).where(eq(outbox.kind, "inspectionAssigned"));
    const assignedIds = [...new Set(json!.inspectorDraws.flatMap((d) => d.drawn))];
    for (const inspectorId of assignedIds)
      expect(told.filter((o) => o.recipientUserIds.includes(inspectorId) && o.params.title === plan!.title)).toHaveLength(1);

    // Results: only an inspector drawn for the entity records, once; each makes a public credit record.
    const [first, second] = json!.inspectorDraws;
    const inspectorOf = (userId: string) => dept.inspectors.find((a) => a.userId === userId)!;
    const notDrawn = dept.inspectors.find((a) => !first!.drawn.includes(a.userId))!;
    const result = {
      planId: id,
      entityCode: first!.entity,
      outcome: "problemsFound" as const,
      findings: "消防通道堆放杂物，已当场责令清理。",
      inspectedOn: today,
    };
    await expect(recordResult(db, notDrawn, result, later(10))).rejects.toMatchObject({ code: "forbidden" });
    await expect(recordResult(db, market, result, later(10))).rejects.toMatchObject({ code: "forbidden" });
    await expect(recordResult(db, inspectorOf(first!.drawn[0]!), { ...result, findings: "" }, later(10))).rejects.toMatchObject({ name: "ZodError" });
    await expect(recordResult(db, inspectorOf(first!.drawn[0]!), { ...result, inspectedOn: dayOffset(1) }, later(10))).rejects.toMatchObject({
      field: "inspectedOn",
    });
    expect(await db.select().from(inspectionResults).where(eq(inspectionResults.planId, id))).toHaveLength(0);
    await recordResult(db, inspectorOf(first!.drawn[0]!), result, later(10));
    await expect(recordResult(db, inspectorOf(first!.drawn[1]!), result, later(11))).rejects.toMatchObject({ code: "conflict" });
    const [credit] = await db
      .select()
      .from(creditRecords)
      .where(eq(creditRecords.sourceKey, `inspection:${id}:${first!.entity}`));
    expect(credit).toMatchObject({ kind: "inspectionResult", subjectCode: first!.entity, departmentId: dept.id, decidedOn: today, publishedFrom: today });
    expect(credit!.content).toContain("消防通道堆放杂物");
    const profile = await publicCreditProfile(db, first!.entity, later(12));
    expect(JSON.stringify(profile)).toContain("消防通道堆放杂物");
    // The assignment shows on the inspector's list, closed once recorded.
    const mine = await myAssignments(db, inspectorOf(second!.drawn[0]!));
    expect(mine.filter((a) => a.planId === id).map((a) => [a.entityCode, a.open])).toContainEqual([second!.entity, true]);

    await recordResult(db, inspectorOf(second!.drawn[1]!), { ...result, entityCode: second!.entity, outcome: "compliant", findings: "" }, later(20));
    const done = await planDetail(db, id);
    expect(done).toMatchObject({ status: "completed", resultCount: 2 });
    expect((await openPlanJson(db, id))!.results.map((r) => r.outcome).sort()).toEqual(["compliant", "problemsFound"]);
    const actions = (
      await db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.streamId, planStream(id)))
        .orderBy(asc(auditEvents.seq))
    ).map((a) => a.action);
    expect(actions).toEqual(["inspectionPlan.publish", "inspectionPlan.draw", "inspectionResult.record", "inspectionResult.record", "inspectionPlan.complete"]);
  });

  it("excludes whoever inspected an entity last time, and the inspectors of the entity's own division", async () => {
    const dept = await inspectingDepartment("130000", 3);
    const all = (await inDivision()).length;
    const first = await createPlan(db, office, planInput(dept.id, { sampleSize: all, inspectorsPerEntity: 1 }), later(30));
    await drawPlan(db, office, { planId: first.id, version: 1 }, later(31));
    const second = await createPlan(db, office, planInput(dept.id, { sampleSize: all, inspectorsPerEntity: 1 }), later(32));
    await drawPlan(db, office, { planId: second.id, version: 1 }, later(33));
    const last = await db
      .select()
      .from(inspectionInspectors)
      .where(and(eq(inspectionInspectors.planId, first.id), eq(inspectionInspectors.drawn, true)));
    const now2 = await db.select().from(inspectionInspectors).where(eq(inspectionInspectors.planId, second.id));
    expect(last).toHaveLength(all);
    for (const l of last) {
      const again = now2.find((r) => r.entityCode === l.entityCode && r.inspectorId === l.inspectorId)!;
      expect(again).toMatchObject({ conflict: "inspectedLastTime", drawn: false, key: null });
      expect(now2.filter((r) => r.entityCode === l.entityCode && r.drawn)).toHaveLength(1);
    }
    expect(verifyWithScript(await openPlanJson(db, second.id)).ok).toBe(true);

    // A department of the entities' own division has no one without a conflict: nothing is drawn.
    const local = await inspectingDepartment(division, 2);
    const plan = await createPlan(db, office, planInput(local.id, { sampleSize: 1, inspectorsPerEntity: 1 }), later(40));
    await expect(drawPlan(db, office, { planId: plan.id, version: 1 }, later(41))).rejects.toMatchObject({ code: "invalidInput", field: "planId" });
    expect(await db.select().from(inspectionInspectors).where(eq(inspectionInspectors.planId, plan.id))).toHaveLength(0);
    expect((await db.select().from(inspectionCandidates).where(eq(inspectionCandidates.planId, plan.id))).every((c) => c.key === null && !c.drawn)).toBe(true);
    expect((await planDetail(db, plan.id))!.status).toBe("published");
  });

  it("bad input says so and writes nothing; only the data office plans and draws", async () => {
    const dept = await inspectingDepartment("130000", 2);
    const plans = await countPlans();
    const all = (await inDivision()).length;
    await expect(createPlan(db, office, planInput(dept.id, { sampleSize: all + 1 }), now)).rejects.toMatchObject({ code: "invalidInput", field: "sampleSize" });
    // No enterprise registered in 涿州市's neighbour 安国市 (130683) in these tests.
    await expect(createPlan(db, office, planInput(dept.id, { divisionCode: "130683", sampleSize: 1 }), now)).rejects.toMatchObject({
      code: "invalidInput",
      field: "scope",
    });
    await expect(createPlan(db, office, planInput(dept.id, { divisionCode: "139999" }), now)).rejects.toMatchObject({ field: "divisionCode" });
    // Licensees of a service only people apply for: no enterprise in scope.
    const [birth] = await db.select({ id: services.id }).from(services).where(eq(services.code, "birthRegistration"));
    await expect(createPlan(db, office, planInput(dept.id, { scope: "service", serviceId: birth!.id, divisionCode: undefined }), now)).rejects.toMatchObject({
      code: "invalidInput",
      field: "scope",
    });
    await expect(createPlan(db, office, planInput(dept.id, { inspectorsPerEntity: 3 }), now)).rejects.toMatchObject({ field: "inspectorsPerEntity" });
    await expect(createPlan(db, office, planInput(dept.id, { weightD: 65 }), now)).rejects.toMatchObject({ name: "ZodError" });
    await expect(createPlan(db, office, planInput(dept.id, { scope: "service" }), now)).rejects.toMatchObject({ name: "ZodError" });
    await expect(createPlan(db, office, planInput(dept.id, { periodUntil: dayOffset(-10) }), now)).rejects.toMatchObject({ name: "ZodError" });
    await expect(createPlan(db, market, planInput(dept.id), now)).rejects.toMatchObject({ code: "forbidden" });
    expect(await countPlans()).toBe(plans);

    const { id } = await createPlan(db, office, planInput(dept.id, { sampleSize: 1, inspectorsPerEntity: 1 }), now);
    await expect(drawPlan(db, market, { planId: id, version: 1 }, now)).rejects.toMatchObject({ code: "forbidden" });
    await expect(drawPlan(db, office, { planId: id, version: 7 }, now)).rejects.toMatchObject({ code: "conflict" });
    expect((await planDetail(db, id))!.status).toBe("published");
    const codes = (
      await db
        .select({ c: inspectionInspectors.entityCode })
        .from(inspectionInspectors)
        .where(inArray(inspectionInspectors.planId, [id]))
    ).length;
    expect(codes).toBe(0);
    // Two draws at once (a double click, two tabs): the plan row's lock lets one through.
    const outcomes = await Promise.allSettled([
      drawPlan(db, office, { planId: id, version: 1 }, later(1)),
      drawPlan(db, office, { planId: id, version: 1 }, later(1)),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const assigned = await db
      .select()
      .from(inspectionInspectors)
      .where(and(eq(inspectionInspectors.planId, id), eq(inspectionInspectors.drawn, true)));
    expect(assigned).toHaveLength(1);
  });

  it("the demo's previous plan is seeded completed, reproducible by the script, its result on the enterprise's public credit page", async () => {
    const [demo] = await db.select().from(inspectionPlans).where(eq(inspectionPlans.demo, true));
    expect(demo).toMatchObject({ status: "completed", seed: demoInspectionSeed, sampleSize: 1 });
    const json = (await openPlanJson(db, demo!.id))!;
    expect(verifyWithScript(json)).toMatchObject({ ok: true, drawn: json.drawn });
    expect(json.results).toHaveLength(1);
    const profile = await publicCreditProfile(db, json.drawn[0]!);
    expect(JSON.stringify(profile)).toContain("后厨生熟食品混放");
  });

  it("draws from the licensees of a service: the enterprises with a granted application naming it", async () => {
    const dept = await inspectingDepartment("130000", 1);
    const firm = await newEnterprise(db);
    const [entity] = await db.select({ code: entities.creditCode }).from(entities).where(eq(entities.id, firm.entityId!));
    const { code: bundle } = await createTestBundle(db, [{ key: "food", department: "market" }]);
    const submitted = await submitApplication(
      db,
      firm,
      ZSubmitApplicationInput.parse({
        subject: { kind: "bundle", code: bundle },
        idempotencyKey: randomUUID(),
        formData: { projectName: "示例项目" },
        materials: {},
        consent: true,
      }),
    );
    const [app] = await db.select().from(applications).where(eq(applications.id, submitted.id));
    const serviceId = app!.plan[0]!.serviceId;
    const input = planInput(dept.id, { scope: "service", serviceId, divisionCode: undefined, sampleSize: 1, inspectorsPerEntity: 1 });
    // Submitted is not licensed: no candidate yet.
    await expect(createPlan(db, office, input, now)).rejects.toMatchObject({ field: "scope" });
    await acceptApplication(db, clerk, { applicationId: app!.id, version: app!.version });
    const [task] = await db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, app!.id));
    const claimed = await claimTask(db, market, { taskId: task!.id, version: task!.version });
    await decideTask(db, market, { taskId: task!.id, version: claimed.version, outcome: "approved" } as never);
    const { id } = await createPlan(db, office, input, now);
    const candidates = await db.select().from(inspectionCandidates).where(eq(inspectionCandidates.planId, id));
    expect(candidates.map((c) => c.entityCode)).toEqual([entity!.code]);
  });
});
