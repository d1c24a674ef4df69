import { describe, expect, it } from "vitest";
import { contributionDueProblem, latestContributionDay } from "./model";

describe("contribution due days (Company Law art. 47)", () => {
  it("allows five years from the day of submission, and 28 February for a 29 February", () => {
    expect(latestContributionDay("2026-03-02")).toBe("2031-03-02");
    expect(latestContributionDay("2028-02-29")).toBe("2033-02-28");
  });

  it("refuses a day before today, and beyond five years for a limited liability company only", () => {
    expect(contributionDueProblem("2026-03-01", "2026-03-02", "limitedLiabilityCompany")).toBe("past");
    expect(contributionDueProblem("2026-03-02", "2026-03-02", "limitedLiabilityCompany")).toBeNull();
    expect(contributionDueProblem("2031-03-02", "2026-03-02", "limitedLiabilityCompany")).toBeNull();
    expect(contributionDueProblem("2031-03-03", "2026-03-02", "limitedLiabilityCompany")).toBe("beyondFiveYears");
    expect(contributionDueProblem("2040-01-01", "2026-03-02", "partnership")).toBeNull();
  });
});
