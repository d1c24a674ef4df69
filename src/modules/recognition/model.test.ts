import { describe, expect, it } from "vitest";
import { isInForce, nextRecognitionStatus } from "./model";

describe("an entry in force", () => {
  const entry = { status: "active" as const, validFrom: "2026-03-01", validUntil: "2026-03-31" };
  it("from its first to its last day, both included", () => {
    expect(isInForce(entry, "2026-02-28")).toBe(false);
    expect(isInForce(entry, "2026-03-01")).toBe(true);
    expect(isInForce(entry, "2026-03-31")).toBe(true);
    expect(isInForce(entry, "2026-04-01")).toBe(false);
  });
  it("open-ended without a last day; never once ended", () => {
    expect(isInForce({ ...entry, validUntil: null }, "2099-12-31")).toBe(true);
    expect(isInForce({ ...entry, status: "ended" }, "2026-03-15")).toBe(false);
  });
  it("ends once", () => {
    expect(nextRecognitionStatus("active", "end")).toBe("ended");
    expect(() => nextRecognitionStatus("ended", "end")).toThrow();
  });
});
