import { describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { onCalendarPublished, runCalendarPublished, type CalendarPublished } from "./effects";
import { calendarFromOfficialData } from "./model";
import official from "./official-workdays.json";

const event: CalendarPublished = { year: 2027, calendar: calendarFromOfficialData(official), now: new Date("2026-11-30T02:00:00Z"), actorId: "office" };
const tx = {} as Db;

describe("the calendar's published-year listeners", () => {
  it("runs each listener once, in order, even when registered twice, and no more once removed", async () => {
    const calls: string[] = [];
    const first = async (_tx: Db, e: CalendarPublished) => calls.push(`first ${e.year}`);
    const second = async () => calls.push("second");
    const offFirst = onCalendarPublished(first);
    onCalendarPublished(first);
    const offSecond = onCalendarPublished(second);
    await runCalendarPublished(tx, event);
    expect(calls).toEqual(["first 2027", "second"]);
    offFirst();
    offSecond();
    await runCalendarPublished(tx, event);
    expect(calls).toHaveLength(2);
  });

  it("passes a listener's failure on, so the publishing transaction rolls back", async () => {
    const off = onCalendarPublished(() => Promise.reject(new Error("no")));
    await expect(runCalendarPublished(tx, event)).rejects.toThrow("no");
    off();
  });
});
