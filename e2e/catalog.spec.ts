import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./helpers";
import { signedIn } from "./sessions";

test.describe("service guides", () => {
  test("the public finds a bundle's guide: its steps, what each needs, and the legal basis of each material", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "办事指南" }).click();
    await expect(page).toHaveURL(/\/guides$/);
    await expect(page.getByRole("heading", { name: "办事指南", level: 1 })).toBeVisible();
    // Services are grouped by department, with their time limits and fee.
    const fire = page.getByRole("region", { name: "河北省消防救援总队" });
    await expect(fire.getByRole("row", { name: /公众聚集场所投入使用、营业前消防安全检查/ })).toContainText("10 个工作日");
    await expectNoSeriousAxeViolations(page);

    await page.getByTestId("guide-bundles").getByRole("link", { name: "开办企业“一件事”" }).click();
    await expect(page).toHaveURL(/\/guides\/startBusiness$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("开办企业“一件事”");

    const stages = page.getByTestId("bundle-stages");
    await expect(stages.getByRole("heading", { name: "第 1 阶段" })).toBeVisible();
    await expect(stages.getByRole("heading", { name: /第 2 阶段/ })).toContainText("4 个环节同时办理");
    const licence = stages.locator('[data-step="businessLicence"]');
    await expect(licence.getByTestId("step-needs")).toHaveText("无，受理后即开始");
    await expect(licence).toContainText("《中华人民共和国市场主体登记管理条例》第十九条、第二十一条");
    const tax = stages.locator('[data-step="tax"]');
    await expect(tax.getByTestId("step-needs")).toHaveText("企业设立登记");
    await expect(tax).toContainText("《中华人民共和国税收征收管理法》第十五条");

    const materials = page.getByTestId("materials");
    await expect(materials.getByRole("row", { name: /居民身份证/ })).toContainText("政府已有，免提交");
    await expect(materials.getByRole("row", { name: /住所（经营场所）使用证明/ })).toContainText("《中华人民共和国市场主体登记管理条例》第十六条第一款第三项");
    // The business licence the first step issues is not asked of the founder.
    await expect(materials.getByRole("row", { name: /^营业执照/ })).toHaveCount(0);
    await expect(page.getByTestId("apply-online")).toHaveAttribute("href", "/apply/bundle/startBusiness");
    await expectNoSeriousAxeViolations(page);

    // A step leads to its own service guide, and back to the bundles it belongs to.
    await tax.getByRole("link", { name: /新办纳税人涉税事项/ }).click();
    await expect(page).toHaveURL(/\/guides\/newTaxpayerSetup$/);
    await expect(page.getByTestId("promised-days")).toHaveText("1 个工作日");
    await expect(page.getByRole("link", { name: "开办企业“一件事”" })).toBeVisible();

    await page.getByTestId("language-switch").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tax set-up for a new taxpayer (registration details and invoices)");
    await expect(page.getByTestId("promised-days")).toHaveText("1 working day");
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });

  test("an unknown guide is a missing page", async ({ page }) => {
    const response = await page.goto("/guides/noSuchService");
    expect(response?.status()).toBe(404);
  });
});

test.describe("the data office keeps the catalog", () => {
  test("departments may not be made each other's prerequisite, and a promised limit may not exceed the statutory one", async ({ page }) => {
    await signedIn(page, "dataoffice");
    await expect(page).toHaveURL(/\/data-office$/);
    await page.getByRole("link", { name: "管理事项目录" }).click();
    await expect(page.getByRole("heading", { name: "事项目录管理", level: 1 })).toBeVisible();

    const editor = page.getByRole("form", { name: "编辑环节：开办企业“一件事”" });
    const licenceNeeds = editor.getByRole("group", { name: "企业设立登记（businessLicence）的前置环节" });
    await licenceNeeds.getByLabel("印章刻制备案（seal）").check();
    await editor.getByRole("button", { name: "保存环节设置" }).click();
    await expect(editor.getByTestId("form-error")).toHaveText("各环节不得互为前置：企业设立登记 → 印章刻制备案 → 企业设立登记 形成了循环。");

    // Nothing was saved.
    await page.reload();
    await expect(
      page
        .getByRole("form", { name: "编辑环节：开办企业“一件事”" })
        .getByRole("group", { name: "企业设立登记（businessLicence）的前置环节" })
        .getByLabel("印章刻制备案（seal）"),
    ).not.toBeChecked();

    await page.getByRole("link", { name: "编辑 企业设立登记" }).click();
    const service = page.getByRole("form", { name: "编辑事项：企业设立登记" });
    await expect(service.getByLabel("法定时限（工作日）")).toHaveValue("3");
    await service.getByLabel("承诺时限（工作日）").fill("5");
    await service.getByRole("button", { name: "保存" }).click();
    await expect(service.getByTestId("error-promisedDays")).toHaveText("承诺时限不能超过法定时限。");
    await page.reload();
    await expect(page.getByRole("form", { name: "编辑事项：企业设立登记" }).getByLabel("承诺时限（工作日）")).toHaveValue("1");
    await expectNoSeriousAxeViolations(page);
  });
});
