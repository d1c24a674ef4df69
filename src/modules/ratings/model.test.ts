import { describe, expect, it } from "vitest";
import { isBadRating, isRectificationLate, mayChangeRating, ratingChangeableUntil, ratingLevels } from "./model";

describe("ratings", () => {
  it("has the five national levels, best first, and 不满意 or worse is a bad rating", () => {
    expect(ratingLevels).toHaveLength(5);
    expect(ratingLevels.filter(isBadRating)).toEqual(["dissatisfied", "veryDissatisfied"]);
  });

  it("may be changed up to 7 calendar days after the first rating, not a minute later", () => {
    const first = new Date("2026-09-29T01:00:00Z");
    expect(ratingChangeableUntil(first).toISOString()).toBe("2026-10-06T01:00:00.000Z");
    expect(mayChangeRating(first, new Date("2026-10-06T01:00:00Z"))).toBe(true);
    expect(mayChangeRating(first, new Date("2026-10-06T01:01:00Z"))).toBe(false);
  });
});

describe("a rectification item's timeliness", () => {
  it("is late when answered after its due day, or unanswered once the due day is over", () => {
    expect(isRectificationLate("2026-10-12", "2026-10-12", "2026-10-20")).toBe(false);
    expect(isRectificationLate("2026-10-12", "2026-10-13", "2026-10-13")).toBe(true);
    expect(isRectificationLate("2026-10-12", null, "2026-10-12")).toBe(false);
    expect(isRectificationLate("2026-10-12", null, "2026-10-13")).toBe(true);
  });
});
