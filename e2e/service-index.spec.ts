import { expect, test } from "@playwright/test";
import { acceptByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm, screenshots } from "./helpers";
import { contextSignedIn, signedInForEnterprise } from "./sessions";

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

  test("a reader opens a unit from the ranking: its latest index, its history charts, and their data tables equal the open history", async ({
    page,
    browser,
    request,
  }) => {
    test.setTimeout(180_000);
    // A case accepted at the window gives the restaurant bundle's departments a value today.
    const applicant = await browser.newContext();
    const applicantPage = await applicant.newPage();
    await signedInForEnterprise(applicantPage, "91130602MA0TB002XR", demoPeople.qian);
    await applicantPage.goto("/apply/bundle/openRestaurant");
    await expect(applicantPage).toHaveURL(/key=/);
    await fillApplyForm(applicantPage);
    await applicantPage.getByLabel(/我同意本次申请使用政府已有/).check();
    await applicantPage.getByRole("button", { name: "提交申请" }).click();
    await expect(applicantPage).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const trackingNumber = (await applicantPage.getByTestId("tracking-number").innerText()).trim();
    await applicant.close();
    await acceptByApi(trackingNumber);

    const office = await contextSignedIn(browser, "dataoffice");
    const officePage = await office.newPage();
    await officePage.goto("/data-office/service-index");
    await expectNoSeriousAxeViolations(officePage);
    await screenshots(officePage, "data-office-service-index");
    await officePage.getByRole("button", { name: "立即计算今日指数" }).click();
    await expect(officePage.getByTestId("snapshot-now-result")).toContainText("已计算并公布");
    await office.close();

    await page.goto("/service-index?kind=department&period=last30");
    await screenshots(page, "service-index-ranking");
    const row = page.getByTestId("index-ranking").locator("tbody tr").first();
    const unitName = (await row.locator("th").innerText()).trim();
    await row.getByRole("link", { name: unitName }).click();
    await expect(page).toHaveURL(/\/service-index\/department\/[A-Za-z0-9._-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(unitName);
    const code = page.url().split("/").at(-1) ?? "";

    const res = await request.get(`/api/open/service-index/history.json?unit=department:${code}`);
    expect(res.status()).toBe(200);
    type Point = { period: string; computedOn: string; methodologyVersion: string; cases: number; composite: number | null; inputs: Record<string, number> };
    const history = (await res.json()) as { kind: string; code: string; nameZh: string; months: Point[]; days: Point[] };
    expect(history).toMatchObject({ kind: "department", code, nameZh: unitName });
    const today = history.days.at(-1)!;
    expect(today).toBeDefined();
    // The latest value is today's last-30-days snapshot, with its counts.
    await expect(page.getByTestId("unit-composite")).toHaveText(today.composite === null ? "数据不足" : today.composite.toFixed(1));
    await expect(page.getByTestId("inputs-online")).toHaveText(`${today.inputs.casesOnline ?? 0} ÷ ${today.inputs.casesSubmitted ?? 0}`);

    // The monthly chart is a picture with a name; its table, one click away, has the JSON's figures.
    const monthly = page.getByTestId("history-monthly");
    await expect(monthly.getByRole("img", { name: "综合指数逐月变化" })).toBeVisible();
    await expect(monthly.locator("svg")).toBeVisible();
    await monthly.getByText("数据表").click();
    const monthRows = monthly.locator("tbody tr");
    await expect(monthRows.first()).toBeVisible();
    const shown = await monthRows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent?.trim() ?? "")));
    const byMonth = new Map(history.months.map((m) => [m.period, m]));
    expect(shown.length).toBeGreaterThanOrEqual(history.months.length);
    for (const [month, composite, , cases, computedOn, version] of shown) {
      const m = byMonth.get(month ?? "");
      if (!m) {
        expect(composite).toBe("未计算");
        continue;
      }
      expect([composite, cases, computedOn, version]).toEqual([
        m.composite === null ? "数据不足" : m.composite.toFixed(1),
        String(m.cases),
        m.computedOn,
        m.methodologyVersion,
      ]);
    }
    const daily = page.getByTestId("history-daily");
    await daily.getByText("数据表").click();
    const dayRows = await daily.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent?.trim() ?? "")));
    expect(dayRows.map(([date, composite, , cases]) => [date, composite, cases])).toEqual(
      history.days.map((d) => [d.computedOn, d.composite === null ? "数据不足" : d.composite.toFixed(1), String(d.cases)]),
    );
    await expect(page.getByTestId("history-sub-indices").getByRole("img", { name: "分指数逐月变化" })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // At phone width the charts scale down to the screen instead of overflowing it.
    await page.setViewportSize({ width: 390, height: 844 });
    const box = await monthly.locator("svg").boundingBox();
    expect(box?.width ?? 1000).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshots(page, "service-index-unit");

    // A kind or code that names no unit is the portal's 404, never a 500; so is the open history's 400.
    for (const path of ["/service-index/province/hebei", "/service-index/department/noSuchDepartment", "/service-index/department/a%2Fb"]) {
      const r = await page.goto(path);
      expect(r?.status(), path).toBe(404);
    }
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    for (const bad of ["", "unit=market", "unit=province:hebei", "unit=department:noSuchDepartment", `unit=department:${"x".repeat(200)}`]) {
      const r = await request.get(`/api/open/service-index/history.json?${bad}`);
      expect(r.status(), bad).toBe(400);
      expect(((await r.json()) as { problems: unknown[] }).problems.length).toBeGreaterThan(0);
    }

    await page.goto("/service-index/methodology");
    await screenshots(page, "service-index-methodology");
  });
});
