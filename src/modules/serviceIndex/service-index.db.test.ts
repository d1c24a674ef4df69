import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { rateApplication } from "@/modules/ratings/rate-application";
import { createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import { cityOf } from "./compute-inputs";
import { ZHistoryQuery, ZIndexQuery } from "./inputs";
import { computeIndex, methodology } from "./model";
import { readIndexHistory } from "./read-history";
import { readIndex } from "./read-index";
import { realDurations } from "./real-durations";
import { snapshotIndex } from "./snapshot-index";

const { h, clerk } = await withDemo({ clerk: "clerk" });

// Monday 2 March 2026, 09:00 in China; five working days are promised per step.
const monday = new Date("2026-03-02T01:00:00Z");
const day = (n: number) => new Date(monday.getTime() + n * 86_400_000);

/** Six cases of one single-step service, decided by ecology: five within their five working days, one after two weeks. */
async function sixCases() {
  const { code } = await createTestBundle(h.db, [{ key: "a", department: "ecology" }]);
  const enterprise = await newEnterprise(h.db);
  const actor = await reviewer(h.db, "ecology");
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) {
    const s = await submitApplication(
      h.db,
      enterprise,
      ZSubmitApplicationInput.parse({
        subject: { kind: "bundle", code },
        idempotencyKey: randomUUID(),
        formData: { projectName: `项目 ${i}` },
        materials: {},
        consent: true,
      }),
      monday,
    );
    ids.push(s.id);
    const [app] = await h.db.select({ v: applications.version }).from(applications).where(eq(applications.id, s.id));
    await acceptApplication(h.db, clerk, { applicationId: s.id, version: app!.v }, day(0));
    const [task] = await h.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, s.id));
    const at = i === 5 ? day(14) : day(2);
    const claimed = await claimTask(h.db, actor, { taskId: task!.id, version: task!.version }, at);
    await decideTask(h.db, actor, { taskId: task!.id, version: claimed.version, outcome: "approved" }, at);
  }
  return { enterprise, ids, departmentId: actor.departmentId!, code };
}

describe("the service index from the case stream", () => {
  it("counts a service's cases and publishes exactly what the methodology gives from the published inputs", async () => {
    const { enterprise, ids, departmentId, code } = await sixCases();
    // The guide's real durations: five cases decided in 2 working days, one in 10 (nearest rank).
    expect(await realDurations(h.db, { kind: "bundle", code }, new Date("2026-03-20T02:00:00Z"))).toEqual({ cases: 6, sufficient: true, median: 2, p90: 10 });
    // A year later the cases have left the 12-month window: 数据不足.
    expect(await realDurations(h.db, { kind: "bundle", code }, new Date("2027-04-01T02:00:00Z"))).toMatchObject({ cases: 0, sufficient: false, median: null });
    // Five of the cases are rated for ecology: four satisfied, one dissatisfied (a rectification
    // item due 5 working days later, unanswered by the 20th: due and late).
    for (const [i, id] of ids.slice(0, 5).entries()) {
      await rateApplication(h.db, enterprise, { applicationId: id, departmentId, level: i === 4 ? "dissatisfied" : "satisfied" }, day(3));
    }
    const result = await snapshotIndex(h.db, new Date("2026-03-20T02:00:00Z"), ["2026-03"]);
    expect(result.units).toBeGreaterThan(0);
    const published = await readIndex(h.db, ZIndexQuery.parse({ period: "2026-03", kind: "service" }));
    if (published === "unknownUnit") throw new Error("unexpected");
    expect(published.computedOn).toBe("2026-03-20");
    const mine = published.values.find((v) => v.inputs.tasksDecided === 6 && v.nameZh === "测试事项 a");
    expect(mine).toBeDefined();
    // Five of six on time; two working days taken five times and ten once, against 6 × 5 promised.
    expect(mine!.inputs).toMatchObject({
      tasksDecided: 6,
      tasksOnTime: 5,
      workingDaysPromised: 30,
      casesFinished: 6,
      casesAtMostOneNotice: 6,
      casesSubmitted: 6,
      casesOnline: 6,
    });
    expect(mine!.inputs.workingDaysTaken).toBe(5 * 2 + 10);
    expect(mine!.cases).toBe(6);
    expect(mine!.indicators.find((i) => i.code === "onTime")).toMatchObject({ value: 0.8333 });
    const departments = await readIndex(h.db, ZIndexQuery.parse({ period: "2026-03", kind: "department", unit: "ecology" }));
    if (departments === "unknownUnit") throw new Error("unexpected");
    expect(departments.values[0]?.inputs).toMatchObject({ ratings: 5, ratingsSatisfied: 4, rectificationsDue: 1, rectificationsOnTime: 0 });
    expect(departments.values[0]?.indicators.find((i) => i.code === "satisfaction")).toMatchObject({ value: 0.8, subIndex: 60 });
    expect(departments.values[0]?.indicators.find((i) => i.code === "rectification")).toMatchObject({ value: 0, subIndex: 0 });
    // Anyone can recompute every published value from the published inputs: it is the same.
    for (const v of published.values) {
      const again = computeIndex(v.inputs, v.cases);
      expect({ composite: v.composite, band: v.band, primaryShortfall: v.primaryShortfall, indicators: v.indicators }).toEqual({
        composite: again.composite,
        band: again.band,
        primaryShortfall: again.primaryShortfall,
        indicators: again.indicators,
      });
      expect(v.methodologyVersion).toBe(methodology.version);
    }
    // The ratings count for the service of ecology's task on each case and for the cases' city too,
    // so satisfaction and rectification have sub-indices for every kind of unit.
    expect(mine!.inputs).toMatchObject({ ratings: 5, ratingsSatisfied: 4, rectificationsDue: 1, rectificationsOnTime: 0 });
    expect(mine!.indicators.find((i) => i.code === "satisfaction")).toMatchObject({ value: 0.8, subIndex: 60 });
    expect(mine!.indicators.find((i) => i.code === "rectification")).toMatchObject({ value: 0, subIndex: 0 });
    const [division] = await h.db.select({ code: applications.divisionCode }).from(applications).where(eq(applications.id, ids[0]!));
    const cities = await readIndex(h.db, ZIndexQuery.parse({ period: "2026-03", kind: "city", unit: cityOf(division!.code) }));
    if (cities === "unknownUnit") throw new Error("unexpected");
    // Other tests may rate cases of the same city in the same month: at least ours.
    expect(cities.values[0]?.inputs.ratings).toBeGreaterThanOrEqual(5);
    expect(cities.values[0]?.inputs.rectificationsDue).toBeGreaterThanOrEqual(1);
    expect(cities.values[0]?.indicators.find((i) => i.code === "satisfaction")?.subIndex).not.toBeNull();
    // Running again the same day replaces the day's values instead of adding to them.
    const again = await snapshotIndex(h.db, new Date("2026-03-20T05:00:00Z"), ["2026-03"]);
    expect(again.units).toBe(result.units);
    const reread = await readIndex(h.db, ZIndexQuery.parse({ period: "2026-03", kind: "service" }));
    expect(reread !== "unknownUnit" && reread.values.length).toBe(published.values.length);

    // The unit's history: each month's latest snapshot, and the last 30 days of each daily snapshot.
    await snapshotIndex(h.db, new Date("2026-03-25T02:00:00Z"), ["2026-03", "last30"]);
    await snapshotIndex(h.db, new Date("2026-03-26T02:00:00Z"), ["last30"]);
    await snapshotIndex(h.db, new Date("2026-04-02T02:00:00Z"), ["2026-04"]);
    const history = await readIndexHistory(h.db, { kind: "service", code: mine!.code });
    if (history === "unknownUnit") throw new Error("unexpected");
    expect(history.nameZh).toBe("测试事项 a");
    // April has no case of the service: no value, not a zero.
    expect(history.months.map((m) => [m.period, m.computedOn])).toEqual([["2026-03", "2026-03-25"]]);
    expect(history.months[0]).toMatchObject({ composite: mine!.composite, band: mine!.band, methodologyVersion: methodology.version });
    expect(history.days.map((d) => d.computedOn)).toEqual(["2026-03-25", "2026-03-26"]);
    expect(history.days.every((d) => d.period === "last30")).toBe(true);
    // 24 March to 25 March: all six decisions are in the last 30 days of the 25th.
    expect(history.days[0]!.inputs.tasksDecided).toBe(6);
    expect(await readIndexHistory(h.db, { kind: "department", code: "noSuchDepartment" })).toBe("unknownUnit");
    expect(ZHistoryQuery.parse({ unit: "department:market" }).unit).toEqual({ kind: "department", code: "market" });
    for (const bad of [
      {},
      { unit: "market" },
      { unit: "province:hebei" },
      { unit: "department:" },
      { unit: "department:a:b" },
      { unit: `department:${"x".repeat(100)}` },
    ]) {
      expect(ZHistoryQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("shows 数据不足 for a unit with fewer cases than the threshold, and refuses an unknown unit or a malformed period", async () => {
    const published = await readIndex(h.db, ZIndexQuery.parse({ period: "2026-03", kind: "city" }));
    if (published === "unknownUnit") throw new Error("unexpected");
    for (const v of published.values) if (v.cases < methodology.minimumCases) expect(v.composite).toBeNull();
    expect(await readIndex(h.db, ZIndexQuery.parse({ period: "2026-03", kind: "department", unit: "noSuchDepartment" }))).toBe("unknownUnit");
    expect(ZIndexQuery.safeParse({ period: "2026-13" }).success).toBe(false);
    expect(ZIndexQuery.safeParse({ period: "March" }).success).toBe(false);
    expect(ZIndexQuery.safeParse({ kind: "province" }).success).toBe(false);
  });
});
