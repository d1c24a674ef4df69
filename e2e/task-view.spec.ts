import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { acceptByApi } from "./api";
import { decideAs, demoPeople, expectNoSeriousAxeViolations, freshIdNumber, screenshotAsIs, screenshots } from "./helpers";
import { contextSignedIn, signedIn } from "./sessions";

// Issue 11 item 5: reviewers see what they decide. Market regulation sees the shareholders with
// their contributions and the legal representative's ID number; once the licence exists, the
// departments after it see the shareholders and the new credit code on their task page, with the
// licence read through the gate, and nothing routine shown as an error.

function freshTradeName(): string {
  const pool = [..."瀚澜琪璟瑞翎骁昱晟煜玥珩琨烨瑾熠"];
  const picked: string[] = [];
  while (picked.length < 4) {
    const c = pool.splice(Math.floor(Math.random() * pool.length), 1)[0];
    if (c) picked.push(c);
  }
  return picked.join("");
}

async function setLanguage(context: BrowserContext, locale: "zh-CN" | "en") {
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL ?? "http://127.0.0.1" }]);
}

/** The department's task on the case, found by its tracking number in every status. */
async function openTask(browser: Browser, login: string, trackingNumber: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await contextSignedIn(browser, login);
  const page = await context.newPage();
  await page.goto(`/review?status=all&q=${trackingNumber}`);
  await page.getByRole("link", { name: trackingNumber }).first().click();
  await expect(page).toHaveURL(/\/review\/tasks\/[0-9a-f-]{36}$/);
  return { context, page };
}

test.describe("reviewers see what they decide", () => {
  test.describe.configure({ timeout: 240_000 });

  test("market regulation sees the shareholders and their contributions; after the licence, tax sees them and the new credit code, as information where nothing is wrong", async ({
    page,
    browser,
  }) => {
    const partner = { name: "褚合伙", idNumber: freshIdNumber() };
    const masked = `${partner.idNumber.slice(0, 6)}********${partner.idNumber.slice(14)}`;

    // The founder declares a name and fills the one form with two shareholders.
    await signedIn(page, demoPeople.sun);
    await page.goto("/start-business");
    const tradeName = freshTradeName();
    await page.getByLabel("名称中的行政区划").selectOption({ label: "石家庄" });
    await page.getByLabel("字号", { exact: true }).fill(tradeName);
    await page.getByLabel("行业表述").selectOption("商贸");
    await page.getByRole("button", { name: "查询名称" }).click();
    const result = page.getByTestId("name-check-result");
    await expect(result).toHaveAttribute("data-outcome", /available|warning/);
    if ((await result.getAttribute("data-outcome")) === "warning") await page.getByLabel("我已阅读上述提示，仍申报该名称").check();
    await page.getByRole("button", { name: "保留名称" }).click();
    await expect(page.getByTestId("name-reserved")).toContainText(tradeName);
    const nameId = await page.getByLabel("已保留的企业名称").inputValue();
    await page.getByLabel("已保留的企业名称").selectOption(nameId);
    await page.getByLabel("注册资本（万元）").fill("100");
    await page.getByLabel("县（市、区）").selectOption("130102");
    await page.getByLabel("街道门牌").fill("中山东路 100 号 1 单元 201 室");
    await page.getByLabel("日用百货销售").check();
    await page.getByLabel("股东 1 认缴出资额（万元）").fill("70");
    await page.getByRole("button", { name: "添加股东" }).click();
    await page.getByLabel("股东 2 姓名").fill(partner.name);
    await page.getByLabel("股东 2 居民身份证号码").fill(partner.idNumber);
    await page.getByLabel("股东 2 认缴出资额（万元）").fill("30");
    await page.getByLabel("股东 2 出资方式").selectOption({ label: "知识产权" });
    await page.getByLabel("股东 2 认缴出资期限").fill("2028-06-30");
    // The form's shareholders, with the form and the due day of each contribution.
    if (process.env.SHOTS_DIR) {
      for (const [width, label] of [
        [1280, "desktop"],
        [390, "phone"],
      ] as const) {
        await page.setViewportSize({ width, height: 900 });
        await screenshotAsIs(page.getByTestId("shareholder-2"), `start-business-shareholders-zh-CN-${label}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.getByLabel("参加社会保险的职工人数").fill("3");
    await page.getByLabel(/住所申报承诺/).check();
    await page.getByLabel(/采用标准化公司章程/).check();
    await page.getByLabel("同意本次申请使用公安机关已有的本人居民身份证信息").check();
    await page.getByRole("button", { name: "提交开办申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    await acceptByApi(trackingNumber);

    // Tax, before market regulation decides: the licence is not there yet, said as information.
    const early = await openTask(browser, "reviewer.tax", trackingNumber);
    await expect(early.page.getByTestId("certificate-waiting-businessLicence")).toContainText("营业执照：尚未签发");
    await expect(early.page.getByTestId("certificate-waiting-businessLicence")).toContainText("河北省市场监督管理局");
    await expect(early.page.getByText("读取被共享网关拒绝")).toHaveCount(0);
    await screenshotAsIs(early.page.getByTestId("task-certificates"), "tax-before-licence-zh-CN-desktop");
    await early.context.close();

    // Market regulation registers the company: the shareholders in full, its step's groups first.
    const market = await openTask(browser, "reviewer.market", trackingNumber);
    const shareholders = market.page.getByTestId("answers-shareholders");
    await expect(shareholders.getByRole("heading", { name: /股东（投资人）/ })).toBeVisible();
    await expect(shareholders.getByRole("row")).toHaveCount(3);
    await expect(shareholders.getByRole("row").nth(2)).toContainText(partner.name);
    await expect(shareholders.getByRole("row").nth(2)).toContainText(partner.idNumber);
    await expect(shareholders.getByRole("row").nth(2)).toContainText("30 万元");
    await expect(shareholders.getByRole("row").nth(2)).toContainText("30%");
    await expect(shareholders.getByRole("row").nth(2)).toContainText("知识产权");
    await expect(shareholders.getByRole("row").nth(2)).toContainText("2028年6月30日");
    await expect(market.page.getByTestId("answer-legalRepresentativeIdNumber")).toHaveText(demoPeople.sun);
    await expect(market.page.getByTestId("answers-commitments")).toContainText("采用标准化公司章程");
    await expect(market.page.getByTestId("answer-entityType")).toHaveText("有限责任公司");
    await expect(market.page.getByTestId("none-produced")).toBeVisible();
    await expect(market.page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expectNoSeriousAxeViolations(market.page);
    await screenshots(market.page, "market-task");
    await market.context.close();
    await decideAs(browser, "reviewer.market", trackingNumber, "approve");

    // Tax, after the licence: the same answers (its own first, ID numbers masked) and the licence
    // with the new credit code, read through the gate.
    const tax = await openTask(browser, "reviewer.tax", trackingNumber);
    const groups = tax.page.getByTestId("task-answers").locator("section");
    await expect(groups.first()).toHaveAttribute("data-testid", "answers-company");
    await expect(groups.nth(1)).toHaveAttribute("data-testid", "answers-departments");
    const taxShareholders = tax.page.getByTestId("answers-shareholders");
    await expect(taxShareholders.getByRole("row").nth(2)).toContainText(partner.name);
    await expect(taxShareholders.getByRole("row").nth(2)).toContainText(masked);
    await expect(taxShareholders).not.toContainText(partner.idNumber);
    await expect(tax.page.getByTestId("answer-invoiceTypes")).toHaveText("增值税普通发票");
    const licence = tax.page.getByTestId("produced-businessLicence");
    await expect(licence.getByRole("heading", { name: "营业执照" })).toBeVisible();
    const creditCode = (await licence.getByTestId("produced-field-creditCode").locator("dd").innerText()).trim();
    expect(creditCode).toMatch(/^91130102MA[0-9A-HJ-NPQRTUWXY]{8}$/);
    await expect(licence.getByTestId("produced-field-name").locator("dd")).toContainText(tradeName);
    await expect(licence.getByTestId("produced-field-entityType").locator("dd")).toHaveText("有限责任公司");
    await expect(tax.page.getByTestId("certificate-waiting-businessLicence")).toHaveCount(0);
    await expect(tax.page.getByText("读取被共享网关拒绝")).toHaveCount(0);
    // The credit code is the one the licence verifies under, publicly.
    const taskUrl = tax.page.url();
    await licence.getByRole("link", { name: /核验证照/ }).click();
    await expect(tax.page).toHaveURL(/\/verify\//);
    await expect(tax.page.locator("main")).toContainText(creditCode);
    await tax.page.goto(taskUrl);
    await expectNoSeriousAxeViolations(tax.page);
    await screenshots(tax.page, "tax-task");
    // In English: labels, not codes.
    await setLanguage(tax.context, "en");
    await tax.page.reload();
    await expect(tax.page.locator("html")).toHaveAttribute("lang", "en");
    await expect(tax.page.getByTestId("answer-invoiceTypes")).toHaveText("Ordinary VAT invoices");
    await expect(tax.page.getByTestId("produced-businessLicence").getByRole("heading", { name: "Business licence" })).toBeVisible();
    await expect(tax.page.getByTestId("answers-shareholders")).toContainText("Intellectual property");
    await tax.context.close();
  });
});
