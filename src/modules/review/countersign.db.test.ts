import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { outbox } from "@/modules/notifications/schema";
import { actorByLogin, createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { extraReviewer } from "@/root/testing/staff";
import { answerCountersign } from "./answer-countersign";
import { claimTask } from "./claim-task";
import { listCountersigns } from "./countersigns";
import { decideTask } from "./decide-task";
import { ZAnswerCountersignInput, ZRequestCountersignInput } from "./ops-inputs";
import { requestCountersign } from "./request-countersign";
import { countersigns, reviewTasks } from "./schema";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const market = await reviewer(h.db, "market");
const head = await actorByLogin(h.db, "head.market");
const retired = await extraReviewer(h.db, "market", { active: false });
const tax = await reviewer(h.db, "tax");

const monday = new Date("2026-03-02T01:00:00Z");
const tuesday = new Date("2026-03-03T02:00:00Z");
const wednesday = new Date("2026-03-04T02:00:00Z");

async function claimedMarketTask() {
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
    monday,
  );
  const [app] = await h.db.select().from(applications).where(eq(applications.id, s.id));
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: app?.version ?? 0 }, monday);
  const [task] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, s.id));
  if (!task) throw new Error("task opened");
  const claimed = await claimTask(h.db, market, { taskId: task.id, version: task.version }, monday);
  return { task, version: claimed.version };
}

describe("countersign (加签)", () => {
  it("blocks the decision until the countersigner has given an opinion; both opinions are kept and audited", async () => {
    const { task, version } = await claimedMarketTask();
    const { id } = await requestCountersign(
      h.db,
      market,
      ZRequestCountersignInput.parse({ taskId: task.id, version, countersignerId: head.userId, reason: "涉及新业态，请负责人把关" }),
      tuesday,
    );
    const asked = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, task.applicationId), eq(outbox.kind, "countersignRequested")));
    expect(asked.map((o) => o.recipientUserIds)).toEqual([[head.userId]]);

    await expect(decideTask(h.db, market, { taskId: task.id, version, outcome: "approved", reason: "符合条件" }, tuesday)).rejects.toMatchObject({
      code: "illegalTransition",
      message: "review.ops.errors.countersignPending",
    });
    // Only the countersigner answers, and only once.
    await expect(answerCountersign(h.db, market, { countersignId: id, opinion: "agree", text: "同意" }, wednesday)).rejects.toMatchObject({
      code: "forbidden",
    });
    await answerCountersign(h.db, head, ZAnswerCountersignInput.parse({ countersignId: id, opinion: "agree", text: "同意承办人意见" }), wednesday);
    await expect(answerCountersign(h.db, head, { countersignId: id, opinion: "disagree", text: "改变主意" }, wednesday)).rejects.toMatchObject({
      code: "conflict",
    });

    const decided = await decideTask(h.db, market, { taskId: task.id, version, outcome: "approved", reason: "符合条件" }, wednesday);
    expect(decided.taskStatus).toBe("approved");
    const shown = await listCountersigns(h.db, market, task.id);
    expect(shown).toMatchObject([{ reason: "涉及新业态，请负责人把关", opinion: "agree", opinionText: "同意承办人意见", mine: false }]);
    const actions = (
      await h.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(and(eq(auditEvents.streamId, task.applicationId), eq(auditEvents.entityId, task.id)))
    ).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["task.countersignRequested", "task.countersigned", "task.approve"]));
    const told = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, task.applicationId), eq(outbox.kind, "countersignGiven")));
    expect(told.map((o) => o.recipientUserIds)).toEqual([[market.userId]]);
  });

  it("refuses oneself, someone outside the department or inactive, and a missing reason, on the field, writing nothing", async () => {
    const { task, version } = await claimedMarketTask();
    for (const [countersignerId, key] of [
      [market.userId, "review.ops.errors.countersignSelf"],
      [tax.userId, "review.ops.errors.notInDepartment"],
      [retired.userId, "review.ops.errors.inactive"],
    ] as const) {
      await expect(requestCountersign(h.db, market, { taskId: task.id, version, countersignerId, reason: "请把关" }, tuesday)).rejects.toMatchObject({
        code: "invalidInput",
        field: "countersignerId",
        message: key,
      });
    }
    expect(await h.db.select().from(countersigns).where(eq(countersigns.taskId, task.id))).toHaveLength(0);
    const parsed = ZRequestCountersignInput.safeParse({ taskId: task.id, version, countersignerId: head.userId, reason: "" });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
    // A reviewer who does not hold the task may not ask.
    await expect(requestCountersign(h.db, head, { taskId: task.id, version, countersignerId: market.userId, reason: "请把关" }, tuesday)).rejects.toMatchObject(
      { code: "forbidden" },
    );
  });
});
