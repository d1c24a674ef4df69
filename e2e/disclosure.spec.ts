import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./helpers";

// The public side of 双公示 needs no sign-in; the journey that publishes a real decision and finds
// it here is in legal-documents.spec.ts.
test.describe("published licensing decisions (双公示)", () => {
  test("the search page answers a malformed code and a reversed range with field errors, not a 500", async ({ page }) => {
    const response = await page.goto("/disclosure?code=91130602MA0TB002X0&from=2026-10-02&to=2026-10-01");
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("disclosure-error")).toContainText("查询条件有误");
    await expect(page.locator("#disclosure-code-error")).toContainText("校验位不正确");
    await expect(page.locator("#disclosure-to-error")).toContainText("结束日期不能早于开始日期");
    await expect(page.getByLabel("统一社会信用代码")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousAxeViolations(page);

    // A valid search works from the form, in the browser.
    await page.getByLabel("统一社会信用代码").fill("");
    await page.getByLabel("决定日期自").fill("2026-01-01");
    await page.getByLabel("决定日期至").fill("2026-12-31");
    await page.getByRole("button", { name: "查询", exact: true }).click();
    await expect(page).toHaveURL(/from=2026-01-01/);
    await expect(page.getByTestId("disclosure-count")).toBeVisible();
  });

  test("the open-data files refuse bad parameters with 400 and each problem by field", async ({ request }) => {
    const reversed = await request.get("/api/open/disclosures.json?from=2026-10-02&to=2026-10-01");
    expect(reversed.status()).toBe(400);
    expect(await reversed.json()).toMatchObject({ error: "invalidInput", problems: [{ field: "to" }] });
    const badCode = await request.get("/api/open/disclosures.csv?code=12345");
    expect(badCode.status()).toBe(400);
    expect(await badCode.json()).toMatchObject({ problems: [{ field: "code", message: { zh: expect.stringContaining("统一社会信用代码") } }] });
    const tooBig = await request.get("/api/open/disclosures.json?pageSize=1000");
    expect(tooBig.status()).toBe(400);

    const json = await request.get("/api/open/disclosures.json?page=1&pageSize=5");
    expect(json.status()).toBe(200);
    const body = (await json.json()) as { total: number; pageSize: number; columns: Array<{ name: string }>; rows: unknown[] };
    expect(body.pageSize).toBe(5);
    expect(body.columns.map((c) => c.name)).toContain("counterpartName");
    const csv = await request.get("/api/open/disclosures.csv");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).startsWith("\uFEFFdecisionNumber,kind,counterpartName,")).toBe(true);
  });
});
