import { describe, expect, it } from "vitest";
import { isPersonHolderCode, isUpdateOverdue, nextUpdateDue } from "./model";

describe("update deadlines", () => {
  const last = new Date("2026-01-01T00:00:00Z");
  it("gives real-time resources no deadline", () => {
    expect(nextUpdateDue("realtime", last)).toBeNull();
    expect(isUpdateOverdue("realtime", last, new Date("2030-01-01T00:00:00Z"))).toBe(false);
  });
  it("flags a provider past its deadline, not one within it", () => {
    expect(isUpdateOverdue("monthly", last, new Date("2026-02-01T00:00:00Z"))).toBe(false);
    expect(isUpdateOverdue("monthly", last, new Date("2026-02-03T00:00:01Z"))).toBe(true);
    expect(isUpdateOverdue("yearly", last, new Date("2026-12-31T00:00:00Z"))).toBe(false);
    expect(isUpdateOverdue("yearly", last, new Date("2027-01-04T00:00:00Z"))).toBe(true);
  });
});

describe("holder codes", () => {
  it("tells an ID number from a credit code", () => {
    expect(isPersonHolderCode("11010519491231002X")).toBe(true);
    expect(isPersonHolderCode("91130102MA0TB00118")).toBe(false);
  });
});
