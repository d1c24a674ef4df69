import { expect, test } from "@playwright/test";
import { demoPeople, expectNoSeriousAxeViolations } from "./helpers";
import { signedIn, signedInForEnterprise } from "./sessions";

// Certificates say only what they certify: a business licence shows 名称, 统一社会信用代码, 类型,
// 法定代表人, 注册资本, 成立日期, 住所, 经营范围 — labelled, values formatted, in the reader's language.
const tradingCompany = "91130102MA0TB00118";

test.describe("a certificate shows its declared fields with their labels", () => {
  test("the licence and its public verification show labels and formatted values, in Chinese and in English", async ({ page }) => {
    await signedInForEnterprise(page, tradingCompany, demoPeople.zhao);
    await page.goto("/applicant/certificates");
    const licence = page
      .getByTestId("my-certificates")
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "营业执照" }) })
      .first();
    await expect(licence.locator('[data-field="entityType"]')).toContainText("类型");
    await expect(licence.locator('[data-field="entityType"]')).toContainText("有限责任公司");
    await licence.getByRole("link", { name: /查看和打印/ }).click();
    const fields = page.getByTestId("certificate-fields");
    await expect(fields.locator("dt")).toHaveText(["名称", "统一社会信用代码", "类型", "法定代表人", "成立日期"]);
    await expect(fields.locator('[data-field="establishedOn"] dd')).toHaveText("2024年5月20日");
    // Never a code key, never the legal representative's ID number.
    await expect(fields).not.toContainText("limitedLiabilityCompany");
    await expect(fields).not.toContainText("legalRepresentativeIdNumber");
    const number = (await page.getByTestId("certificate-number").innerText()).trim();

    // The QR code's page: the signature holds and the same fields are shown, labelled.
    await page.goto(`/verify/${number}`);
    await expect(page.getByTestId("signature-status")).toHaveAttribute("data-valid", "true");
    const verified = page.getByTestId("verification-fields");
    await expect(verified.locator("dt")).toHaveText(["名称", "统一社会信用代码", "类型", "法定代表人", "成立日期"]);
    await expect(verified.locator('[data-field="entityType"] dd')).toHaveText("有限责任公司");
    await expect(verified.locator('[data-field="creditCode"] dd')).toHaveText(tradingCompany);
    await expectNoSeriousAxeViolations(page);

    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
    await page.reload();
    await expect(verified.locator("dt")).toHaveText(["Name", "Unified social credit code", "Type", "Legal representative", "Date of establishment"]);
    await expect(verified.locator('[data-field="entityType"] dd')).toHaveText("Limited liability company");
    await expect(verified.locator('[data-field="establishedOn"] dd')).toHaveText("20 May 2024");
  });

  test("a person's certificate verifies without showing its contents", async ({ page }) => {
    await signedIn(page, demoPeople.zhao);
    await page.goto("/applicant/certificates");
    const card = page
      .getByTestId("my-certificates")
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "居民身份证" }) })
      .first();
    await expect(card.locator('[data-field="name"]')).toContainText("姓名");
    await card.getByRole("link", { name: /查看和打印/ }).click();
    const number = (await page.getByTestId("certificate-number").innerText()).trim();
    await page.goto(`/verify/${number}`);
    await expect(page.getByTestId("signature-status")).toHaveAttribute("data-valid", "true");
    await expect(page.getByTestId("verification-fields")).toHaveCount(0);
    await expect(page.getByTestId("verification-result")).toContainText("个人证照的内容不在核验页面公开");
  });
});

test.describe("the data office keeps certificate types", () => {
  test("a bad field and a code already used are refused on their fields, nothing saved; a good type is saved and listed", async ({ page }) => {
    await signedIn(page, "dataoffice");
    await page.goto("/data-office/certificate-types");
    await expect(page.getByRole("heading", { name: "证照类型", level: 1 })).toBeVisible();
    await expect(page.getByTestId("certificate-types")).toContainText("营业执照");
    await page.getByRole("link", { name: "新建证照类型" }).click();
    const editor = page.getByTestId("certificate-type-editor");
    const code = `e2ePermit${Date.now().toString(36)}`;

    // An enum without options: refused by the form on the options.
    await editor.getByLabel("证照类型代码").fill(code);
    await editor.getByLabel("发证部门").selectOption({ label: "河北省市场监督管理局" });
    await editor.getByLabel("中文名称").first().fill("测试许可证");
    await editor.getByLabel("英文名称").first().fill("Test permit");
    const row = editor.getByTestId("certificate-field-row").first();
    await row.getByLabel("字段代码", { exact: true }).fill("grade");
    await row.getByLabel("中文名称", { exact: true }).fill("等级");
    await row.getByLabel("英文名称", { exact: true }).fill("Grade");
    await row.getByLabel("类型", { exact: true }).selectOption("enum");
    await row.getByLabel("取值来源", { exact: true }).selectOption("registry");
    await editor.getByRole("button", { name: "保存" }).click();
    await expect(editor.getByTestId("error-fields.0.options")).toHaveText("选项字段至少要有一个选项。");

    // A code already used: the server refuses it on the code.
    await row.getByLabel("选项", { exact: true }).fill("a|甲级|Grade A\nb|乙级|Grade B");
    await editor.getByLabel("证照类型代码").fill("businessLicence");
    await editor.getByRole("button", { name: "保存" }).click();
    await expect(editor.getByTestId("error-code")).toHaveText("证照类型代码“businessLicence”已存在。");

    await editor.getByLabel("证照类型代码").fill(code);
    await editor.getByRole("button", { name: "保存" }).click();
    await expect(page).toHaveURL(new RegExp(`edit=${code}$`));
    await expect(page.getByTestId("certificate-types").getByRole("listitem").filter({ hasText: code })).toContainText("甲级、乙级");
    await expectNoSeriousAxeViolations(page);
  });
});
