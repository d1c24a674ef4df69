import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nearestRank } from "./real-durations";
import { bandOf, computeIndex, indicatorCodes, methodology, roundHalfUp, subIndex } from "./model";

const table = (code: string) => methodology.indicators.find((i) => i.code === code)!.breakpoints;

describe("a sub-index by its breakpoint table (HJ 633-2012 formula 1)", () => {
  it("takes each breakpoint's own index on the breakpoint, at every edge of every table", () => {
    for (const ind of methodology.indicators) for (const bp of ind.breakpoints) expect(subIndex(ind.breakpoints, bp.value)).toBe(bp.index);
  });

  it("interpolates linearly between two rows (hand-computed)", () => {
    // On-time 0.85: between 0.8 → 60 and 0.9 → 80: 60 + 20 × 0.05 / 0.1 = 70.
    expect(subIndex(table("onTime"), 0.85)).toBe(70);
    // Speed 1.25 (a falling table): between 1 → 60 and 1.5 → 40: 60 − 20 × 0.25 / 0.5 = 50.
    expect(subIndex(table("speed"), 1.25)).toBe(50);
    // Once-only 0.5: between 0.3 → 40 and 0.6 → 60: 40 + 20 × 0.2 / 0.3 = 53.33… → 53.3.
    expect(subIndex(table("onceOnly"), 0.5)).toBe(53.3);
    // Just inside the top band: on-time 0.985 between 0.97 → 90 and 1 → 100: 95.
    expect(subIndex(table("onTime"), 0.985)).toBe(95);
  });

  it("clamps values beyond the table to its ends", () => {
    expect(subIndex(table("speed"), 3.7)).toBe(0);
    expect(subIndex(table("onTime"), -0.2)).toBe(0);
    expect(subIndex(table("onTime"), 1.2)).toBe(100);
  });

  it("rounds half up without binary drift", () => {
    expect(roundHalfUp(0.15, 1)).toBe(0.2);
    expect(roundHalfUp(67.75, 1)).toBe(67.8);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
  });
});

describe("the composite, its band and the primary shortfall", () => {
  const inputs = {
    tasksOnTime: 17,
    tasksDecided: 20,
    workingDaysTaken: 25,
    workingDaysPromised: 20,
    casesAtMostOneNotice: 9,
    casesFinished: 10,
    materialsShared: 5,
    materialsDocuments: 10,
    casesOnline: 12,
    casesSubmitted: 12,
    ratingsSatisfied: 0,
    ratings: 0,
    rectificationsOnTime: 0,
    rectificationsDue: 0,
  };

  it("is the weighted mean of the sub-indices that have a value (hand-computed)", () => {
    const r = computeIndex(inputs, 10);
    expect(r.indicators.map((i) => [i.code, i.value, i.subIndex])).toEqual([
      ["onTime", 0.85, 70],
      ["speed", 1.25, 50],
      ["oneNotice", 0.9, 70],
      ["onceOnly", 0.5, 53.3],
      ["online", 1, 100],
      // No ratings and no rectification items due: no value, left out of the composite.
      ["satisfaction", null, null],
      ["rectification", null, null],
    ]);
    // (0.25 × 70 + 0.15 × 50 + 0.15 × 70 + 0.1 × 53.3 + 0.1 × 100) ÷ 0.75 = 50.83 ÷ 0.75 = 67.77… → 67.8
    expect(r.composite).toBe(67.8);
    expect(r.band).toBe("fair");
    expect(r.primaryShortfall).toBe("speed");
  });

  it("says 数据不足 below the minimum number of cases: no value at all, not 0 and not 100", () => {
    const r = computeIndex(inputs, methodology.minimumCases - 1);
    expect(r).toMatchObject({ sufficient: false, composite: null, band: null, primaryShortfall: null });
    expect(r.indicators.every((i) => i.subIndex === null)).toBe(true);
    expect(computeIndex(inputs, methodology.minimumCases).sufficient).toBe(true);
  });

  it("bands composites at their lower edges", () => {
    expect(bandOf(90).code).toBe("excellent");
    expect(bandOf(89.9).code).toBe("good");
    expect(bandOf(80).code).toBe("good");
    expect(bandOf(79.9).code).toBe("fair");
    expect(bandOf(60).code).toBe("fair");
    expect(bandOf(40).code).toBe("poor");
    expect(bandOf(39.9).code).toBe("bad");
    expect(bandOf(0).code).toBe("bad");
  });

  it("publishes weights that sum to 1 and a table for every indicator, sorted", () => {
    expect(
      roundHalfUp(
        methodology.indicators.reduce((s, i) => s + i.weight, 0),
        6,
      ),
    ).toBe(1);
    expect(methodology.indicators.map((i) => i.code)).toEqual([...indicatorCodes]);
    for (const ind of methodology.indicators) {
      const values = ind.breakpoints.map((b) => b.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
  });
});

describe("properties", () => {
  const counts = fc.record({
    tasksOnTime: fc.nat(500),
    tasksDecided: fc.nat(500),
    workingDaysTaken: fc.nat(2000),
    workingDaysPromised: fc.nat(2000),
    casesAtMostOneNotice: fc.nat(500),
    casesFinished: fc.nat(500),
    materialsShared: fc.nat(500),
    materialsDocuments: fc.nat(500),
    casesOnline: fc.nat(500),
    casesSubmitted: fc.nat(500),
    ratingsSatisfied: fc.nat(500),
    ratings: fc.nat(500),
    rectificationsOnTime: fc.nat(50),
    rectificationsDue: fc.nat(50),
  });

  it("every sub-index lies in 0–100 and the composite between the lowest and highest sub-index, in its band", () => {
    fc.assert(
      fc.property(counts, fc.nat(1000), (inputs, cases) => {
        const r = computeIndex(inputs, cases);
        const subs = r.indicators.flatMap((i) => (i.subIndex === null ? [] : [i.subIndex]));
        for (const s of subs) expect(s >= 0 && s <= 100).toBe(true);
        if (r.composite === null) return;
        expect(r.composite).toBeGreaterThanOrEqual(Math.min(...subs) - 0.05);
        expect(r.composite).toBeLessThanOrEqual(Math.max(...subs) + 0.05);
        expect(r.band).toBe(bandOf(r.composite).code);
        const lowest = r.indicators.find((i) => i.code === r.primaryShortfall)!;
        expect(lowest.subIndex).toBe(Math.min(...subs));
      }),
    );
  });

  it("a higher rate never lowers its sub-index, a slower speed never raises it", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(subIndex(table("onTime"), lo)).toBeLessThanOrEqual(subIndex(table("onTime"), hi));
        expect(subIndex(table("speed"), lo * 3)).toBeGreaterThanOrEqual(subIndex(table("speed"), hi * 3));
      }),
    );
  });
});

describe("the percentiles of real durations (nearest rank)", () => {
  it("takes the value at rank ⌈p × n⌉", () => {
    expect(nearestRank([2, 2, 2, 2, 2, 10], 50)).toBe(2);
    expect(nearestRank([2, 2, 2, 2, 2, 10], 90)).toBe(10);
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });
});
