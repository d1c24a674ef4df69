import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { refuseApplication } from "@/modules/applications/refuse-application";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { publishDecisions } from "@/modules/disclosure/publish-decisions";
import { disclosures } from "@/modules/disclosure/schema";
import { createDepartment } from "@/modules/identity/create-department";
import { ZCreateDepartmentInput } from "@/modules/identity/inputs";
import type { Actor } from "@/modules/identity/model";
import { rateApplication } from "@/modules/ratings/rate-application";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { uniqueSuffix } from "@/root/testing/database";
import { createTestBundle, newEnterprise, withDemo } from "@/root/testing/fixtures";
import { extraReviewer } from "@/root/testing/staff";
import { departmentTasks } from "./department-tasks";
import { readFollowUps } from "./follow-ups";
import { decidedCount, type VolumeCounts } from "./model";
import { readBottlenecks } from "./read-bottlenecks";
import { readVolumes } from "./read-volumes";

const { h, clerk, office, admin } = await withDemo({ clerk: "clerk", office: "dataoffice", admin: "admin" });

// Monday 7 September 2026, 09:00 in China: two clean working weeks before the Mid-Autumn holiday.
// Each step promises 5 working days, so a task opened on the Monday is due by the end of Monday the 14th.
const monday = new Date("2026-09-07T01:00:00Z");
const day = (n: number, hour = 9) => new Date(monday.getTime() + n * 86_400_000 + (hour - 9) * 3_600_000);

/** Two departments of this test's own, a reviewer in each, and a bundle whose two steps run in parallel. */
async function ownBundle() {
  const suffix = uniqueSuffix().toLowerCase();
  const codes = { a: `dash-a-${suffix}`, b: `dash-b-${suffix}` };
  const ids: Record<"a" | "b", string> = { a: "", b: "" };
  for (const k of ["a", "b"] as const) {
    const made = await createDepartment(
      h.db,
      admin,
      ZCreateDepartmentInput.parse({
        code: codes[k],
        nameZh: `测试看板局${k.toUpperCase()}`,
        nameEn: `Dashboard bureau ${k.toUpperCase()}`,
        level: "province",
        divisionCode: "130000",
      }),
    );
    ids[k] = made.id;
  }
  const reviewers = { a: await extraReviewer(h.db, codes.a), b: await extraReviewer(h.db, codes.b) };
  const { code } = await createTestBundle(h.db, [
    { key: "a", department: codes.a },
    { key: "b", department: codes.b },
  ]);
  return { codes, ids, reviewers, bundleCode: code };
}

async function submit(enterprise: Actor, bundleCode: string, at: Date): Promise<string> {
  const s = await submitApplication(
    h.db,
    enterprise,
    ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code: bundleCode },
      idempotencyKey: randomUUID(),
      formData: { projectName: "看板测试项目" },
      materials: {},
      consent: true,
    }),
    at,
  );
  return s.id;
}

const versionOf = async (id: string) => (await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, id)))[0]!.v;

async function decide(reviewer: Actor, applicationId: string, departmentId: string, outcome: "approved" | "denied", at: Date) {
  const [task] = await h.db
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.applicationId, applicationId), eq(reviewTasks.departmentId, departmentId)));
  const claimed = await claimTask(h.db, reviewer, { taskId: task!.id, version: task!.version }, at);
  await decideTask(
    h.db,
    reviewer,
    outcome === "approved"
      ? { taskId: task!.id, version: claimed.version, outcome }
      : { taskId: task!.id, version: claimed.version, outcome, reason: "经营场所不符合测试条例的要求", confirmed: true },
    at,
  );
}

const minus = (a: VolumeCounts, b: VolumeCounts): VolumeCounts => ({
  submitted: a.submitted - b.submitted,
  accepted: a.accepted - b.accepted,
  approved: a.approved - b.approved,
  denied: a.denied - b.denied,
  refused: a.refused - b.refused,
});

describe("the data office's dashboard", () => {
  it("counts volumes, running and overdue tasks per department, the bundle's bottleneck, rectification and late publication", async () => {
    const { ids, reviewers, bundleCode } = await ownBundle();
    const enterprise = await newEnterprise(h.db);
    // Compared before and after: the database may hold other tests' cases on these days.
    const volumesBefore = await readVolumes(h.db, office, day(4, 20));
    const followUpsBefore = { early: await readFollowUps(h.db, office, day(3)), late: await readFollowUps(h.db, office, day(12)) };

    // Six cases submitted on Monday; five accepted at once, one refused at the window.
    const cases = [];
    for (let i = 0; i < 6; i++) cases.push(await submit(enterprise, bundleCode, day(0)));
    const [c1, c2, c3, c4, c5, c6] = cases as [string, string, string, string, string, string];
    for (const id of [c1, c2, c3, c4, c6]) await acceptApplication(h.db, clerk, { applicationId: id, version: await versionOf(id) }, day(0, 10));
    await refuseApplication(h.db, clerk, { applicationId: c5, version: await versionOf(c5), reason: "不属于本平台受理范围", confirmed: true }, day(0, 11));
    // Three granted: B decides last in two of them (3 and 4 working days after Monday), A in one.
    await decide(reviewers.a, c1, ids.a, "approved", day(1));
    await decide(reviewers.b, c1, ids.b, "approved", day(3));
    await decide(reviewers.b, c2, ids.b, "approved", day(1));
    await decide(reviewers.a, c2, ids.a, "approved", day(2));
    await decide(reviewers.a, c3, ids.a, "approved", day(1, 10));
    await decide(reviewers.b, c3, ids.b, "approved", day(4));
    // One denied by A on Tuesday (B's task is cancelled); case 4 stays with both departments.
    await decide(reviewers.a, c6, ids.a, "denied", day(1, 11));

    // Volumes: Friday's own (c3 granted), the month's and each day's.
    const volumes = await readVolumes(h.db, office, day(4, 20));
    expect(minus(volumes.today, volumesBefore.today)).toEqual({ submitted: 0, accepted: 0, approved: 1, denied: 0, refused: 0 });
    expect(minus(volumes.month, volumesBefore.month)).toEqual({ submitted: 6, accepted: 5, approved: 3, denied: 1, refused: 1 });
    const dailyDelta = volumes.daily.map((d, i) => ({ day: d.day, ...minus(d, volumesBefore.daily[i]!) }));
    expect(volumes.daily).toHaveLength(30);
    expect(volumes.daily.at(-1)?.day).toBe("2026-09-11");
    expect(dailyDelta.filter((d) => d.submitted + d.accepted + decidedCount(d) > 0)).toEqual([
      { day: "2026-09-07", submitted: 6, accepted: 5, approved: 0, denied: 0, refused: 1 },
      { day: "2026-09-08", submitted: 0, accepted: 0, approved: 0, denied: 1, refused: 0 },
      { day: "2026-09-09", submitted: 0, accepted: 0, approved: 1, denied: 0, refused: 0 },
      { day: "2026-09-10", submitted: 0, accepted: 0, approved: 1, denied: 0, refused: 0 },
      { day: "2026-09-11", submitted: 0, accepted: 0, approved: 1, denied: 0, refused: 0 },
    ]);

    // Case 4's two tasks: running on Monday, due soon on Friday (due Monday the 14th), overdue on Tuesday the 15th.
    const mine = async (at: Date) => (await departmentTasks(h.db, office, at)).filter((r) => r.departmentId === ids.a || r.departmentId === ids.b);
    const shape = (rows: Awaited<ReturnType<typeof mine>>) => rows.map((r) => ({ id: r.departmentId, open: r.open, overdue: r.overdue, dueSoon: r.dueSoon }));
    expect(shape(await mine(day(0, 12))).sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(
      [ids.a, ids.b].sort().map((id) => ({ id, open: 1, overdue: 0, dueSoon: 0 })),
    );
    expect(shape(await mine(day(4))).sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(
      [ids.a, ids.b].sort().map((id) => ({ id, open: 1, overdue: 0, dueSoon: 1 })),
    );
    expect(shape(await mine(day(8))).sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(
      [ids.a, ids.b].sort().map((id) => ({ id, open: 1, overdue: 1, dueSoon: 0 })),
    );

    // The bottleneck: B finished last in two of the three granted cases; its tasks took 3 and 4 working days (median 3, nearest rank).
    const bottlenecks = await readBottlenecks(h.db, office, day(10));
    const own = bottlenecks.bundles.find((b) => b.bundleCode === bundleCode);
    expect(own).toMatchObject({ cases: 3, departmentZh: "测试看板局B", count: 2, share: 0.6667, medianWorkingDays: 3 });
    expect(bottlenecks.windowDays).toBe(90);
    // Three months later the cases have left the window.
    expect((await readBottlenecks(h.db, office, day(100))).bundles.find((b) => b.bundleCode === bundleCode)).toBeUndefined();

    // A bad rating of A's denial opens a rectification item, due 5 working days later (Wednesday the 16th): open, then late.
    await rateApplication(h.db, enterprise, { applicationId: c6, departmentId: ids.a, level: "dissatisfied" }, day(2));
    const early = await readFollowUps(h.db, office, day(3));
    const late = await readFollowUps(h.db, office, day(12));
    expect(early.rectificationOpen - followUpsBefore.early.rectificationOpen).toBe(1);
    expect(early.rectificationLate - followUpsBefore.early.rectificationLate).toBe(0);
    expect(late.rectificationLate - followUpsBefore.late.rectificationLate).toBe(1);

    // The denial published on the 27th, ten days after its due day (decision day + 7 working days): a late publication.
    const publishedAt = day(20);
    const beforePublishing = await readFollowUps(h.db, office, publishedAt);
    while ((await publishDecisions(h.db, publishedAt)).decisions > 0);
    const afterPublishing = await readFollowUps(h.db, office, publishedAt);
    const [ownRecord] = await h.db
      .select({ dueOn: disclosures.dueOn, publishedOn: disclosures.publishedOn })
      .from(disclosures)
      .where(and(eq(disclosures.kind, "denial"), eq(disclosures.departmentId, ids.a)));
    expect(ownRecord).toEqual({ dueOn: "2026-09-17", publishedOn: "2026-09-27" });
    const [{ n: lateThisRun } = { n: 0 }] = await h.db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(disclosures)
      .where(and(eq(disclosures.publishedAt, publishedAt), sql`${disclosures.publishedOn} > ${disclosures.dueOn}`));
    expect(lateThisRun).toBeGreaterThanOrEqual(1);
    expect(afterPublishing.latePublications - beforePublishing.latePublications).toBe(lateThisRun);
  });

  it("is the data office's only", async () => {
    await expect(readVolumes(h.db, clerk)).rejects.toMatchObject({ code: "forbidden" });
    await expect(departmentTasks(h.db, clerk)).rejects.toMatchObject({ code: "forbidden" });
    await expect(readBottlenecks(h.db, clerk)).rejects.toMatchObject({ code: "forbidden" });
    await expect(readFollowUps(h.db, clerk)).rejects.toMatchObject({ code: "forbidden" });
  });
});
