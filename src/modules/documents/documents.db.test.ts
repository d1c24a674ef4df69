import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shanghaiDate } from "@/lib/dates";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applicationsRouter } from "@/modules/applications/router";
import { applications, supplementNotices } from "@/modules/applications/schema";
import { requestCompletion } from "@/modules/applications/request-completion";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import type { Actor } from "@/modules/identity/model";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewRouter } from "@/modules/review/router";
import { reviewTasks } from "@/modules/review/schema";
import { rotateDepartmentKey } from "@/modules/sharing/registry";
import { departments } from "@/modules/identity/schema";
import { createTestBundle, newEnterprise, reviewer, withDemo, type TestStep } from "@/root/testing/fixtures";
import { createCallerFactory, createTRPCRouter } from "@/server/trpc/init";
import { documentNumberPattern } from "./model";
import { getCaseDocument, listCaseDocuments, verifyCaseDocument } from "./read-documents";
import { documentsRouter } from "./router";
import { caseDocuments } from "./schema";

const { h, clerk } = await withDemo({ clerk: "clerk" });

// Monday 2 March 2026, 09:00 in China.
const monday = new Date("2026-03-02T01:00:00Z");
const later = (minutes: number) => new Date(monday.getTime() + minutes * 60_000);

const createCaller = createCallerFactory(createTRPCRouter({ applications: applicationsRouter, review: reviewRouter, documents: documentsRouter }));
const callerFor = (actor: Actor | null) => createCaller({ db: h.db, actor, self: actor, locale: "zh-CN" });

async function submitted(steps: TestStep[]) {
  const { code } = await createTestBundle(h.db, steps);
  const applicant = await newEnterprise(h.db);
  const input = ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code },
    idempotencyKey: randomUUID(),
    formData: { projectName: "示例项目" },
    materials: {},
    consent: true,
  });
  const result = await submitApplication(h.db, applicant, input, monday);
  return { applicant, ...result };
}

const versionOf = async (id: string) => (await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, id)))[0]!.v;
const docsOf = (id: string) => h.db.select().from(caseDocuments).where(eq(caseDocuments.applicationId, id));

async function accepted(steps: TestStep[]) {
  const s = await submitted(steps);
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: await versionOf(s.id) }, later(1));
  return s;
}

async function decide(applicationId: string, step: string, dept: string, outcome: "approved" | "denied", at: Date) {
  const actor = await reviewer(h.db, dept);
  const [task] = (await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, applicationId))).filter((t) => t.stepKey === step);
  const claimed = await claimTask(h.db, actor, { taskId: task!.id, version: task!.version }, at);
  const extra = outcome === "denied" ? { reason: "经营场所不符合消防安全要求", confirmed: true as const } : {};
  return decideTask(h.db, actor, { taskId: task!.id, version: claimed.version, outcome, ...extra } as never, at);
}

describe("受理通知书", () => {
  it("is issued in the accepting transaction, numbered by the lead department, signed, and lists the departments and limits", async () => {
    const app = await accepted([
      { key: "a", department: "market" },
      { key: "b", department: "tax", needs: ["a"] },
    ]);
    const docs = await docsOf(app.id);
    expect(docs.map((d) => d.kind)).toEqual(["acceptanceNotice"]);
    const doc = docs[0]!;
    expect(doc.number).toMatch(documentNumberPattern);
    expect(doc.number).toMatch(/^SL-market-2026-\d{6}$/);
    expect(doc.content.title.zh).toBe("受理通知书");
    expect(doc.content.steps.map((s) => s.department.zh)).toEqual(["河北省市场监督管理局", "国家税务总局河北省税务局"]);
    // Two steps in a chain, 20 statutory and 5 promised working days each.
    expect(doc.content.limits).toEqual({ statutoryDays: 40, promisedDays: 10 });
    expect(doc.content.legalBasis.zh).toContain("第三十二条");
    const view = await getCaseDocument(h.db, app.applicant, doc.id);
    expect(view.signature.valid).toBe(true);
    const [audit] = await h.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'document.issue' and ${auditEvents.entityId} = ${doc.id}`);
    expect(audit?.streamId).toBe(app.id);
  });

  it("counts per department and kind: the next acceptance by the same department takes the next serial", async () => {
    const first = await accepted([{ key: "a", department: "health" }]);
    const second = await accepted([{ key: "a", department: "health" }]);
    const serial = async (id: string) => Number((await docsOf(id))[0]!.number.slice(-6));
    expect(await serial(second.id)).toBe((await serial(first.id)) + 1);
  });
});

describe("补正告知书", () => {
  it("renders every item with its department (the window here), its legal basis and the deadline wording", async () => {
    const app = await submitted([{ key: "a", department: "market" }]);
    await requestCompletion(
      h.db,
      clerk,
      {
        applicationId: app.id,
        version: await versionOf(app.id),
        items: [
          { materialKeys: ["projectName"], text: "项目名称与规划批复不一致，请更正" },
          { materialKeys: [], text: "请提供租赁合同复印件" },
        ],
      },
      later(5),
    );
    const [doc] = await docsOf(app.id);
    expect(doc?.kind).toBe("supplementNotice");
    expect(doc?.supplementNoticeId).not.toBeNull();
    expect(doc?.content.items).toEqual([
      {
        department: null,
        kind: "material",
        text: "项目名称与规划批复不一致，请更正",
        materials: [{ name: { zh: "项目名称", en: "Project name" }, legalBasis: "《测试条例》第二条" }],
        legalBasis: "《测试条例》第二条",
      },
      // A document request naming no catalog material rests on the service's own legal basis.
      { department: null, kind: "document", text: "请提供租赁合同复印件", materials: [], legalBasis: "《测试条例》第一条" },
    ]);
    // The notice's own deadline (10 working days from the catalog's default), as stored on it.
    const [notice] = await h.db.select().from(supplementNotices).where(eq(supplementNotices.applicationId, app.id));
    expect(notice?.dueAt).toBeInstanceOf(Date);
    expect(doc?.content.deadline).toBe(shanghaiDate(notice!.dueAt!));
    expect((await verifyCaseDocument(h.db, doc!.number))?.signature.valid).toBe(true);
  });
});

describe("不予许可决定书", () => {
  it("names the denying department, the reason, the steps it cancelled and where to appeal, signed by the denying department", async () => {
    const app = await accepted([
      { key: "a", department: "market" },
      { key: "b", department: "fire" },
      { key: "c", department: "tax" },
    ]);
    await decide(app.id, "b", "fire", "denied", later(60));
    const denial = (await docsOf(app.id)).find((d) => d.kind === "denialDecision");
    expect(denial?.number).toMatch(/^BYXK-fire-2026-\d{6}$/);
    const c = denial!.content;
    expect(c.issuer.zh).toBe("河北省消防救援总队");
    expect(c.reason).toBe("经营场所不符合消防安全要求");
    expect(c.steps.map((s) => `${s.service.zh}/${s.department.zh}`).sort()).toEqual(
      ["测试事项 a/河北省市场监督管理局", "测试事项 c/国家税务总局河北省税务局"].sort(),
    );
    expect(c.remedies).toEqual({
      reconsiderationDays: 60,
      reconsiderationBodies: [{ zh: "河北省人民政府", en: "the People's Government of Hebei" }],
      litigationMonths: 6,
      court: { zh: "河北省消防救援总队所在地有管辖权的人民法院", en: "the competent people's court where Hebei Fire and Rescue Corps sits" },
    });
    expect(c.legalBasis.zh).toContain("第三十八条第二款");
    const view = await getCaseDocument(h.db, app.applicant, denial!.id);
    expect(view.signature.valid).toBe(true);
  });

  it("sends a vertically managed department's refusal to the department above it for reconsideration", async () => {
    const app = await accepted([{ key: "a", department: "tax" }]);
    await decide(app.id, "a", "tax", "denied", later(60));
    const denial = (await docsOf(app.id)).find((d) => d.kind === "denialDecision");
    expect(denial?.content.remedies?.reconsiderationBodies.map((b) => b.zh)).toEqual(["国家税务总局（上一级主管部门）"]);
  });
});

describe("准予许可决定书 and 办结通知", () => {
  it("are both issued by the lead department when the last step is approved", async () => {
    const app = await accepted([
      { key: "a", department: "market" },
      { key: "b", department: "health" },
    ]);
    await decide(app.id, "a", "market", "approved", later(60));
    await decide(app.id, "b", "health", "approved", later(70));
    const docs = await docsOf(app.id);
    expect(docs.map((d) => d.kind).sort()).toEqual(["acceptanceNotice", "approvalDecision", "completionNotice"]);
    const completion = docs.find((d) => d.kind === "completionNotice")!;
    expect(completion.content.steps).toHaveLength(2);
    expect(completion.content.remedies).toBeNull();
    expect(await listCaseDocuments(h.db, app.applicant, app.id)).toHaveLength(3);
  });
});

describe("a refusal needs a reason and a confirmation", () => {
  it("at the window: without the confirmation flag, or without a reason, a field error and nothing written", async () => {
    const app = await submitted([{ key: "a", department: "market" }]);
    const api = callerFor(clerk);
    const version = await versionOf(app.id);
    await expect(api.applications.refuse({ applicationId: app.id, version, reason: "不属于本机关职权范围" } as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("confirmed"),
    });
    await expect(api.applications.refuse({ applicationId: app.id, version, reason: "", confirmed: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await docsOf(app.id)).toEqual([]);
    expect(await versionOf(app.id)).toBe(version);
    await api.applications.refuse({ applicationId: app.id, version, reason: "不属于本机关职权范围", confirmed: true });
    const [doc] = await docsOf(app.id);
    expect(doc?.kind).toBe("nonAcceptanceDecision");
    expect(doc?.content.reason).toBe("不属于本机关职权范围");
    expect(doc?.content.remedies?.reconsiderationDays).toBe(60);
  });

  it("at review: a denial without the confirmation flag is refused and changes nothing", async () => {
    const app = await accepted([{ key: "a", department: "market" }]);
    const actor = await reviewer(h.db, "market");
    const [task] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, app.id));
    const claimed = await claimTask(h.db, actor, { taskId: task!.id, version: task!.version }, later(10));
    const api = callerFor(actor);
    await expect(
      api.review.decide({ taskId: task!.id, version: claimed.version, outcome: "denied", reason: "不符合法定条件", confirmed: false }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("confirmed") });
    expect((await h.db.select().from(reviewTasks).where(eq(reviewTasks.id, task!.id)))[0]?.status).toBe("claimed");
    expect((await docsOf(app.id)).map((d) => d.kind)).toEqual(["acceptanceNotice"]);
  });
});

describe("verification", () => {
  it("fails when any signed fact is changed, and when the signature is replaced", async () => {
    const app = await accepted([{ key: "a", department: "ecology" }]);
    await decide(app.id, "a", "ecology", "denied", later(30));
    const denial = (await docsOf(app.id)).find((d) => d.kind === "denialDecision")!;
    expect((await verifyCaseDocument(h.db, denial.number))?.signature.valid).toBe(true);

    // The reason rewritten in the database: the seal no longer matches.
    const tampered = { ...denial.content, reason: "（已删除理由）" };
    await h.db.update(caseDocuments).set({ content: tampered }).where(eq(caseDocuments.id, denial.id));
    expect((await verifyCaseDocument(h.db, denial.number))?.signature.valid).toBe(false);

    // Put back: valid again; then another document's signature in its place: invalid.
    await h.db.update(caseDocuments).set({ content: denial.content }).where(eq(caseDocuments.id, denial.id));
    expect((await verifyCaseDocument(h.db, denial.number))?.signature.valid).toBe(true);
    const other = (await docsOf(app.id)).find((d) => d.kind === "acceptanceNotice")!;
    await h.db.update(caseDocuments).set({ signature: other.signature }).where(eq(caseDocuments.id, denial.id));
    expect((await verifyCaseDocument(h.db, denial.number))?.signature.valid).toBe(false);
  });

  it("shows the public no personal number, and answers null for an unknown number", async () => {
    expect(await verifyCaseDocument(h.db, "BYXK-market-2026-999999")).toBeNull();
    const api = callerFor(null);
    await expect(api.documents.verify({ number: "not a number" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lets only those who may see the case read its documents", async () => {
    const app = await accepted([{ key: "a", department: "housing" }]);
    const [doc] = await docsOf(app.id);
    const stranger = await newEnterprise(h.db);
    await expect(getCaseDocument(h.db, stranger, doc!.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(listCaseDocuments(h.db, stranger, app.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(getCaseDocument(h.db, await reviewer(h.db, "fire"), doc!.id)).rejects.toMatchObject({ code: "notFound" });
    expect((await getCaseDocument(h.db, await reviewer(h.db, "housing"), doc!.id)).number).toBe(doc!.number);
    expect((await getCaseDocument(h.db, clerk, doc!.id)).number).toBe(doc!.number);
  });
});

describe("key rotation", () => {
  it("closes the old key's window after the last document it signed, so the document still verifies", async () => {
    const app = await accepted([{ key: "a", department: "naturalResources" }]);
    const [doc] = await docsOf(app.id);
    const [dept] = await h.db.select({ id: departments.id }).from(departments).where(eq(departments.code, "naturalResources"));
    // The rotation's clock is behind the signature (two nodes' clocks, or a signature that held the key while the rotation waited).
    await rotateDepartmentKey(h.db, dept!.id, new Date(doc!.signedAt.getTime() - 3600_000));
    const view = await verifyCaseDocument(h.db, doc!.number);
    expect(view?.signature).toMatchObject({ valid: true, inKeyWindow: true });
    // The next document is signed by the new key.
    const next = await accepted([{ key: "a", department: "naturalResources" }]);
    const [nextDoc] = await docsOf(next.id);
    expect(nextDoc?.signingKeyId).not.toBe(doc?.signingKeyId);
    expect((await verifyCaseDocument(h.db, nextDoc!.number))?.signature.valid).toBe(true);
  });
});
