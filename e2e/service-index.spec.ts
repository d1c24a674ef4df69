import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./helpers";
import { contextSignedIn } from "./sessions";

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

  test("the data office computes it; every published value recomputes from the two JSON files; bad parameters are 400", async ({ page, request, browser }) => {
    const office = await contextSignedIn(browser, "dataoffice");
    const officePage = await office.newPage();
    await officePage.goto("/data-office/service-index");
    await officePage.getByRole("button", { name: "立即计算今日指数" }).click();
    await expect(officePage.getByTestId("snapshot-now-result")).toContainText("已计算并公布");
    await office.close();

    type Breakpoint = { value: number; index: number };
    const m = (await (await request.get("/api/open/service-index/methodology.json")).json()) as {
      minimumCases: number;
      decimals: number;
      indicators: Array<{ code: string; weight: number; inputs: [string, string]; breakpoints: Breakpoint[] }>;
    };
    const round = (x: number, d: number) => Math.round(Number((x * 10 ** d).toPrecision(12))) / 10 ** d;
    const sub = (bps: Breakpoint[], c: number) => {
      if (c <= bps[0]!.value) return bps[0]!.index;
      for (let i = 1; i < bps.length; i++) {
        const lo = bps[i - 1]!;
        const hi = bps[i]!;
        if (c <= hi.value) return round(((hi.index - lo.index) / (hi.value - lo.value)) * (c - lo.value) + lo.index, m.decimals);
      }
      return bps.at(-1)!.index;
    };
    for (const kind of ["department", "service", "city"]) {
      const res = await request.get(`/api/open/service-index.json?kind=${kind}&period=last30`);
      expect(res.status()).toBe(200);
      const body = (await res.json()) as { values: Array<{ cases: number; inputs: Record<string, number>; composite: number | null }> };
      for (const v of body.values) {
        if (v.cases < m.minimumCases) {
          expect(v.composite).toBeNull();
          continue;
        }
        let sum = 0;
        let weights = 0;
        for (const ind of m.indicators) {
          const den = v.inputs[ind.inputs[1]] ?? 0;
          if (den <= 0) continue;
          sum += ind.weight * sub(ind.breakpoints, round((v.inputs[ind.inputs[0]] ?? 0) / den, 4));
          weights += ind.weight;
        }
        expect(v.composite).toBe(weights === 0 ? null : round(sum / weights, m.decimals));
      }
    }

    await page.goto("/service-index?kind=department&period=last30");
    await expect(page.getByTestId("index-computed-on")).toContainText("计算");
    await expectNoSeriousAxeViolations(page);

    for (const bad of ["period=2026-13", "kind=province", "unit=noSuchUnit", "period=last30;drop"]) {
      const res = await request.get(`/api/open/service-index.json?${bad}`);
      expect(res.status(), bad).toBe(400);
      expect(((await res.json()) as { problems: unknown[] }).problems.length).toBeGreaterThan(0);
    }
  });

  test("every guide says how long the service has really taken, or that there is not enough data", async ({ page }) => {
    await page.goto("/guides/foodBusinessLicensing");
    await expect(page.getByTestId("real-durations")).toHaveText(/近12个月 \d+ 件：中位数 \d+ 个工作日|数据不足（近12个月办结 \d+ 件）/);
    await page.goto("/guides/openRestaurant");
    await expect(page.getByTestId("real-durations")).toBeVisible();
  });
});
