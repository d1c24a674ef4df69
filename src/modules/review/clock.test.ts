import { describe, expect, it } from "vitest";
import { calendarFromRows } from "../calendar/model";
import { expectedFinish, type ExpectedTaskClock } from "./clock";

// 2026 published with a National Day week off (1–7 October); 2027 only provisional.
const holidays = ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"].map((day) => ({ day, kind: "holiday" as const }));
const cal = calendarFromRows(holidays, [{ year: "2026" }]);
const endOfDay = (day: string) => new Date(`${day}T23:59:59.999+08:00`);
const now = new Date("2026-09-28T10:00:00+08:00"); // a Monday

const task = (over: Partial<ExpectedTaskClock> & { stepKey: string }): ExpectedTaskClock => ({
  needs: [],
  status: "open",
  budgetDays: 3,
  dueAt: null,
  dueProvisional: false,
  decidedAt: null,
  ...over,
});

describe("the expected finish of a case", () => {
  it("runs a waiting step its budget after the steps it needs, across a holiday", () => {
    const tasks = [
      task({ stepKey: "licence", status: "claimed", dueAt: endOfDay("2026-09-29") }),
      task({ stepKey: "food", status: "waiting", needs: ["licence"], budgetDays: 3 }),
    ];
    // From 29 September: the 30th, then 8 and 9 October (1–7 off, 3–4 a weekend).
    expect(expectedFinish(cal, tasks, now)).toEqual({ at: endOfDay("2026-10-09"), provisional: false });
  });

  it("is the latest of the parallel steps; a decided step counts by its decision, a cancelled one not at all", () => {
    const tasks = [
      task({ stepKey: "a", status: "approved", decidedAt: new Date("2026-09-28T11:00:00+08:00") }),
      task({ stepKey: "b", status: "open", dueAt: endOfDay("2026-09-30") }),
      task({ stepKey: "c", status: "cancelled", dueAt: endOfDay("2026-12-31") }),
      task({ stepKey: "d", status: "supplementRequested", dueAt: endOfDay("2026-10-08") }),
    ];
    expect(expectedFinish(cal, tasks, now)).toEqual({ at: endOfDay("2026-10-08"), provisional: false });
  });

  it("says when the date rests on a provisional year", () => {
    const tasks = [task({ stepKey: "long", status: "waiting", budgetDays: 80 })];
    const f = expectedFinish(cal, tasks, now);
    expect(f?.provisional).toBe(true);
    expect(f!.at.getTime()).toBeGreaterThan(endOfDay("2026-12-31").getTime());
  });

  it("has none when nothing is left to run", () => {
    expect(expectedFinish(cal, [task({ stepKey: "a", status: "approved", decidedAt: now })], now)).toBeNull();
    expect(expectedFinish(cal, [task({ stepKey: "a", status: "cancelled" })], now)).toBeNull();
    expect(expectedFinish(cal, [], now)).toBeNull();
  });
});
