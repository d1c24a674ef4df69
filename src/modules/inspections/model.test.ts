import { describe, expect, it } from "vitest";
import { divisionPrefix, entityDivision, inspectorConflict, nextPlanStatus } from "./model";

describe("conflicts of interest", () => {
  const restaurant = "91130602MA0TB002XR";
  it("excludes an inspector of the entity's own division", () => {
    expect(entityDivision(restaurant)).toBe("130602");
    expect(inspectorConflict({ id: "u1", divisionCode: "130602" }, { code: restaurant, lastInspectorIds: [] })).toBe("sameDivision");
  });
  it("excludes whoever inspected it last time", () => {
    expect(inspectorConflict({ id: "u1", divisionCode: "130000" }, { code: restaurant, lastInspectorIds: ["u1"] })).toBe("inspectedLastTime");
  });
  it("lets a province inspector without history inspect", () => {
    expect(inspectorConflict({ id: "u2", divisionCode: "130000" }, { code: restaurant, lastInspectorIds: ["u1"] })).toBeNull();
  });
});

describe("divisions and the plan's machine", () => {
  it("a city's code covers its counties, the province's every county", () => {
    expect(divisionPrefix("130602")).toBe("130602");
    expect(divisionPrefix("130600")).toBe("1306");
    expect(divisionPrefix("130000")).toBe("13");
  });
  it("draws once, completes once", () => {
    expect(nextPlanStatus("published", "draw")).toBe("drawn");
    expect(nextPlanStatus("drawn", "complete")).toBe("completed");
    expect(() => nextPlanStatus("drawn", "draw")).toThrow();
    expect(() => nextPlanStatus("published", "complete")).toThrow();
  });
});
