import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { departments } from "@/modules/identity/schema";
import { actorByLogin, createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { claimTask } from "./claim-task";
import { decideTask } from "./decide-task";
import { ZSaveOpinionTemplateInput } from "./inputs";
import { maxOpinionTemplatesPerDepartment } from "./model";
import { nextTask } from "./next-task";
import { deleteOpinionTemplate, listOpinionTemplates, saveOpinionTemplate } from "./opinion-templates";
import { opinionTemplates, reviewTasks } from "./schema";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const market = await reviewer(h.db, "market");
const tax = await reviewer(h.db, "tax");
const dataOffice = await actorByLogin(h.db, "dataoffice");
if (!market.departmentId || !tax.departmentId) throw new Error("demo reviewers have departments");
const marketReviewer = { ...market, departmentId: market.departmentId };

const monday = new Date("2026-03-02T01:00:00Z");
const tuesday = new Date("2026-03-03T02:00:00Z");

async function acceptedMarketTask(at = monday) {
  const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
  const applicant = await newEnterprise(h.db);
  const s = await submitApplication(
    h.db,
    applicant,
    ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: randomUUID(),
      formData: { projectName: "x" },
      materials: {},
      consent: true,
    }),
    at,
  );
  const [app] = await h.db.select().from(applications).where(eq(applications.id, s.id));
  if (!app) throw new Error("submitted");
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: app.version }, at);
  const [task] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, s.id));
  if (!task) throw new Error("task opened");
  return { app, task };
}

const taskRow = async (id: string) => (await h.db.select().from(reviewTasks).where(eq(reviewTasks.id, id)))[0];
const actionsOf = async (taskId: string) =>
  (
    await h.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "reviewTask"), eq(auditEvents.entityId, taskId)))
  ).map((r) => r.action);

describe("claim-and-decide", () => {
  it("a reviewer deciding an unclaimed task claims it in the same transaction, and both are audited", async () => {
    const { task } = await acceptedMarketTask();
    const result = await decideTask(h.db, market, { taskId: task.id, version: task.version, outcome: "approved", reason: "符合条件" }, tuesday);
    expect(result.taskStatus).toBe("approved");
    const after = await taskRow(task.id);
    expect(after).toMatchObject({ status: "approved", claimedBy: market.userId, decidedBy: market.userId, reason: "符合条件" });
    expect(after?.claimedAt?.toISOString()).toBe(tuesday.toISOString());
    expect(await actionsOf(task.id)).toEqual(expect.arrayContaining(["task.claim", "task.approve"]));
  });

  it("a refused decision leaves the task unclaimed: the claim is rolled back with it", async () => {
    const { task } = await acceptedMarketTask();
    // A stale version: someone acted first.
    await expect(decideTask(h.db, market, { taskId: task.id, version: task.version + 5, outcome: "approved" }, tuesday)).rejects.toMatchObject({
      code: "conflict",
    });
    // Another department's reviewer may not decide it at all.
    await expect(decideTask(h.db, tax, { taskId: task.id, version: task.version, outcome: "approved" }, tuesday)).rejects.toMatchObject({ code: "forbidden" });
    expect(await taskRow(task.id)).toMatchObject({ status: "open", claimedBy: null, version: task.version });
    expect(await actionsOf(task.id)).not.toContain("task.claim");
  });

  it("a task a colleague holds cannot be decided by claim-and-decide", async () => {
    const { task } = await acceptedMarketTask();
    const colleague = { ...market, userId: dataOffice.userId };
    const claimed = await claimTask(h.db, colleague, { taskId: task.id, version: task.version }, tuesday);
    await expect(decideTask(h.db, market, { taskId: task.id, version: claimed.version, outcome: "approved" }, tuesday)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("next task", () => {
  it("offers the earliest due task that is the reviewer's or nobody's, never the one just decided", async () => {
    // Accepted a day earlier than anything else this file makes: the earliest due of these two.
    const early = await acceptedMarketTask(new Date("2026-02-27T01:00:00Z"));
    const next = await nextTask(h.db, marketReviewer);
    expect(next).not.toBeNull();
    const nextRow = await taskRow(next?.taskId ?? "");
    expect(nextRow?.departmentId).toBe(market.departmentId);
    expect(nextRow?.claimedBy === null || nextRow?.claimedBy === market.userId).toBe(true);
    expect((nextRow?.dueAt?.getTime() ?? 0) <= (early.task.dueAt?.getTime() ?? 0)).toBe(true);
    await decideTask(h.db, market, { taskId: early.task.id, version: early.task.version, outcome: "approved" }, tuesday);
    const after = await nextTask(h.db, marketReviewer, early.task.id);
    expect(after?.taskId).not.toBe(early.task.id);
    const afterRow = await taskRow(after?.taskId ?? "");
    expect(["open", "claimed"]).toContain(afterRow?.status);
  });
});

describe("opinion templates", () => {
  it("the data office keeps a department's templates; its reviewers read them, others cannot", async () => {
    const input = ZSaveOpinionTemplateInput.parse({
      departmentId: market.departmentId,
      outcome: "denied",
      title: `材料不全 ${randomUUID().slice(0, 6)}`,
      body: "申请材料不齐全，不符合法定形式。",
    });
    const { id } = await saveOpinionTemplate(h.db, dataOffice, input);
    expect((await listOpinionTemplates(h.db, market, market.departmentId ?? "")).map((t) => t.id)).toContain(id);
    await expect(listOpinionTemplates(h.db, tax, market.departmentId ?? "")).rejects.toMatchObject({ code: "forbidden" });
    // A reviewer may not keep templates.
    await expect(saveOpinionTemplate(h.db, market, input)).rejects.toMatchObject({ code: "forbidden" });
    // The same title twice in one department: a field error, nothing written.
    const count = (
      await h.db
        .select()
        .from(opinionTemplates)
        .where(eq(opinionTemplates.departmentId, market.departmentId ?? ""))
    ).length;
    await expect(saveOpinionTemplate(h.db, dataOffice, input)).rejects.toMatchObject({ code: "conflict", field: "title" });
    expect(
      (
        await h.db
          .select()
          .from(opinionTemplates)
          .where(eq(opinionTemplates.departmentId, market.departmentId ?? ""))
      ).length,
    ).toBe(count);
    // Changed, then removed; each audited.
    await saveOpinionTemplate(h.db, dataOffice, { ...input, id, body: "申请材料不齐全。" });
    expect((await listOpinionTemplates(h.db, market, market.departmentId ?? "")).find((t) => t.id === id)?.body).toBe("申请材料不齐全。");
    await deleteOpinionTemplate(h.db, dataOffice, id);
    expect((await listOpinionTemplates(h.db, market, market.departmentId ?? "")).map((t) => t.id)).not.toContain(id);
    const audit = await h.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, id)).orderBy(asc(auditEvents.seq));
    expect(audit.map((a) => a.action)).toEqual(["opinionTemplate.save", "opinionTemplate.save", "opinionTemplate.delete"]);
  });

  it("is bounded: title and text lengths, and the number a department keeps", async () => {
    const base = { departmentId: tax.departmentId, outcome: "approved" as const };
    expect(ZSaveOpinionTemplateInput.safeParse({ ...base, title: "x", body: "同意办理。" }).success).toBe(false);
    expect(ZSaveOpinionTemplateInput.safeParse({ ...base, title: "同意", body: "x".repeat(1001) }).success).toBe(false);
    expect(ZSaveOpinionTemplateInput.safeParse({ ...base, outcome: "supplementRequested", title: "同意", body: "同意办理。" }).success).toBe(false);
    // A department of its own, so the count is this test's.
    const [dept] = await h.db
      .insert(departments)
      .values({ code: `t-tpl-${randomUUID().slice(0, 8)}`, nameZh: "测试模板部门", nameEn: "Template test department", level: "city", divisionCode: "130100" })
      .returning({ id: departments.id });
    for (let i = 0; i < maxOpinionTemplatesPerDepartment; i++) {
      await saveOpinionTemplate(
        h.db,
        dataOffice,
        ZSaveOpinionTemplateInput.parse({ departmentId: dept?.id, outcome: "approved", title: `模板 ${i}`, body: "同意办理。" }),
      );
    }
    await expect(
      saveOpinionTemplate(
        h.db,
        dataOffice,
        ZSaveOpinionTemplateInput.parse({ departmentId: dept?.id, outcome: "approved", title: "再多一个", body: "同意办理。" }),
      ),
    ).rejects.toMatchObject({ code: "invalidInput" });
    await expect(
      saveOpinionTemplate(
        h.db,
        dataOffice,
        ZSaveOpinionTemplateInput.parse({ departmentId: randomUUID(), outcome: "approved", title: "无此部门", body: "同意办理。" }),
      ),
    ).rejects.toMatchObject({ code: "invalidInput", field: "departmentId" });
  });
});
