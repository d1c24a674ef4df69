import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/modules/audit/schema";
import type { Actor } from "@/modules/identity/model";
import { dispatchOutbox } from "@/modules/notifications/dispatch-outbox";
import { listNotifications } from "@/modules/notifications/list-notifications";
import { outbox } from "@/modules/notifications/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { ZDecideTaskInput } from "@/modules/review/inputs";
import { decisions, reviewTasks } from "@/modules/review/schema";
import { createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { acceptApplication } from "./accept-application";
import { completeSupplement } from "./complete-supplement";
import { getApplication } from "./get-application";
import { ZCompleteSupplementInput, ZSubmitApplicationInput } from "./inputs";
import { readUpload } from "./read-upload";
import { scanOverdueNotices } from "./scan-overdue-notices";
import { applications, supplementAnswers, supplementNotices } from "./schema";
import { submitApplication } from "./submit-application";
import { uploadFile } from "./upload-file";

const { h, clerk, office } = await withDemo({ clerk: "clerk", office: "dataoffice" });

const pdf = new Uint8Array([...Buffer.from("%PDF-1.4\n%lease\n")]);
const at = (iso: string) => new Date(iso);

/** A bundle of two departments' steps (market, health), accepted at `when`. */
async function accepted(when: Date) {
  const { code } = await createTestBundle(h.db, [
    { key: "licence", department: "market" },
    { key: "hygiene", department: "health" },
  ]);
  const applicant = await newEnterprise(h.db);
  const input = ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code },
    idempotencyKey: randomUUID(),
    formData: { projectName: "示例餐厅" },
    materials: {},
    consent: true,
  });
  const s = await submitApplication(h.db, applicant, input, when);
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: await versionOf(s.id) }, when);
  return { id: s.id, applicant };
}

const versionOf = async (id: string) => (await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, id)))[0]?.v ?? 0;
const statusOf = async (id: string) => (await h.db.select({ s: applications.status }).from(applications).where(eq(applications.id, id)))[0]?.s;

async function taskOf(applicationId: string, step: string) {
  const [task] = await h.db
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.applicationId, applicationId), eq(reviewTasks.stepKey, step)));
  if (!task) throw new Error(`no task ${step}`);
  return task;
}

/** A reviewer of `dept` claims the step's task and asks for `items`. */
async function ask(applicationId: string, step: string, dept: string, items: unknown[], when: Date) {
  const actor = await reviewer(h.db, dept);
  const task = await taskOf(applicationId, step);
  const claimed = await claimTask(h.db, actor, { taskId: task.id, version: task.version }, when);
  const input = ZDecideTaskInput.parse({ taskId: task.id, version: claimed.version, outcome: "supplementRequested", items });
  return decideTask(h.db, actor, input, when);
}

const applicantOutbox = async (applicationId: string, applicant: Actor) =>
  (await h.db.select().from(outbox).where(eq(outbox.applicationId, applicationId)).orderBy(outbox.createdAt, outbox.id)).filter((r) =>
    r.recipientUserIds.includes(applicant.userId),
  );

const inboxKinds = async (applicant: Actor, applicationId: string) => {
  // The whole backlog: on a shared PostgreSQL database other files leave rows waiting too.
  while ((await dispatchOutbox(h.db, { batchSize: 500, mailer: null })) > 0);
  const page = await listNotifications(h.db, applicant, {});
  return page.items.filter((i) => i.href === `/applications/${applicationId}`).map((i) => i.kind);
};

const documentItem = { kind: "document", text: "请提供经营场所的租赁合同", legalBasis: "《食品经营许可和备案管理办法》第十二条" };
const questionItem = { kind: "question", text: "请说明厨房的排烟设施如何设置" };

describe("one notice", () => {
  it("reaches the applicant only when the last running department has spoken: no early row in the outbox, the inbox or the case page", async () => {
    const app = await accepted(at("2026-03-02T01:00:00Z"));
    const before = (await applicantOutbox(app.id, app.applicant)).length;

    await ask(app.id, "licence", "market", [documentItem], at("2026-03-02T02:00:00Z"));
    expect(await statusOf(app.id)).toBe("inReview");
    expect(await applicantOutbox(app.id, app.applicant)).toHaveLength(before);
    expect(await inboxKinds(app.applicant, app.id)).not.toContain("supplementNotice");
    expect(await inboxKinds(app.applicant, app.id)).not.toContain("taskDecided");
    const early = await getApplication(h.db, app.applicant, app.id, at("2026-03-02T02:30:00Z"));
    expect(early.notices).toEqual([]);
    // The department that asked is shown as still reviewing, with no decision date.
    expect(early.tasks.find((t) => t.stepKey === "licence")).toMatchObject({ status: "claimed", decidedAt: null, requested: null });
    // Staff see the request at once.
    const staff = await getApplication(h.db, await reviewer(h.db, "health"), app.id, at("2026-03-02T02:30:00Z"));
    expect(staff.tasks.find((t) => t.stepKey === "licence")).toMatchObject({ status: "supplementRequested", requested: [documentItem.text] });

    await ask(app.id, "hygiene", "health", [questionItem], at("2026-03-02T03:00:00Z"));
    expect(await statusOf(app.id)).toBe("supplementRequired");
    const rows = await applicantOutbox(app.id, app.applicant);
    expect(rows.slice(before).map((r) => r.kind)).toEqual(["supplementNotice"]);
    expect(rows.at(-1)?.params).toMatchObject({ count: 2, dueDate: "2026-03-16" });
    expect((await inboxKinds(app.applicant, app.id)).filter((k) => k === "supplementNotice")).toHaveLength(1);
    const told = await getApplication(h.db, app.applicant, app.id, at("2026-03-02T04:00:00Z"));
    expect(told.tasks.map((t) => t.status)).toEqual(["supplementRequested", "supplementRequested"]);
  });

  it("carries free-text document requests and questions with their departments and legal basis; both are answered, kept and seen by staff", async () => {
    const app = await accepted(at("2026-03-02T01:00:00Z"));
    await ask(app.id, "licence", "market", [documentItem], at("2026-03-02T02:00:00Z"));
    await ask(
      app.id,
      "hygiene",
      "health",
      [questionItem, { kind: "material", materialKeys: ["projectName"], text: "项目名称与招牌不一致" }],
      at("2026-03-02T03:00:00Z"),
    );

    const [notice] = await h.db.select().from(supplementNotices).where(eq(supplementNotices.applicationId, app.id));
    const market = await reviewer(h.db, "market");
    const health = await reviewer(h.db, "health");
    expect(notice?.items).toEqual([
      {
        kind: "document",
        departmentId: market.departmentId,
        taskId: expect.any(String),
        materialKeys: [],
        text: documentItem.text,
        legalBasis: documentItem.legalBasis,
      },
      { kind: "question", departmentId: health.departmentId, taskId: expect.any(String), materialKeys: [], text: questionItem.text, legalBasis: null },
      // A catalog material without a basis of its own takes the material's (the fixture's 《测试条例》第二条).
      {
        kind: "material",
        departmentId: health.departmentId,
        taskId: expect.any(String),
        materialKeys: ["projectName"],
        text: "项目名称与招牌不一致",
        legalBasis: "《测试条例》第二条",
      },
    ]);
    // Ten working days from Monday 2 March 2026: Monday 16 March, end of the day in China.
    expect([notice?.dueDays, notice?.dueAt?.toISOString()]).toEqual([10, "2026-03-16T15:59:59.999Z"]);

    const view = await getApplication(h.db, app.applicant, app.id, at("2026-03-03T01:00:00Z"));
    expect(view.notices[0]?.items.map((i) => [i.kind, i.departmentNameZh, i.legalBasis])).toEqual([
      ["document", "河北省市场监督管理局", documentItem.legalBasis],
      ["question", "河北省卫生健康委员会", null],
      ["material", "河北省卫生健康委员会", "《测试条例》第二条"],
    ]);

    // Nothing answered: every gap named on its field, nothing written.
    const version = await versionOf(app.id);
    const none = await completeSupplement(
      h.db,
      app.applicant,
      { applicationId: app.id, version, formData: { projectName: "示例餐厅（更正）" }, materials: {}, answers: {} },
      at("2026-03-03T02:00:00Z"),
    ).catch((e: unknown) => e);
    expect((none as { issues?: Array<{ path: unknown[]; message: string }> }).issues).toEqual([
      expect.objectContaining({ path: ["answers", "0", "uploadId"], message: "applications.validation.answerUpload" }),
      expect.objectContaining({ path: ["answers", "1", "text"], message: "applications.validation.answerText" }),
    ]);
    // An answer to a material item or to no item at all is refused too.
    const stray = await completeSupplement(
      h.db,
      app.applicant,
      { applicationId: app.id, version, formData: { projectName: "示例餐厅（更正）" }, materials: {}, answers: { "2": { text: "x" }, "9": { text: "x" } } },
      at("2026-03-03T02:00:00Z"),
    ).catch((e: unknown) => e);
    expect((stray as { issues?: Array<{ path: unknown[] }> }).issues?.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["answers.2", "answers.9"]));
    // Someone else's file is not an answer.
    const stranger = await newEnterprise(h.db);
    const foreign = await uploadFile(h.db, stranger, { fileName: "other.pdf", content: pdf });
    const notMine = await completeSupplement(
      h.db,
      app.applicant,
      {
        applicationId: app.id,
        version,
        formData: { projectName: "示例餐厅（更正）" },
        materials: {},
        answers: { "0": { uploadId: foreign.id }, "1": { text: "排烟管道从屋顶排出" } },
      },
      at("2026-03-03T02:00:00Z"),
    ).catch((e: unknown) => e);
    expect((notMine as { issues?: Array<{ path: unknown[] }> }).issues?.map((i) => i.path.join("."))).toEqual(["answers.0.uploadId"]);
    expect(await statusOf(app.id)).toBe("supplementRequired");
    expect(
      await h.db
        .select()
        .from(supplementAnswers)
        .where(eq(supplementAnswers.noticeId, notice?.id ?? "")),
    ).toEqual([]);

    const lease = await uploadFile(h.db, app.applicant, { fileName: "租赁合同.pdf", content: pdf });
    await completeSupplement(
      h.db,
      app.applicant,
      {
        applicationId: app.id,
        version,
        formData: { projectName: "示例餐厅（更正）" },
        materials: {},
        answers: { "0": { uploadId: lease.id }, "1": { text: "排烟管道从屋顶排出，已装油烟净化器" } },
      },
      at("2026-03-04T02:00:00Z"),
    );
    expect(await statusOf(app.id)).toBe("inReview");

    // The applicant keeps the notice and the answers; the asking departments' reviewers see them.
    for (const viewer of [app.applicant, market, health]) {
      const kept = await getApplication(h.db, viewer, app.id, at("2026-03-05T01:00:00Z"));
      expect(kept.notices).toHaveLength(1);
      expect(kept.notices[0]).toMatchObject({ answeredLate: false, overdue: false, completedAt: at("2026-03-04T02:00:00Z") });
      expect(kept.notices[0]?.items.map((i) => i.answer && { text: i.answer.text, file: i.answer.upload?.fileName ?? null })).toEqual([
        { text: null, file: "租赁合同.pdf" },
        { text: "排烟管道从屋顶排出，已装油烟净化器", file: null },
        null,
      ]);
    }
    // The file answering market's request: market's reviewer and the window read it; health did not ask for it.
    expect((await readUpload(h.db, market, lease.id)).fileName).toBe("租赁合同.pdf");
    expect((await readUpload(h.db, clerk, lease.id)).fileName).toBe("租赁合同.pdf");
    await expect(readUpload(h.db, health, lease.id)).rejects.toMatchObject({ code: "notFound" });
  });

  it("refuses a request item without text, or a material item naming no or an unknown material, writing nothing", async () => {
    const parsed = ZDecideTaskInput.safeParse({
      taskId: randomUUID(),
      version: 1,
      outcome: "supplementRequested",
      items: [
        { kind: "document", text: "  " },
        { kind: "material", materialKeys: [], text: "请补交材料" },
      ],
    });
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["items.0.text", "applications.validation.noticeText"],
      ["items.1.materialKeys", "applications.validation.noticeMaterials"],
    ]);

    // Answers are keyed by the item's position, written one way only.
    const answers = (a: Record<string, unknown>) => ZCompleteSupplementInput.safeParse({ applicationId: randomUUID(), version: 1, answers: a }).success;
    expect([answers({ "0": { text: "x" } }), answers({ "00": { text: "x" } }), answers({ "-1": { text: "x" } })]).toEqual([true, false, false]);

    const app = await accepted(at("2026-03-02T01:00:00Z"));
    const unknown = await ask(
      app.id,
      "licence",
      "market",
      [{ kind: "material", materialKeys: ["noSuchMaterial"], text: "请补交材料" }],
      at("2026-03-02T02:00:00Z"),
    ).catch((e: unknown) => e);
    expect((unknown as { issues?: Array<{ path: unknown[] }> }).issues?.map((i) => i.path.join("."))).toEqual(["items.0.materialKeys"]);
    const task = await taskOf(app.id, "licence");
    expect(task.status).toBe("claimed");
    expect(await h.db.select().from(decisions).where(eq(decisions.taskId, task.id))).toEqual([]);
  });

  it("has a deadline in working days across the Spring Festival; the job tells the data office and the asking departments once, and a late answer is accepted and marked", async () => {
    // Accepted and asked on Thursday 12 February 2026. Working days after it: Fri 13, Sat 14 (make-up),
    // then the holiday to Mon 23; 24, 25, 26, 27, Sat 28 Feb (make-up), 2, 3, 4 March: the 10th is Wednesday 4 March.
    const app = await accepted(at("2026-02-12T02:00:00Z"));
    await ask(app.id, "licence", "market", [documentItem], at("2026-02-12T03:00:00Z"));
    await ask(app.id, "hygiene", "health", [questionItem], at("2026-02-12T04:00:00Z"));
    const [notice] = await h.db.select().from(supplementNotices).where(eq(supplementNotices.applicationId, app.id));
    expect(notice?.dueAt?.toISOString()).toBe("2026-03-04T15:59:59.999Z");

    const overdueRows = async () =>
      (
        await h.db
          .select()
          .from(outbox)
          .where(and(eq(outbox.applicationId, app.id), eq(outbox.kind, "supplementOverdue")))
      ).map((r) => r.recipientUserIds);
    // The last minute of the deadline: nothing yet.
    await scanOverdueNotices(h.db, at("2026-03-04T15:59:00Z"));
    expect(await overdueRows()).toEqual([]);
    const view = await getApplication(h.db, app.applicant, app.id, at("2026-03-04T15:59:00Z"));
    expect(view.notices[0]?.overdue).toBe(false);

    // Past it: told once, however often the job runs.
    await scanOverdueNotices(h.db, at("2026-03-04T16:01:00Z"));
    await scanOverdueNotices(h.db, at("2026-03-04T16:02:00Z"));
    const told = await overdueRows();
    expect(told).toHaveLength(1);
    expect(told[0]).toEqual(expect.arrayContaining([office.userId, (await reviewer(h.db, "market")).userId, (await reviewer(h.db, "health")).userId]));
    expect(told[0]).not.toContain(app.applicant.userId);
    expect(told[0]).not.toContain((await reviewer(h.db, "tax")).userId);
    const audited = await h.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.streamId, app.id), eq(auditEvents.action, "application.noticeOverdue")));
    expect(audited).toHaveLength(1);
    expect((await getApplication(h.db, app.applicant, app.id, at("2026-03-05T01:00:00Z"))).notices[0]?.overdue).toBe(true);

    // Answered on Friday 6 March, two days late: accepted, marked late, the tasks back with their askers.
    const lease = await uploadFile(h.db, app.applicant, { fileName: "租赁合同.pdf", content: pdf });
    await completeSupplement(
      h.db,
      app.applicant,
      {
        applicationId: app.id,
        version: await versionOf(app.id),
        formData: {},
        materials: {},
        answers: { "0": { uploadId: lease.id }, "1": { text: "排烟管道从屋顶排出" } },
      },
      at("2026-03-06T02:00:00Z"),
    );
    const [answered] = await h.db
      .select()
      .from(supplementNotices)
      .where(eq(supplementNotices.id, notice?.id ?? ""));
    expect([answered?.answeredLate, answered?.completedBy]).toEqual([true, app.applicant.userId]);
    expect(await statusOf(app.id)).toBe("inReview");
    const kept = await getApplication(h.db, app.applicant, app.id, at("2026-03-06T03:00:00Z"));
    expect(kept.notices[0]).toMatchObject({ answeredLate: true, overdue: false });
    const supplementEvent = await h.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.streamId, app.id), eq(auditEvents.action, "application.supplement")));
    expect(supplementEvent[0]?.data).toMatchObject({ late: true });

    // An answered notice is never reported.
    await scanOverdueNotices(h.db, at("2026-03-09T01:00:00Z"));
    expect(await overdueRows()).toHaveLength(1);
  });

  it("returns each reopened task to the reviewer who asked, claimed by them, and tells only them", async () => {
    const app = await accepted(at("2026-03-02T01:00:00Z"));
    await ask(app.id, "licence", "market", [questionItem], at("2026-03-02T02:00:00Z"));
    await ask(app.id, "hygiene", "health", [{ kind: "question", text: "请说明从业人员健康证情况" }], at("2026-03-02T03:00:00Z"));
    const before = (
      await h.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.applicationId, app.id), eq(outbox.kind, "taskOpened")))
    ).length;
    await completeSupplement(
      h.db,
      app.applicant,
      { applicationId: app.id, version: await versionOf(app.id), formData: {}, materials: {}, answers: { "0": { text: "已设置" }, "1": { text: "均已办理" } } },
      at("2026-03-03T02:00:00Z"),
    );
    const market = await reviewer(h.db, "market");
    const health = await reviewer(h.db, "health");
    const licence = await taskOf(app.id, "licence");
    const hygiene = await taskOf(app.id, "hygiene");
    expect([licence.status, licence.claimedBy, hygiene.status, hygiene.claimedBy]).toEqual(["claimed", market.userId, "claimed", health.userId]);
    const opened = (
      await h.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.applicationId, app.id), eq(outbox.kind, "taskOpened")))
    ).slice(before);
    expect(opened.map((r) => r.recipientUserIds).sort()).toEqual([[market.userId], [health.userId]].sort());
    const resumed = await h.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.streamId, app.id), eq(auditEvents.action, "task.resume")));
    expect(resumed).toHaveLength(2);

    // The asker decides at once, without claiming again.
    const decided = await decideTask(h.db, market, { taskId: licence.id, version: licence.version, outcome: "approved" }, at("2026-03-03T03:00:00Z"));
    expect(decided.taskStatus).toBe("approved");
  });
});
