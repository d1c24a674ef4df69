import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { refuseApplication } from "@/modules/applications/refuse-application";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { withdrawApplication } from "@/modules/applications/withdraw-application";
import { bundleSteps, bundles, services } from "@/modules/catalog/schema";
import type { Actor } from "@/modules/identity/model";
import { entities } from "@/modules/identity/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { findDataset, openDatasets, readDataset } from "./datasets";
import { foldOpenDataCounts } from "./fold-counts";
import { type DatasetRow, toCsv } from "./model";
import { previewDatasets } from "./preview-datasets";

const { h, clerk } = await withDemo({ clerk: "clerk" });

// Monday 2 March 2026, 09:00 in China; the tasks opened then are due Monday 9 March.
const monday = new Date("2026-03-02T01:00:00Z");
const later = (minutes: number, from = monday) => new Date(from.getTime() + minutes * 60_000);
// Long after every due date above: tasks still open then are overdue.
const june = new Date("2026-06-01T02:00:00Z");

async function rows(code: string, now = june): Promise<DatasetRow[]> {
  const dataset = findDataset(code);
  if (!dataset) throw new Error(`no dataset ${code}`);
  return (await readDataset(h.db, dataset, now)).rows;
}

async function submit(applicant: Actor, subject: { kind: "service" | "bundle"; code: string }, at = monday) {
  const input = ZSubmitApplicationInput.parse({ subject, idempotencyKey: randomUUID(), formData: { projectName: "示例项目" }, materials: {}, consent: true });
  return submitApplication(h.db, applicant, input, at);
}

const versionOf = async (id: string) => (await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, id)))[0]?.v ?? 0;

async function accept(id: string, at = monday) {
  await acceptApplication(h.db, clerk, { applicationId: id, version: await versionOf(id) }, at);
}

async function decide(applicationId: string, step: string, dept: string, outcome: "approved" | "denied", at: Date) {
  const actor = await reviewer(h.db, dept);
  const [task] = (await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, applicationId))).filter((t) => t.stepKey === step);
  if (!task) throw new Error(`no task ${step}`);
  const claimed = await claimTask(h.db, actor, { taskId: task.id, version: task.version }, at);
  const extra = outcome === "denied" ? { reason: "不符合法定条件", confirmed: true } : {};
  return decideTask(h.db, actor, { taskId: task.id, version: claimed.version, outcome, ...extra } as never, at);
}

const n = (row: DatasetRow | undefined, column: string) => Number(row?.[column] ?? 0);

// Each key's count, from the precomputed tables and recomputed from the cases themselves.
type Counts = Record<string, number>;
async function keyed(query: ReturnType<typeof sql>): Promise<Counts> {
  const r = (await h.db.execute(query)) as unknown as { rows: Array<{ k: string; n: number | string }> };
  return Object.fromEntries(r.rows.map((x) => [x.k, Number(x.n)]));
}
const summaryCounts = async () => ({
  applications: await keyed(
    sql`select concat_ws('|', month, service_id, bundle_id, status) as k, sum(n) as n from open_data_application_counts group by 1 having sum(n) <> 0`,
  ),
  tasks: await keyed(sql`select concat_ws('|', department_id, status, on_time) as k, sum(n) as n from open_data_task_counts group by 1 having sum(n) <> 0`),
});
const recomputedCounts = async () => ({
  applications: await keyed(
    sql`select concat_ws('|', to_char(submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM'), service_id, bundle_id, status) as k, count(*) as n
        from applications where submitted_at is not null group by 1`,
  ),
  tasks: await keyed(sql`select concat_ws('|', department_id, status, coalesce(decided_at <= due_at, false)) as k, count(*) as n from review_tasks group by 1`),
});
const rowCount = async (table: "open_data_application_counts" | "open_data_task_counts") =>
  Number(((await h.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`)) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);

describe("the precomputed open-data counts", () => {
  it("equal a count of the cases themselves after submissions, decisions, a refusal, a withdrawal and a deletion, folded or not", async () => {
    const { code: bundleCode } = await createTestBundle(h.db, [
      { key: "a", department: "market" },
      { key: "b", department: "tax" },
    ]);
    const bundle = { kind: "bundle", code: bundleCode } as const;
    const applicant = await newEnterprise(h.db);
    await foldOpenDataCounts(h.db);
    const before = await summaryCounts();
    expect(before).toEqual(await recomputedCounts());

    const approved = await submit(applicant, bundle);
    await accept(approved.id);
    await decide(approved.id, "a", "market", "approved", later(5));
    await decide(approved.id, "b", "tax", "approved", later(6));
    // Decided late (due 9 March): not on time.
    const denied = await submit(applicant, bundle);
    await accept(denied.id);
    await decide(denied.id, "a", "market", "denied", new Date("2026-03-20T02:00:00Z"));
    const refused = await submit(applicant, bundle);
    await refuseApplication(
      h.db,
      clerk,
      { applicationId: refused.id, version: await versionOf(refused.id), reason: "材料不符合法定形式", confirmed: true },
      later(10),
    );
    // Submitted 01:00 on 1 March in China (still February in UTC), then withdrawn.
    const withdrawn = await submit(applicant, bundle, new Date("2026-02-28T17:00:00Z"));
    await withdrawApplication(h.db, applicant, { applicationId: withdrawn.id, version: await versionOf(withdrawn.id) }, later(20));
    // A write outside the use cases (an operator's correction) is counted too: the triggers see every row.
    const open = await submit(applicant, bundle);
    await accept(open.id);
    await h.db.delete(reviewTasks).where(and(eq(reviewTasks.applicationId, open.id), eq(reviewTasks.stepKey, "b")));

    const after = await summaryCounts();
    expect(after).toEqual(await recomputedCounts());
    // The writes changed the counts (the comparison above is not between two empty maps).
    expect(after).not.toEqual(before);
    const march = (status: string) => sum(after.applications, (k) => k.startsWith("2026-03|") && k.endsWith(`|${status}`));
    expect(march("withdrawn") - sum(before.applications, (k) => k.startsWith("2026-03|") && k.endsWith("|withdrawn"))).toBe(1);
    expect(march("notAccepted") - sum(before.applications, (k) => k.startsWith("2026-03|") && k.endsWith("|notAccepted"))).toBe(1);

    // Folding keeps every sum and leaves one row per key.
    const appended = (await rowCount("open_data_application_counts")) + (await rowCount("open_data_task_counts"));
    const removed = await foldOpenDataCounts(h.db);
    expect(removed).toBeGreaterThan(0);
    expect((await rowCount("open_data_application_counts")) + (await rowCount("open_data_task_counts"))).toBe(appended - removed);
    expect(await rowCount("open_data_application_counts")).toBe(Object.keys(after.applications).length);
    expect(await rowCount("open_data_task_counts")).toBe(Object.keys(after.tasks).length);
    expect(await summaryCounts()).toEqual(after);
    expect(await foldOpenDataCounts(h.db)).toBe(0);
  });

  it("roll back with the write that changed them", async () => {
    const applicant = await newEnterprise(h.db);
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const before = await summaryCounts();
    const rowsBefore = await rowCount("open_data_application_counts");
    let rowsInside = 0;
    await expect(
      h.db.transaction(async (tx) => {
        await submitApplication(
          tx as never,
          applicant,
          ZSubmitApplicationInput.parse({
            subject: { kind: "bundle", code },
            idempotencyKey: randomUUID(),
            formData: { projectName: "示例项目" },
            materials: {},
            consent: true,
          }),
          monday,
        );
        rowsInside = Number(
          ((await tx.execute(sql`select count(*)::int as n from open_data_application_counts`)) as unknown as { rows: Array<{ n: number }> }).rows[0]!.n,
        );
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    // Counted inside the transaction, gone with it.
    expect(rowsInside).toBeGreaterThan(rowsBefore);
    expect(await summaryCounts()).toEqual(before);
  });
});

const sum = (counts: Counts, keep: (key: string) => boolean) =>
  Object.entries(counts)
    .filter(([k]) => keep(k))
    .reduce((s, [, v]) => s + v, 0);

describe("open datasets", () => {
  it("count applications by bundle and service, by month in China time, and each department's timeliness", async () => {
    const { code: bundleCode } = await createTestBundle(h.db, [
      { key: "a", department: "market" },
      { key: "b", department: "tax" },
    ]);
    // The bundle's first step is a service of its own too: apply for it alone once.
    const [single] = await h.db
      .select({ code: services.code })
      .from(bundleSteps)
      .innerJoin(bundles, eq(bundles.id, bundleSteps.bundleId))
      .innerJoin(services, eq(services.id, bundleSteps.serviceId))
      .where(eq(bundles.code, bundleCode))
      .orderBy(bundleSteps.sortOrder);
    if (!single) throw new Error("no step");

    const monthsBefore = await rows("applications-by-month");
    const departmentsBefore = await rows("review-timeliness-by-department");
    const applicant = await newEnterprise(h.db);
    const bundle = { kind: "bundle", code: bundleCode } as const;

    // Approved, both departments on time; then completed.
    const completed = await submit(applicant, bundle);
    await accept(completed.id);
    await decide(completed.id, "a", "market", "approved", later(5));
    await decide(completed.id, "b", "tax", "approved", later(6));

    // Market decides late (due 9 March), then tax denies, also late.
    const denied = await submit(applicant, bundle);
    await accept(denied.id);
    await decide(denied.id, "a", "market", "approved", new Date("2026-03-20T02:00:00Z"));
    await decide(denied.id, "b", "tax", "denied", new Date("2026-03-20T03:00:00Z"));

    // Refused at the window.
    const refused = await submit(applicant, bundle);
    await refuseApplication(
      h.db,
      clerk,
      { applicationId: refused.id, version: await versionOf(refused.id), reason: "材料不符合法定形式", confirmed: true },
      later(10),
    );

    // 01:00 on 1 March in China is still February in UTC: counted in March.
    const withdrawn = await submit(applicant, bundle, new Date("2026-02-28T17:00:00Z"));
    await withdrawApplication(h.db, applicant, { applicationId: withdrawn.id, version: await versionOf(withdrawn.id) }, later(20));

    // Accepted, still with both departments, overdue by June. Submitted 00:30 on 1 April in China.
    const open = await submit(applicant, bundle, new Date("2026-03-31T16:30:00Z"));
    await accept(open.id, new Date("2026-04-01T01:00:00Z"));

    // A draft never submitted is not counted anywhere.
    await h.db
      .insert(applications)
      .values({
        filedByUserId: applicant.userId,
        applicantKind: "enterprise",
        entityId: applicant.entityId,
        holderCode: "DRAFT-ONLY",
        applicantName: "未提交草稿的申请人",
        bundleId: (await h.db.select({ id: bundles.id }).from(bundles).where(eq(bundles.code, bundleCode)))[0]?.id,
        titleZh: "草稿",
        titleEn: "Draft",
        plan: [],
        divisionCode: "130102",
      });

    const singleApp = await submit(applicant, { kind: "service", code: single.code });

    const byService = await rows("applications-by-service");
    expect(byService.find((r) => r.code === bundleCode)).toEqual({
      kind: "bundle",
      code: bundleCode,
      nameZh: expect.stringContaining("测试一件事"),
      nameEn: expect.stringContaining("Test bundle"),
      submitted: 5,
      approved: 1,
      denied: 1,
      notAccepted: 1,
      withdrawn: 1,
      inProgress: 1,
    });
    expect(byService.find((r) => r.code === single.code)).toMatchObject({ kind: "service", nameZh: "测试事项 a", submitted: 1, inProgress: 1, approved: 0 });
    expect(singleApp.trackingNumber).toMatch(/^\d{20}$/);

    const months = await rows("applications-by-month");
    const delta = (month: string, column: string) =>
      n(
        months.find((r) => r.month === month),
        column,
      ) -
      n(
        monthsBefore.find((r) => r.month === month),
        column,
      );
    // March: completed, denied, refused, withdrawn (1 March in China), the single service.
    expect([delta("2026-03", "submitted"), delta("2026-03", "decided")]).toEqual([5, 2]);
    expect([delta("2026-04", "submitted"), delta("2026-04", "decided")]).toEqual([1, 0]);
    expect(delta("2026-02", "submitted")).toBe(0);
    expect(months.map((r) => r.month)).toEqual([...months.map((r) => r.month)].sort());
    for (const r of months) expect(r.month).toMatch(/^\d{4}-\d{2}$/);

    const departments = await rows("review-timeliness-by-department");
    const change = (dept: string) => {
      const after = departments.find((r) => r.departmentCode === dept);
      const before = departmentsBefore.find((r) => r.departmentCode === dept);
      return {
        decided: n(after, "decided") - n(before, "decided"),
        decidedOnTime: n(after, "decidedOnTime") - n(before, "decidedOnTime"),
        overdueOpen: n(after, "overdueOpen") - n(before, "overdueOpen"),
      };
    };
    expect(change("market")).toEqual({ decided: 2, decidedOnTime: 1, overdueOpen: 1 });
    expect(change("tax")).toEqual({ decided: 2, decidedOnTime: 1, overdueOpen: 1 });
    for (const r of departments) {
      expect(r.onTimeRatio).toBe(n(r, "decided") === 0 ? null : Math.round((n(r, "decidedOnTime") / n(r, "decided")) * 10_000) / 10_000);
    }
    // Before the due date the open tasks are not overdue yet.
    const early = await rows("review-timeliness-by-department", new Date("2026-04-02T02:00:00Z"));
    expect(
      n(
        early.find((r) => r.departmentCode === "market"),
        "overdueOpen",
      ),
    ).toBeLessThan(
      n(
        departments.find((r) => r.departmentCode === "market"),
        "overdueOpen",
      ),
    );
  });

  it("publish the catalog's published services with their time limits and fee in yuan", async () => {
    const { code } = await createTestBundle(h.db, [
      { key: "a", department: "market" },
      { key: "b", department: "tax" },
    ]);
    const steps = await h.db
      .select({ code: services.code })
      .from(bundleSteps)
      .innerJoin(bundles, eq(bundles.id, bundleSteps.bundleId))
      .innerJoin(services, eq(services.id, bundleSteps.serviceId))
      .where(eq(bundles.code, code))
      .orderBy(bundleSteps.sortOrder);
    const [shown, hidden] = steps.map((s) => s.code);
    await h.db
      .update(services)
      .set({ published: false, feeFen: 1250 })
      .where(eq(services.code, hidden ?? ""));
    await h.db
      .update(services)
      .set({ feeFen: 1250 })
      .where(eq(services.code, shown ?? ""));

    const catalog = await rows("service-catalog");
    expect(catalog.find((r) => r.nameZh === "企业设立登记")).toMatchObject({
      departmentZh: "河北省市场监督管理局",
      statutoryDays: 3,
      promisedDays: 1,
      feeYuan: 0,
    });
    expect(catalog.find((r) => r.code === shown)).toEqual({
      code: shown,
      nameZh: "测试事项 a",
      nameEn: "Test service a",
      departmentZh: "河北省市场监督管理局",
      departmentEn: expect.any(String),
      statutoryDays: 20,
      promisedDays: 5,
      feeYuan: 12.5,
    });
    expect(catalog.some((r) => r.code === hidden)).toBe(false);
  });

  it("never publish an applicant's name, credit code, ID number, tracking number or query code", async () => {
    const { code } = await createTestBundle(h.db, [{ key: "a", department: "market" }]);
    const applicant = await newEnterprise(h.db);
    const submitted = await submit(applicant, { kind: "bundle", code });
    await accept(submitted.id);
    await decide(submitted.id, "a", "market", "approved", later(5));
    const [app] = await h.db.select().from(applications).where(eq(applications.id, submitted.id));
    const [entity] = await h.db
      .select()
      .from(entities)
      .where(eq(entities.creditCode, app?.holderCode ?? ""));
    if (!app || !entity) throw new Error("no application");

    // Everyone's, not just this applicant's: every application in the database so far.
    const everyone = await h.db.select().from(applications);
    const secrets = [
      app.applicantName,
      app.holderCode,
      app.trackingNumber ?? "",
      app.queryCode ?? "",
      entity.legalRepresentative,
      entity.contactPhone,
      ...everyone.flatMap((a) => [a.applicantName, a.holderCode, a.trackingNumber, a.queryCode]),
    ].filter((s): s is string => Boolean(s));
    expect(secrets.length).toBeGreaterThan(6);

    for (const dataset of openDatasets) {
      const file = await readDataset(h.db, dataset, june);
      expect(file.rows.length, dataset.code).toBeGreaterThan(0);
      for (const row of file.rows) expect(Object.keys(row)).toEqual(dataset.columns.map((c) => c.name));
      const published = JSON.stringify(file) + toCsv(dataset.columns, file.rows);
      for (const secret of secrets) expect(published, `${dataset.code} contains ${secret}`).not.toContain(secret);
    }
  });

  it("preview every dataset with its metadata and first rows", async () => {
    const previews = await previewDatasets(h.db, june, 3);
    expect(previews.map((p) => p.dataset.code)).toEqual([
      "applications-by-service",
      "applications-by-month",
      "review-timeliness-by-department",
      "service-catalog",
    ]);
    for (const p of previews) {
      expect(p.dataset).toMatchObject({ publisherZh: "大数据管理办公室", licence: "CC BY 4.0", formats: ["json", "csv"] });
      expect(p.dataset).not.toHaveProperty("query");
      expect(p.rows.length).toBeLessThanOrEqual(3);
      expect(p.totalRows).toBeGreaterThanOrEqual(p.rows.length);
    }
  });
});
