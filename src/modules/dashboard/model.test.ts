import { describe, expect, it } from "vitest";
import { decidedCount, finishersByBundle, firstOfMonth, lastDays, shareOf, volumesFrom } from "./model";

describe("the dashboard's days", () => {
  it("lists the last days oldest first, across a month and a year", () => {
    expect(lastDays("2026-03-02", 4)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(lastDays("2026-01-01", 2)).toEqual(["2025-12-31", "2026-01-01"]);
    expect(lastDays("2026-11-30", 30)).toHaveLength(30);
    expect(lastDays("2026-11-30", 30)[0]).toBe("2026-11-01");
    expect(firstOfMonth("2026-11-30")).toBe("2026-11-01");
    expect(() => lastDays("30/11/2026", 2)).toThrow(TypeError);
  });

  it("counts today, this month and each day; a day without cases is a zero; later days are not counted", () => {
    const v = volumesFrom(
      [
        { kind: "submitted", day: "2026-03-02", count: 3 },
        { kind: "submitted", day: "2026-02-27", count: 2 },
        { kind: "approved", day: "2026-03-01", count: 1 },
        { kind: "refused", day: "2026-03-02", count: 1 },
        { kind: "denied", day: "2026-01-10", count: 9 },
        { kind: "accepted", day: "2026-03-03", count: 5 },
      ],
      "2026-03-02",
      4,
    );
    expect(v.today).toEqual({ submitted: 3, accepted: 0, approved: 0, denied: 0, refused: 1 });
    expect(v.month).toEqual({ submitted: 3, accepted: 0, approved: 1, denied: 0, refused: 1 });
    expect(v.daily.map((d) => [d.day, d.submitted, decidedCount(d)])).toEqual([
      ["2026-02-27", 2, 0],
      ["2026-02-28", 0, 0],
      ["2026-03-01", 0, 1],
      ["2026-03-02", 3, 1],
    ]);
  });
});

describe("the bottleneck", () => {
  it("ranks the departments that finished last in each bundle, most often first, with their working days sorted", () => {
    const groups = finishersByBundle([
      { bundleId: "b1", departmentId: "tax", workingDays: 4 },
      { bundleId: "b1", departmentId: "market", workingDays: 2 },
      { bundleId: "b1", departmentId: "tax", workingDays: 3 },
      { bundleId: "b1", departmentId: "tax", workingDays: null },
      { bundleId: "b2", departmentId: "fire", workingDays: 7 },
    ]);
    expect(groups).toEqual([
      {
        bundleId: "b1",
        cases: 4,
        departments: [
          { departmentId: "tax", count: 3, share: 0.75, workingDays: [3, 4] },
          { departmentId: "market", count: 1, share: 0.25, workingDays: [2] },
        ],
      },
      { bundleId: "b2", cases: 1, departments: [{ departmentId: "fire", count: 1, share: 1, workingDays: [7] }] },
    ]);
    expect(finishersByBundle([])).toEqual([]);
    expect(shareOf(2, 3)).toBe(0.6667);
    expect(shareOf(0, 0)).toBe(0);
  });
});
