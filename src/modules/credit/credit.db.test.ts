import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import type { Actor } from "@/modules/identity/model";
import { entities } from "@/modules/identity/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { dataAccessLog } from "@/modules/sharing/schema";
import { createTestBundle, newCitizen, newEnterprise, reviewer, withDemo, type TestStep } from "@/root/testing/fixtures";
import { answerObjection } from "./answer-objection";
import { applyForRepair } from "./apply-repair";
import { decideRepair } from "./decide-repair";
import { departmentCredit } from "./department-credit";
import { fileObjection } from "./file-objection";
import { creditProfile, myCreditProfile, publicCreditProfile, staffCreditProfile } from "./profile";
import { recordByDepartment, recordCredit } from "./record-credit";
import { creditRecords } from "./schema";
import { creditStream } from "./transition";

const { h, clerk } = await withDemo({ clerk: "clerk" });
const market = await reviewer(h.db, "market");
const tax = await reviewer(h.db, "tax");
const marketId = market.departmentId!;

// Tuesday 29 September 2026, 09:00 in China: National Day (1–7 October) and the make-up Saturday
// (10 October) lie within the next five working days.
const day0 = new Date("2026-09-29T01:00:00Z");
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

async function enterpriseCode(actor: Actor): Promise<{ code: string; name: string }> {
  const [e] = await h.db.select({ code: entities.creditCode, name: entities.name }).from(entities).where(eq(entities.id, actor.entityId!));
  return e!;
}

const penalty = (subjectCode: string, decidedOn = "2026-09-28") => ({
  kind: "administrativePenalty" as const,
  subjectCode,
  title: "未按规定公示年度报告",
  content: "警告并处罚款人民币二千元。",
  legalBasis: "《企业信息公示暂行条例》第十八条",
  documentNumber: "冀市监罚〔2026〕101号",
  severity: "general" as const,
  decidedOn,
});

describe("credit records, objection and repair", () => {
  it("a department records a penalty with its legal basis; it is public in its window; a missing basis or an unknown subject is a field error", async () => {
    const firm = await newEnterprise(h.db);
    const { code } = await enterpriseCode(firm);
    await expect(recordByDepartment(h.db, market, { ...penalty(code), legalBasis: "" }, day0)).rejects.toMatchObject({ name: "ZodError" });
    await expect(recordByDepartment(h.db, market, penalty("91130102MA0000000X"), day0)).rejects.toThrow();
    const { id } = await recordByDepartment(h.db, market, penalty(code), day0);
    const [row] = await h.db.select().from(creditRecords).where(eq(creditRecords.id, id));
    // General dishonesty: published 1 year from the decision day.
    expect(row).toMatchObject({ departmentId: marketId, status: "active", recordVersion: 1, publishedFrom: "2026-09-28", publishedUntil: "2027-09-27" });
    const pub = await publicCreditProfile(h.db, code, day0);
    expect(pub?.records.map((r) => r.title)).toEqual(["未按规定公示年度报告"]);
    const audit = await h.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.streamId, creditStream(id)))
      .orderBy(asc(auditEvents.seq));
    expect(audit.map((a) => a.action)).toEqual(["creditRecord.record"]);
  });

  it("an objection with correction keeps the old version; the public sees only the current one; the subject sees both", async () => {
    const firm = await newEnterprise(h.db);
    const { code } = await enterpriseCode(firm);
    const { id } = await recordByDepartment(h.db, market, penalty(code), day0);
    const filed = await fileObjection(h.db, firm, { recordId: id, reason: "罚款金额记载错误，应为一千元。" }, day0);
    // 30 Sep (1), National Day, 8 Oct (2), 9 Oct (3), Saturday 10 Oct a make-up working day (4), 12 Oct (5).
    expect(filed.dueOn).toBe("2026-10-12");
    // A second objection while one is open is refused.
    await expect(fileObjection(h.db, firm, { recordId: id, reason: "再次提出异议。" }, day0)).rejects.toMatchObject({ code: "conflict" });
    // Another department cannot answer it.
    await expect(answerObjection(h.db, tax, { objectionId: filed.id, version: 1, outcome: "uphold", answer: "维持原记录。" }, day0)).rejects.toMatchObject({
      code: "notFound",
    });
    const work = await departmentCredit(h.db, market, day0);
    expect(work.objections.find((o) => o.id === filed.id)).toMatchObject({ status: "open", dueOn: "2026-10-12", late: false });

    const answered = await answerObjection(
      h.db,
      market,
      {
        objectionId: filed.id,
        version: 1,
        outcome: "correct",
        answer: "经核实，金额记载有误，予以更正。",
        correction: { content: "警告并处罚款人民币一千元。" },
      },
      minutesAfter(day0, 60),
    );
    expect(answered.correctedRecordId).toBeTruthy();
    const versions = await h.db.select().from(creditRecords).where(eq(creditRecords.lineageId, id)).orderBy(creditRecords.recordVersion);
    expect(versions.map((v) => [v.recordVersion, v.status, v.content])).toEqual([
      [1, "corrected", "警告并处罚款人民币二千元。"],
      [2, "active", "警告并处罚款人民币一千元。"],
    ]);
    expect(versions[1]!.previousId).toBe(id);

    const pub = await publicCreditProfile(h.db, code, day0);
    expect(pub?.records.map((r) => [r.content, r.recordVersion])).toEqual([["警告并处罚款人民币一千元。", 2]]);
    const mine = await myCreditProfile(h.db, firm, day0);
    expect(mine.records.map((r) => [r.recordVersion, r.status])).toEqual([
      [2, "active"],
      [1, "corrected"],
    ]);
    expect(mine.objections[0]).toMatchObject({ status: "corrected", correctedRecordId: answered.correctedRecordId });
    const audit = await h.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.streamId, creditStream(id)))
      .orderBy(asc(auditEvents.seq));
    expect(audit.map((a) => a.action)).toEqual([
      "creditRecord.record",
      "creditObjection.file",
      "creditRecord.correct",
      "creditRecord.record",
      "creditObjection.correct",
    ]);
    // The old version takes no new objection.
    await expect(fileObjection(h.db, firm, { recordId: id, reason: "对旧版本提出异议。" }, day0)).rejects.toMatchObject({ code: "conflict" });
  });

  it("an objection to a record that is not yours is refused, and nothing is written", async () => {
    const firm = await newEnterprise(h.db);
    const other = await newEnterprise(h.db);
    const citizen = await newCitizen(h.db, "郑示例");
    const { code } = await enterpriseCode(firm);
    const { id } = await recordByDepartment(h.db, market, penalty(code), day0);
    await expect(fileObjection(h.db, other, { recordId: id, reason: "这不是我的记录吗？" }, day0)).rejects.toMatchObject({ code: "notFound" });
    await expect(fileObjection(h.db, citizen, { recordId: id, reason: "这不是我的记录吗？" }, day0)).rejects.toMatchObject({ code: "notFound" });
    await expect(fileObjection(h.db, market, { recordId: id, reason: "工作人员不能提出异议。" }, day0)).rejects.toMatchObject({ code: "forbidden" });
    expect((await creditProfile(h.db, code, day0)).objections).toEqual([]);
  });

  it("a repair is refused before the minimum period; granted after it, the penalty leaves public view but stays in the subject's profile", async () => {
    const firm = await newEnterprise(h.db);
    const { code } = await enterpriseCode(firm);
    const { id } = await recordByDepartment(h.db, market, penalty(code, "2026-05-06"), day0);
    const early = new Date("2026-07-01T02:00:00Z");
    await expect(applyForRepair(h.db, firm, { recordId: id, reason: "已缴纳罚款并补报年度报告。" }, early)).rejects.toMatchObject({
      code: "conflict",
      message: "credit.errors.repair.tooEarly",
    });
    const applied = await applyForRepair(h.db, firm, { recordId: id, reason: "已缴纳罚款并补报年度报告。" }, day0);
    expect(applied.dueOn).toBe("2026-10-12");
    expect((await publicCreditProfile(h.db, code, day0))?.records).toHaveLength(1);
    await decideRepair(h.db, market, { repairId: applied.id, version: 1, decision: "grant", reason: "已纠正失信行为，准予修复。" }, minutesAfter(day0, 30));
    expect((await publicCreditProfile(h.db, code, day0))?.records).toEqual([]);
    const mine = await myCreditProfile(h.db, firm, day0);
    expect(mine.records[0]).toMatchObject({ status: "repaired", publicNow: false, publishedUntil: "2026-09-28" });
    expect(mine.repairs[0]).toMatchObject({ status: "granted" });
    // An honour is not repairable.
    const honour = await recordByDepartment(
      h.db,
      market,
      {
        kind: "honour",
        subjectCode: code,
        title: "守合同重信用企业",
        content: "连续三年守合同重信用。",
        legalBasis: "《河北省社会信用信息条例》第二十七条",
        decidedOn: "2026-09-01",
      },
      day0,
    );
    await expect(applyForRepair(h.db, firm, { recordId: honour.id, reason: "想修复守信记录。" }, day0)).rejects.toMatchObject({
      message: "credit.errors.repair.notRepairable",
    });
  });

  it("publication periods hide an expired penalty from public outputs but not from the subject", async () => {
    const firm = await newEnterprise(h.db);
    const { code, name } = await enterpriseCode(firm);
    await recordCredit(h.db, { ...penalty(code, "2024-03-01"), subjectName: name, departmentId: marketId, title: "旧处罚" }, day0);
    await recordCredit(h.db, { ...penalty(code, "2026-06-01"), subjectName: name, departmentId: marketId, title: "新处罚" }, day0);
    await recordCredit(h.db, { ...penalty(code, "2024-03-01"), subjectName: name, departmentId: marketId, title: "严重违法", severity: "serious" }, day0);
    const pub = await publicCreditProfile(h.db, code, day0);
    // 2024-03-01 general: published until 2025-02-28; serious: until 2027-02-28.
    expect(pub?.records.map((r) => r.title).sort()).toEqual(["严重违法", "新处罚"]);
    const mine = await myCreditProfile(h.db, firm, day0);
    expect(mine.records.map((r) => [r.title, r.publicNow]).sort()).toEqual([
      ["严重违法", true],
      ["新处罚", true],
      ["旧处罚", false],
    ]);
    // A person's record is never public.
    const citizen = await newCitizen(h.db, "王示例");
    expect(citizen.personId).toBeTruthy();
  });

  it("an approved application writes an administrative-licence record for each licence, once", async () => {
    const firm = await newEnterprise(h.db);
    const { code } = await enterpriseCode(firm);
    const steps: TestStep[] = [{ key: "food", department: "market", issues: "foodBusinessLicence" }];
    const appId = await approvedCase(firm, steps);
    const rows = await h.db
      .select()
      .from(creditRecords)
      .where(and(eq(creditRecords.subjectCode, code), eq(creditRecords.kind, "administrativeLicence")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ departmentId: marketId, sourceApplicationId: appId, legalBasis: "《测试条例》第一条", status: "active" });
    expect(rows[0]!.documentNumber).toBeTruthy();
    const pub = await publicCreditProfile(h.db, code);
    expect(pub?.records.some((r) => r.kind === "administrativeLicence")).toBe(true);
  });

  it("staff read a holder's whole profile through the gate: allowed with a purpose, refused without a grant, each read in the holder's data log", async () => {
    const firm = await newEnterprise(h.db);
    const { code } = await enterpriseCode(firm);
    await recordByDepartment(h.db, market, penalty(code), day0);
    const appId = await submittedCase(firm, [
      { key: "m", department: "market" },
      { key: "t", department: "tax" },
    ]);
    const full = await staffCreditProfile(h.db, market, { holderCode: code, applicationId: appId }, day0);
    expect(full.records).toHaveLength(1);
    await expect(staffCreditProfile(h.db, tax, { holderCode: code, applicationId: appId }, day0)).rejects.toMatchObject({ code: "forbidden" });
    const other = await newEnterprise(h.db);
    const { code: otherCode } = await enterpriseCode(other);
    await expect(staffCreditProfile(h.db, market, { holderCode: otherCode, applicationId: appId }, day0)).rejects.toMatchObject({ code: "forbidden" });
    const log = await h.db
      .select()
      .from(dataAccessLog)
      .where(and(eq(dataAccessLog.holderCode, code), eq(dataAccessLog.applicationId, appId)));
    expect(log.map((l) => [l.readerUserId, l.outcome, l.recordCount]).sort()).toEqual(
      [
        [market.userId, "allowed", 1],
        [tax.userId, "refused", 0],
      ].sort(),
    );
  });
});

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
