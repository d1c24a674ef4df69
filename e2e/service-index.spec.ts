import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./helpers";

test.describe("the service index's methodology", () => {
  test("is published as JSON anyone can recompute from, and as a page in words and tables", async ({ page, request }) => {
    const res = await request.get("/api/open/service-index/methodology.json");
    expect(res.status()).toBe(200);
    const m = (await res.json()) as {
      version: string;
      minimumCases: number;
      indicators: Array<{ code: string; weight: number; breakpoints: Array<{ value: number; index: number }> }>;
      bands: Array<{ code: string; from: number }>;
    };
    expect(m.version).toMatch(/^\d{4}\.\d+$/);
    expect(m.indicators.map((i) => i.code)).toEqual(["onTime", "speed", "oneNotice", "onceOnly", "online", "satisfaction", "rectification"]);
    expect(Math.round(m.indicators.reduce((s, i) => s + i.weight, 0) * 1e6) / 1e6).toBe(1);

    await page.goto("/service-index/methodology");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("政务服务指数计算方法");
    await expect(page.getByTestId("index-bands").locator("tbody tr")).toHaveCount(m.bands.length);
    // The page shows the same breakpoints as the file.
    const onTime = m.indicators.find((i) => i.code === "onTime")!;
    await expect(page.getByTestId("breakpoints-onTime").locator("tr").first().locator("td")).toHaveText(onTime.breakpoints.map((b) => String(b.value)));
    await expectNoSeriousAxeViolations(page);
  });
});
