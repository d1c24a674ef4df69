import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./helpers";

test.describe("open data", () => {
  test("anyone finds the datasets from the footer, reads what each holds and downloads a CSV that Excel opens", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: "政务数据开放" }).click();
    await expect(page).toHaveURL(/\/open-data$/);
    await expect(page.getByRole("heading", { name: "政务数据开放", level: 1 })).toBeVisible();
    await expect(page.getByText("不含任何个人或企业的身份信息")).toBeVisible();
    await expect(page.getByRole("heading", { name: "数据集（4 个）", level: 2 })).toBeVisible();
    for (const title of ["按事项统计的办件量", "按月统计的办件量", "各部门审查时效", "政务服务事项目录"]) {
      await expect(page.getByRole("heading", { name: title, level: 3 })).toBeVisible();
    }

    const catalog = page.getByRole("region", { name: "政务服务事项目录", exact: true });
    await expect(catalog.getByRole("definition").filter({ hasText: "大数据管理办公室" })).toBeVisible();
    await expect(catalog.getByRole("link", { name: "CC BY 4.0" })).toHaveAttribute("href", "https://creativecommons.org/licenses/by/4.0/");
    const preview = catalog.getByRole("table", { name: /^政务服务事项目录：前 5 行，共 \d+ 行$/ });
    await expect(preview.getByRole("columnheader", { name: /法定时限（工作日）/ })).toBeVisible();
    await expect(preview.getByRole("row")).toHaveCount(6);
    await expect(catalog.getByRole("link", { name: "下载 JSON：政务服务事项目录" })).toHaveAttribute("href", "/api/open/datasets/service-catalog.json");
    await expectNoSeriousAxeViolations(page);

    const [download] = await Promise.all([page.waitForEvent("download"), catalog.getByRole("link", { name: "下载 CSV：政务服务事项目录" }).click()]);
    expect(download.suggestedFilename()).toBe("service-catalog.csv");
    const csv = await readFile(await download.path(), "utf8");
    expect(csv.startsWith("\uFEFFcode,nameZh,nameEn,departmentZh,departmentEn,statutoryDays,promisedDays,feeYuan\r\n")).toBe(true);
    expect(csv).toContain(",企业设立登记,");
  });

  test("the open API serves JSON rows, CSV files and 404 for what it does not have", async ({ request }) => {
    const json = await request.get("/api/open/datasets/review-timeliness-by-department.json");
    expect(json.status()).toBe(200);
    expect(json.headers()["cache-control"]).toBe("public, max-age=300");
    const body = (await json.json()) as { dataset: Record<string, unknown>; generatedAt: string; rows: Array<Record<string, unknown>> };
    expect(body.dataset).toMatchObject({
      code: "review-timeliness-by-department",
      publisherZh: "大数据管理办公室",
      licence: "CC BY 4.0",
      formats: ["json", "csv"],
    });
    expect(Number.isNaN(Date.parse(body.generatedAt))).toBe(false);
    expect(body.rows.find((r) => r.departmentCode === "market")).toMatchObject({
      departmentZh: "河北省市场监督管理局",
      decided: expect.any(Number),
      overdueOpen: expect.any(Number),
    });

    const csv = await request.get("/api/open/datasets/applications-by-month.csv");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers()["content-disposition"]).toBe('attachment; filename="applications-by-month.csv"');
    expect(await csv.text()).toMatch(/^\uFEFFmonth,submitted,decided\r\n/);

    for (const path of ["/api/open/datasets/no-such-dataset.json", "/api/open/datasets/service-catalog.xml", "/api/open/datasets/service-catalog"]) {
      const missing = await request.get(path);
      expect(missing.status(), path).toBe(404);
      expect(await missing.json()).toEqual({ error: "notFound" });
    }
  });

  test("the page reads in English", async ({ page }) => {
    await page.goto("/open-data");
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open data");
    const timeliness = page.getByRole("region", { name: "Review timeliness by department", exact: true });
    await expect(timeliness.getByRole("definition").filter({ hasText: "Big Data Administration Office" })).toBeVisible();
    await expect(timeliness.getByRole("columnheader", { name: /On-time ratio/ })).toBeVisible();
    await expect(timeliness.getByRole("link", { name: "Download CSV: Review timeliness by department" })).toHaveAttribute(
      "href",
      "/api/open/datasets/review-timeliness-by-department.csv",
    );
    await expectNoSeriousAxeViolations(page);
  });
});
