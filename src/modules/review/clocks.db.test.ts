import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { getApplication } from "@/modules/applications/get-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { shanghaiDate } from "@/modules/calendar/model";
import { verifyCaseDocument } from "@/modules/documents/read-documents";
import { caseDocuments } from "@/modules/documents/schema";
import type { Actor } from "@/modules/identity/model";
import { outbox } from "@/modules/notifications/schema";
import { actorByLogin, createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { caseClocks } from "./case-clocks";
import { ZDecideExtensionInput, ZRequestExtensionInput, ZStartPauseInput } from "./clock-inputs";
import { decideExtension } from "./decide-extension";
import { listDepartmentQueue as listQueue } from "./list-queue";
import { endPause } from "./end-pause";
import { requestExtension } from "./request-extension";
import { scanDeadlines } from "./scan-deadlines";
import { reviewTasks, taskExtensions, taskPauses } from "./schema";
import { startPause } from "./start-pause";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const market = await reviewer(h.db, "market");
const head = await actorByLogin(h.db, "head.market");
const taxHead = await actorByLogin(h.db, "head.tax");

// Fixed dates around the Mid-Autumn and National Day holidays of 2026 (25–27 September and 1–7
// October off; Sunday 20 September and Saturday 10 October worked). Times are 09:00 or 10:00 in China.
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour - 8).padStart(2, "0")}:00:00Z`);
const accepted = at("2026-09-21", 9); // Monday

async function acceptedCase() {
  const { code } = await createTestBundle(h.db, [{ key: "a", department: "market", promisedDays: 5 }]);
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
    accepted,
  );
  const [row] = await h.db.select().from(applications).where(eq(applications.id, s.id));
  await acceptApplication(h.db, clerk, { applicationId: s.id, version: row?.version ?? 0 }, accepted);
  const [task] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, s.id));
  if (!task) throw new Error("task opened");
  return { applicationId: s.id, applicant, taskId: task.id };
}

const taskRow = async (id: string) => (await h.db.select().from(reviewTasks).where(eq(reviewTasks.id, id)))[0]!;
const dueDay = async (id: string) => shanghaiDate((await taskRow(id)).dueAt!);
const clockOf = async (actor: Actor, applicationId: string, now: Date) => (await caseClocks(h.db, actor, applicationId, now)).tasks[0]!;
const listDepartmentQueue = (actor: Actor & { departmentId: string }, input: Parameters<typeof listQueue>[2], now: Date) => listQueue(h.db, actor, input, now);
const trackingNumberOf = (app: { trackingNumber: string | null }) => app.trackingNumber ?? undefined;
const day = (d: Date | null) => (d ? shanghaiDate(d) : null);
const fieldOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return { code: (e as { code?: string }).code, field: (e as { field?: string }).field, message: (e as Error).message };
  }
  throw new Error("expected a refusal");
};
const auditCount = async (applicationId: string) => (await h.db.select().from(auditEvents).where(eq(auditEvents.streamId, applicationId))).length;

describe("clocks the law knows", () => {
  it("keeps the statutory and the promised limit, pauses for a hearing across National Day, and extends with the head's approval and a signed notice", async () => {
    const { applicationId, applicant, taskId } = await acceptedCase();

    // Promised 5 working days from Mon 21 Sep: 22, 23, 24, (Mid-Autumn off) 28, 29 → Tue 29 Sep.
    // Statutory 20 (art. 42): … 8, 9, Sat 10 Oct (make-up day), 12 … 23, 26 → Mon 26 Oct.
    let clock = await clockOf(applicant, applicationId, at("2026-09-22"));
    expect([clock.promisedDays, day(clock.promisedDueAt), clock.statutoryDays, day(clock.statutoryDueAt)]).toEqual([5, "2026-09-29", 20, "2026-10-26"]);

    // A hearing from Tue 29 Sep (art. 45): its working days do not count.
    await expect(
      startPause(h.db, market, ZStartPauseInput.parse({ taskId, kind: "hearing", reason: "申请人要求举行听证" }), at("2026-09-29")),
    ).resolves.toBeTruthy();
    // During the pause the deadline job neither reminds nor marks overdue, though the stored day has passed.
    const scan = await scanDeadlines(h.db, at("2026-09-30", 12));
    const overdue = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, applicationId), eq(outbox.kind, "taskOverdue")));
    expect(overdue).toHaveLength(0);
    expect(scan.overdue).toBeGreaterThanOrEqual(0);
    // The applicant sees the pause and its kind; the dates follow it day by day (as if it ended today).
    clock = await clockOf(applicant, applicationId, at("2026-09-30", 12));
    expect([clock.paused, clock.pauses[0]?.kind, day(clock.promisedDueAt)]).toEqual([true, "hearing", "2026-09-30"]);
    const during = await getApplication(h.db, applicant, applicationId, at("2026-09-30", 12));
    expect(during.expectedFinish?.at).toEqual(clock.promisedDueAt);
    // Nobody is shown an overdue task while its clock stands still: not the applicant, not the department's counts.
    expect(during.tasks[0]?.overdue).toBe(false);
    const marketReviewer = { ...market, departmentId: market.departmentId! };
    const queue = await listDepartmentQueue(
      marketReviewer,
      { status: "pending", overdueOnly: true, page: 1, q: trackingNumberOf(during) },
      at("2026-09-30", 12),
    );
    expect(queue.rows).toHaveLength(0);

    // Ended Fri 9 Oct: paused 29, 30 Sep and 8 Oct (the holiday was no working day) = 3 working days.
    await endPause(h.db, market, { taskId }, at("2026-10-09"));
    expect(await dueDay(taskId)).toBe("2026-10-09");
    clock = await clockOf(applicant, applicationId, at("2026-10-09", 11));
    expect([clock.paused, clock.pauses[0]?.workingDays, day(clock.statutoryDueAt)]).toEqual([false, 3, "2026-10-29"]);

    // The reviewer asks for 10 working days; asking moves nothing.
    const asked = await requestExtension(
      h.db,
      market,
      ZRequestExtensionInput.parse({ taskId, days: 10, reason: "需组织专家现场核验设备" }),
      at("2026-10-09", 11),
    );
    expect(await dueDay(taskId)).toBe("2026-10-09");
    // The applicant does not see a request the head has not decided.
    expect((await clockOf(applicant, applicationId, at("2026-10-09", 11))).extensions).toHaveLength(0);

    // Only the head of that department decides: a plain reviewer and another department's head are refused, nothing written.
    const before = await auditCount(applicationId);
    expect(
      await fieldOf(decideExtension(h.db, market, ZDecideExtensionInput.parse({ extensionId: asked.id, outcome: "approve" }), at("2026-10-09", 12))),
    ).toMatchObject({ code: "forbidden", field: "outcome" });
    expect(
      await fieldOf(decideExtension(h.db, taxHead, ZDecideExtensionInput.parse({ extensionId: asked.id, outcome: "approve" }), at("2026-10-09", 12))),
    ).toMatchObject({ code: "forbidden", field: "outcome" });
    expect(await auditCount(applicationId)).toBe(before);
    expect((await h.db.select().from(taskExtensions).where(eq(taskExtensions.id, asked.id)))[0]?.status).toBe("requested");
    // A second request while one waits: a field error.
    expect(await fieldOf(requestExtension(h.db, market, { taskId, days: 2, reason: "再次申请延期" }, at("2026-10-09", 12)))).toMatchObject({
      code: "invalidInput",
      field: "days",
    });

    // The head approves: 5 + 10 working days, plus the 3 paused → Thu 22 Oct; statutory 20 + 10 + 3 → Thu 12 Nov.
    const approved = await decideExtension(h.db, head, { extensionId: asked.id, outcome: "approve" }, at("2026-10-09", 14));
    expect(await dueDay(taskId)).toBe("2026-10-22");
    clock = await clockOf(applicant, applicationId, at("2026-10-09", 15));
    expect([clock.extensionDays, day(clock.promisedDueAt), day(clock.statutoryDueAt)]).toEqual([10, "2026-10-22", "2026-11-12"]);
    expect(clock.extensions[0]).toMatchObject({ status: "approved", days: 10, reason: "需组织专家现场核验设备" });
    expect(shanghaiDate((await getApplication(h.db, applicant, applicationId, at("2026-10-09", 15))).expectedFinish!.at)).toBe("2026-10-22");

    // The 延期办理告知书: numbered, signed by market regulation, listing the reason and both dates.
    const [doc] = await h.db.select().from(caseDocuments).where(eq(caseDocuments.id, approved.documentId!));
    expect(doc?.kind).toBe("extensionNotice");
    expect(doc?.number).toMatch(/^YQ-market-2026-\d{6}$/);
    expect(doc?.content.reason).toBe("需组织专家现场核验设备");
    expect(doc?.content.extension).toMatchObject({ days: 10, previousDueOn: "2026-10-09", dueOn: "2026-10-22", statutoryDays: 20, extendedStatutoryDays: 30 });
    expect(doc?.content.legalBasis.zh).toContain("第四十二条");
    expect((await verifyCaseDocument(h.db, doc!.number))?.signature.valid).toBe(true);
    expect(clock.extensions[0]?.document?.number).toBe(doc?.number);

    // The applicant's inbox: the reason and the new date.
    const [message] = await h.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.applicationId, applicationId), eq(outbox.kind, "taskExtended")));
    expect(message?.params).toMatchObject({ dueDate: "2026-10-22", reason: "需组织专家现场核验设备", days: "10" });
    expect(message?.recipientUserIds).toContain(applicant.userId);

    // A second extension is refused: the law allows one.
    expect(await fieldOf(requestExtension(h.db, market, { taskId, days: 1, reason: "第二次延期申请" }, at("2026-10-12")))).toMatchObject({
      code: "invalidInput",
      field: "days",
      message: expect.stringContaining("secondExtension"),
    });
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const { applicationId, taskId } = await acceptedCase();
    // Beyond the law's 10 days, and a pause without a reason: the schema's field errors.
    const tooLong = ZRequestExtensionInput.safeParse({ taskId, days: 11, reason: "需要更多时间审查" });
    expect(tooLong.success ? [] : tooLong.error.issues.map((i) => i.path.join("."))).toEqual(["days"]);
    const noReason = ZStartPauseInput.safeParse({ taskId, kind: "inspection", reason: "" });
    expect(noReason.success ? [] : noReason.error.issues.map((i) => i.path.join("."))).toEqual(["reason"]);
    // Ending a pause that is not running.
    const before = await auditCount(applicationId);
    expect(await fieldOf(endPause(h.db, market, { taskId }, at("2026-09-22")))).toMatchObject({ code: "invalidInput", field: "taskId" });
    expect(await auditCount(applicationId)).toBe(before);
    expect(await h.db.select().from(taskPauses).where(eq(taskPauses.taskId, taskId))).toHaveLength(0);
    // A second pause while one runs.
    await startPause(h.db, market, { taskId, kind: "inspection", reason: "现场核查经营场所" }, at("2026-09-22"));
    expect(await fieldOf(startPause(h.db, market, { taskId, kind: "expertReview", reason: "专家评审" }, at("2026-09-23")))).toMatchObject({
      code: "invalidInput",
      field: "kind",
    });
  });

  it("lets the head refuse with a note; the due date stays and the reviewer may ask again", async () => {
    const { taskId } = await acceptedCase();
    const asked = await requestExtension(h.db, market, { taskId, days: 3, reason: "核查结果待出具" }, at("2026-09-23"));
    const due = await dueDay(taskId);
    await decideExtension(h.db, head, { extensionId: asked.id, outcome: "refuse", note: "期限内可以完成" }, at("2026-09-23", 11));
    expect(await dueDay(taskId)).toBe(due);
    await expect(requestExtension(h.db, market, { taskId, days: 2, reason: "补充说明后再次申请" }, at("2026-09-24"))).resolves.toMatchObject({
      status: "requested",
    });
  });
});
