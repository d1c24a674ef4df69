import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { getApplication } from "@/modules/applications/get-application";
import { completeSupplement } from "@/modules/applications/complete-supplement";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications, supplementNotices } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { certificates } from "@/modules/sharing/registry-schema";
import { createTestBundle, newEnterprise, reviewer, type TestStep, withDemo } from "@/root/testing/fixtures";
import { claimTask } from "./claim-task";
import { decideTask } from "./decide-task";
import { getTask } from "./get-task";
import { listDepartmentQueue } from "./list-queue";
import { reviewTasks } from "./schema";

const { h, clerk } = await withDemo({ clerk: "clerk" });

// Monday 2 March 2026, 09:00 in China.
const monday = new Date("2026-03-02T01:00:00Z");
const later = (minutes: number, from = monday) => new Date(from.getTime() + minutes * 60_000);

async function submitted(steps: TestStep[], at = monday) {
  const { code } = await createTestBundle(h.db, steps);
  const applicant = await newEnterprise(h.db);
  const input = ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code },
    idempotencyKey: randomUUID(),
    formData: { projectName: "示例项目" },
    materials: {},
    consent: true,
  });
  const result = await submitApplication(h.db, applicant, input, at);
  return { applicant, code, ...result };
}

async function accepted(steps: TestStep[], at = monday) {
  const s = await submitted(steps, at);
  const [app] = await h.db.select().from(applications).where(eq(applications.id, s.id));
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: app?.version ?? 0 }, at);
  return s;
}

async function tasksOf(applicationId: string) {
  const rows = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, applicationId));
  return Object.fromEntries(rows.map((r) => [r.stepKey, r]));
}

async function decide(applicationId: string, step: string, dept: string, outcome: "approved" | "denied" | "supplementRequested", at: Date) {
  const actor = await reviewer(h.db, dept);
  const task = (await tasksOf(applicationId))[step];
  if (!task) throw new Error(`no task ${step}`);
  const claimed = await claimTask(h.db, actor, { taskId: task.id, version: task.version }, at);
  const extra =
    outcome === "denied"
      ? { reason: "不符合法定条件", confirmed: true }
      : outcome === "supplementRequested"
        ? { items: [{ materialKeys: ["projectName"], text: `${dept} 要求补充项目名称` }] }
        : {};
  return decideTask(h.db, actor, { taskId: task.id, version: claimed.version, outcome, ...extra } as never, at);
}

const status = async (id: string) => (await h.db.select({ s: applications.status }).from(applications).where(eq(applications.id, id)))[0]?.s;

describe("acceptance fans out", () => {
  it("opens exactly the steps whose needs are met, each due on the working-day calendar", async () => {
    const app = await accepted([
      { key: "a", department: "market" },
      { key: "b", department: "tax" },
      { key: "c", department: "fire" },
      { key: "d", department: "housing", needs: ["a"] },
    ]);
    const tasks = await tasksOf(app.id);
    expect(Object.fromEntries(Object.entries(tasks).map(([k, t]) => [k, t.status]))).toEqual({ a: "open", b: "open", c: "open", d: "waiting" });
    // Five working days after Monday 2 March: Monday 9 March, end of day in China.
    expect(tasks.a?.dueAt?.toISOString()).toBe("2026-03-09T15:59:59.999Z");
    expect(tasks.d?.dueAt).toBeNull();
    expect(await status(app.id)).toBe("inReview");
  });

  it("counts due dates across the 2026 Spring Festival and its make-up Saturday", async () => {
    // Accepted Thursday 12 February 2026: 13 Feb, Sat 14 Feb (make-up), then the holiday to 23 Feb.
    const app = await accepted([{ key: "a", department: "market", promisedDays: 5 }], new Date("2026-02-12T02:00:00Z"));
    expect((await tasksOf(app.id)).a?.dueAt?.toISOString()).toBe("2026-02-26T15:59:59.999Z");
  });
});

describe("review in parallel", () => {
  it("keeps the DAG's order: a step opens when the steps it needs are approved", async () => {
    const app = await accepted([
      { key: "licence", department: "market" },
      { key: "seal", department: "publicSecurity", needs: ["licence"] },
      { key: "tax", department: "tax", needs: ["licence"] },
    ]);
    expect((await tasksOf(app.id)).seal?.status).toBe("waiting");
    await decide(app.id, "licence", "market", "approved", later(60));
    const tasks = await tasksOf(app.id);
    expect([tasks.seal?.status, tasks.tax?.status]).toEqual(["open", "open"]);
    expect(tasks.seal?.clockStartedAt?.toISOString()).toBe(later(60).toISOString());
  });

  it("merges two requests into one notice once every open task has spoken; only those two reopen, each with the reviewer who asked", async () => {
    const app = await accepted([
      { key: "a", department: "market" },
      { key: "b", department: "health" },
      { key: "c", department: "fire" },
    ]);
    await decide(app.id, "a", "market", "supplementRequested", later(10));
    // Still waiting for the others: no notice yet, nobody waits on market.
    expect(await status(app.id)).toBe("inReview");
    // Staff see market's request at once; the applicant waits for the one merged notice.
    const staffView = await getApplication(h.db, await reviewer(h.db, "health"), app.id, later(11));
    expect(staffView.tasks.find((t) => t.stepKey === "a")?.requested).toEqual(["market 要求补充项目名称"]);
    const applicantView = await getApplication(h.db, app.applicant, app.id, later(11));
    expect(applicantView.tasks.find((t) => t.stepKey === "a")?.requested).toBeNull();
    await decide(app.id, "b", "health", "approved", later(20));
    expect(await h.db.select().from(supplementNotices).where(eq(supplementNotices.applicationId, app.id))).toHaveLength(0);
    await decide(app.id, "c", "fire", "supplementRequested", later(30));

    const notices = await h.db.select().from(supplementNotices).where(eq(supplementNotices.applicationId, app.id));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.items.map((i) => i.text).sort()).toEqual(["fire 要求补充项目名称", "market 要求补充项目名称"]);
    expect(await status(app.id)).toBe("supplementRequired");
    const before = await tasksOf(app.id);

    // The applicant answers eight calendar days later (six working days); the clocks stood still.
    const answered = new Date("2026-03-10T02:00:00Z");
    const [row] = await h.db.select().from(applications).where(eq(applications.id, app.id));
    await completeSupplement(
      h.db,
      app.applicant,
      { applicationId: app.id, version: row?.version ?? 0, formData: { projectName: "示例项目（补正）" }, materials: {} },
      answered,
    );

    const after = await tasksOf(app.id);
    expect([after.a?.status, after.b?.status, after.c?.status]).toEqual(["claimed", "approved", "claimed"]);
    expect(after.a?.claimedBy).toBe((await reviewer(h.db, "market")).userId);
    expect(after.c?.claimedBy).toBe((await reviewer(h.db, "fire")).userId);
    expect(await status(app.id)).toBe("inReview");
    // Paused from 2 March (Mon) to 10 March (Tue): 6 working days (2,3,4,5,6,9 March) moved.
    expect(before.a?.dueAt?.toISOString()).toBe("2026-03-09T15:59:59.999Z");
    expect(after.a?.dueAt?.toISOString()).toBe("2026-03-17T15:59:59.999Z");
    const [updated] = await h.db.select().from(applications).where(eq(applications.id, app.id));
    expect(updated?.formData.projectName).toBe("示例项目（补正）");
  });

  it("a denial denies the application and cancels every other live task", async () => {
    const app = await accepted([
      { key: "a", department: "market" },
      { key: "b", department: "tax" },
      { key: "c", department: "fire", needs: ["a"] },
    ]);
    await decide(app.id, "b", "tax", "denied", later(5));
    const tasks = await tasksOf(app.id);
    expect([tasks.a?.status, tasks.b?.status, tasks.c?.status]).toEqual(["cancelled", "denied", "cancelled"]);
    expect(await status(app.id)).toBe("denied");
  });

  it("all approved: approved, certificates issued into the registry, completed", async () => {
    const app = await accepted([
      { key: "a", department: "market", issues: "foodBusinessLicence" },
      { key: "b", department: "fire", issues: "fireSafetyInspection" },
    ]);
    await decide(app.id, "a", "market", "approved", later(5));
    expect(await status(app.id)).toBe("inReview");
    await decide(app.id, "b", "fire", "approved", later(6));
    expect(await status(app.id)).toBe("completed");
    const issued = await h.db.select().from(certificates).where(eq(certificates.sourceApplicationId, app.id));
    expect(issued.map((c) => c.typeCode).sort()).toEqual(["fireSafetyInspection", "foodBusinessLicence"]);
    expect(issued.map((c) => c.status)).toEqual(["valid", "valid"]);
    const events = await h.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.streamId, app.id));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "application.submit",
        "application.accept",
        "task.open",
        "task.claim",
        "task.approve",
        "application.approve",
        "certificate.issue",
        "application.complete",
      ]),
    );
  });
});

describe("bad moves", () => {
  it("forbids deciding another department's task", async () => {
    const app = await accepted([{ key: "a", department: "market" }]);
    const task = (await tasksOf(app.id)).a;
    const wrong = await reviewer(h.db, "tax");
    await expect(claimTask(h.db, wrong, { taskId: task?.id ?? "", version: task?.version ?? 0 }, later(1))).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideTask(h.db, wrong, { taskId: task?.id ?? "", version: task?.version ?? 0, outcome: "approved" }, later(1))).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("deciding twice is a conflict; an illegal move names the state and the event", async () => {
    const app = await accepted([
      { key: "a", department: "market" },
      { key: "b", department: "tax" },
    ]);
    const actor = await reviewer(h.db, "market");
    const task = (await tasksOf(app.id)).a;
    const claimed = await claimTask(h.db, actor, { taskId: task?.id ?? "", version: task?.version ?? 0 }, later(1));
    await decideTask(h.db, actor, { taskId: task?.id ?? "", version: claimed.version, outcome: "approved" }, later(2));
    await expect(
      decideTask(h.db, actor, { taskId: task?.id ?? "", version: claimed.version, outcome: "denied", reason: "再次决定", confirmed: true }, later(3)),
    ).rejects.toMatchObject({ code: "conflict" });
    const fresh = (await tasksOf(app.id)).a;
    await expect(
      decideTask(h.db, actor, { taskId: fresh?.id ?? "", version: fresh?.version ?? 0, outcome: "denied", reason: "再次决定", confirmed: true }, later(3)),
    ).rejects.toMatchObject({ code: "illegalTransition", message: expect.stringContaining('"from":"@applications.status.task.approved"') });
  });

  it("a submission missing required materials lists every gap and writes nothing", async () => {
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }], { requiredUpload: true });
    const applicant = await newEnterprise(h.db);
    const key = randomUUID();
    const input = ZSubmitApplicationInput.parse({ subject: { kind: "bundle", code }, idempotencyKey: key, formData: {}, materials: {}, consent: false });
    const error = await submitApplication(h.db, applicant, input, monday).catch((e: unknown) => e);
    expect((error as { issues?: Array<{ path: unknown[] }> }).issues?.map((i) => i.path.join("."))).toEqual(["formData.projectName", "materials.sitePhoto"]);
    const rows = await h.db
      .select()
      .from(applications)
      .where(and(eq(applications.principalId, applicant.entityId ?? ""), eq(applications.idempotencyKey, key)));
    expect(rows).toHaveLength(0);
  });

  it("submitting twice with one key makes one application", async () => {
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const applicant = await newEnterprise(h.db);
    const input = ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: randomUUID(),
      formData: { projectName: "x" },
      materials: {},
      consent: true,
    });
    const first = await submitApplication(h.db, applicant, input, monday);
    const second = await submitApplication(h.db, applicant, input, later(1));
    expect(second).toMatchObject({ id: first.id, trackingNumber: first.trackingNumber, replayed: true });
    const [n] = await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(applications)
      .where(eq(applications.principalId, applicant.entityId ?? ""));
    expect(n?.n).toBe(1);
    expect(first.trackingNumber).toMatch(/^13010220260302\d{6}$/);
  });
});

describe("the department's queue", () => {
  it("pages with the total, so the last page has no next page", async () => {
    await accepted([{ key: "a", department: "ecology" }]);
    const actor = await reviewer(h.db, "ecology");
    const dept = { ...actor, departmentId: actor.departmentId ?? "" };
    const first = await listDepartmentQueue(h.db, dept, { status: "all", overdueOnly: false, page: 1 }, monday);
    const [{ n }] = (await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(reviewTasks)
      .where(eq(reviewTasks.departmentId, dept.departmentId))) as [{ n: number }];
    expect(first.total).toBe(n);
    expect(first.rows.length).toBe(Math.min(n, first.pageSize));
    const last = Math.max(1, Math.ceil(n / first.pageSize));
    const beyond = await listDepartmentQueue(h.db, dept, { status: "all", overdueOnly: false, page: last + 1 }, monday);
    expect(beyond).toMatchObject({ total: n, rows: [] });
  });
});

describe("a task's page", () => {
  it("names the colleague who claimed it", async () => {
    const app = await accepted([{ key: "a", department: "ecology" }]);
    const actor = await reviewer(h.db, "ecology");
    const task = (await tasksOf(app.id)).a!;
    await claimTask(h.db, actor, { taskId: task.id, version: task.version }, monday);
    const detail = await getTask(h.db, actor, task.id, monday);
    expect(detail.task).toMatchObject({ status: "claimed", claimedByMe: true, claimedByName: actor.displayName });
  });
});
