import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { auditEvents } from "@/modules/audit/schema";
import { citizens } from "@/modules/identity/schema";
import type { Actor } from "@/modules/identity/model";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { revokeCertificate } from "@/modules/sharing/revoke-certificate";
import { createTestBundle, newCitizen, newEnterprise, reviewer, withDemo, type TestStep } from "@/root/testing/fixtures";
import { ZDisclosureSearch } from "./inputs";
import { disclosuresCsv } from "./model";
import { publishDecisions } from "./publish-decisions";
import { disclosures } from "./schema";
import { listLatePublications, searchDisclosures } from "./search-disclosures";

const { h, clerk } = await withDemo({ clerk: "clerk" });

/**
 * Runs the publication until nothing is left, as the job's successive runs would (on a shared
 * PostgreSQL database other files leave decisions waiting too); the totals of all runs.
 */
async function publishAll(now: Date) {
  const total = { decisions: 0, records: 0 };
  for (;;) {
    const r = await publishDecisions(h.db, now);
    total.decisions += r.decisions;
    total.records += r.records;
    if (r.decisions === 0) return total;
  }
}

// Tuesday 29 September 2026, 09:00 in China: National Day (1–7 October) and the make-up Saturday
// (10 October) lie within the next seven working days.
const decisionDay = new Date("2026-09-29T01:00:00Z");
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

async function decidedCase(applicant: Actor, steps: TestStep[], outcome: "approved" | "denied", at: Date) {
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
    minutesAfter(at, -120),
  );
  const [app] = await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, submitted.id));
  await acceptApplication(h.db, clerk, { applicationId: submitted.id, version: app!.v }, minutesAfter(at, -60));
  for (const step of steps) {
    const actor = await reviewer(h.db, step.department);
    const [task] = await h.db
      .select()
      .from(reviewTasks)
      .where(eq(reviewTasks.applicationId, submitted.id))
      .then((ts) => ts.filter((t) => t.stepKey === step.key));
    const claimed = await claimTask(h.db, actor, { taskId: task!.id, version: task!.version }, at);
    const extra = outcome === "denied" ? { reason: "经营场所不符合卫生要求", confirmed: true as const } : {};
    await decideTask(h.db, actor, { taskId: task!.id, version: claimed.version, outcome, ...extra } as never, at);
  }
  return submitted.id;
}

describe("a licence granted (双公示)", () => {
  it("is published by the job with the licence, its department and basis, due 7 working days later across National Day, once", async () => {
    const enterprise = await newEnterprise(h.db);
    const appId = await decidedCase(enterprise, [{ key: "a", department: "market", issues: "foodBusinessLicence" }], "approved", decisionDay);
    const first = await publishAll(minutesAfter(decisionDay, 5));
    expect(first.records).toBeGreaterThanOrEqual(1);
    const again = await publishAll(minutesAfter(decisionDay, 10));
    expect(again).toEqual({ decisions: 0, records: 0 });

    const [code] = await h.db.select({ code: applications.holderCode }).from(applications).where(eq(applications.id, appId));
    const page = await searchDisclosures(h.db, ZDisclosureSearch.parse({ code: code!.code }));
    expect(page.total).toBe(1);
    const row = page.rows[0]!;
    expect(row).toMatchObject({
      kind: "approval",
      counterpartCode: code!.code,
      licenceTypeZh: "食品经营许可证",
      decidedOn: "2026-09-29",
      departmentCode: "market",
      legalBasis: "《测试条例》第一条",
      status: "valid",
      publishedOn: "2026-09-29",
    });
    expect(row.decisionNumber).toMatch(/^ZYXK-/);
    expect(row.licenceNumber).toBeTruthy();
    // 30 Sep (1), National Day, 8 Oct (2), 9 Oct (3), Saturday 10 Oct, a make-up working day (4), 12, 13, 14 Oct.
    const [stored] = await h.db.select().from(disclosures).where(eq(disclosures.licenceNumber, row.licenceNumber!));
    expect(stored?.dueOn).toBe("2026-10-14");
    const audit = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, stored!.documentId));
    expect(audit.map((e) => e.action)).toContain("disclosure.publish");

    // The licence is revoked: the published record is marked in the revoking transaction, and stays.
    const market = await reviewer(h.db, "market");
    await revokeCertificate(h.db, market, { number: row.licenceNumber!, reason: "以欺骗手段取得许可" }, minutesAfter(decisionDay, 60 * 24 * 3));
    const after = await searchDisclosures(h.db, ZDisclosureSearch.parse({ code: code!.code }));
    expect(after.rows[0]).toMatchObject({ status: "revoked", revokedOn: "2026-10-02", licenceNumber: row.licenceNumber });
    const revokeAudit = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, stored!.id));
    expect(revokeAudit.map((e) => e.action)).toEqual(["disclosure.revoke"]);
  });
});

describe("a licence refused to a natural person", () => {
  it("is published with the name masked and no ID number, in the page rows and the CSV; published after the due day it is late", async () => {
    const citizen = await newCitizen(h.db, "冯创业");
    const [person] = await h.db.select({ idNumber: citizens.idNumber }).from(citizens).where(eq(citizens.id, citizen.personId!));
    await decidedCase(citizen, [{ key: "a", department: "market" }], "denied", decisionDay);
    // The job was down until 15 October: the record is published a day after it was due.
    await publishAll(new Date("2026-10-15T02:00:00Z"));
    const page = await searchDisclosures(h.db, ZDisclosureSearch.parse({ q: "冯", department: "market", from: "2026-09-29", to: "2026-09-29" }));
    const denial = page.rows.find((r) => r.kind === "denial");
    expect(denial).toMatchObject({ counterpartName: "冯**", counterpartCode: null, licenceNumber: null, departmentCode: "market", publishedOn: "2026-10-15" });
    const everything = JSON.stringify(page) + disclosuresCsv(page.rows);
    expect(everything).not.toContain("冯创业");
    expect(everything).not.toContain(person!.idNumber);
    const late = await listLatePublications(h.db);
    expect(late.some((l) => l.decisionNumber === denial!.decisionNumber && l.dueOn === "2026-10-14")).toBe(true);
  });
});

describe("the search", () => {
  it("refuses a malformed credit code and a reversed date range on their fields", () => {
    const bad = ZDisclosureSearch.safeParse({ code: "91130602MA0TB002X0", from: "2026-10-02", to: "2026-10-01" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["code"]));
    const range = ZDisclosureSearch.safeParse({ from: "2026-10-02", to: "2026-10-01" });
    expect(range.error?.issues.map((i) => i.path.join("."))).toEqual(["to"]);
    expect(ZDisclosureSearch.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(ZDisclosureSearch.safeParse({ q: "x".repeat(101) }).success).toBe(false);
    expect(ZDisclosureSearch.parse({ q: "", code: "", from: "" })).toMatchObject({ page: 1, pageSize: 20 });
  });
});
