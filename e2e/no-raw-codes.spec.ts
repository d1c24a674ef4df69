import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { invoiceTypeValues, sealTypeValues } from "../src/modules/registration/inputs";
import { entityTypeKeys } from "../src/modules/registration/model";
import { approveByApi } from "./api";
import { demoPeople } from "./helpers";
import { contextSignedIn, signedIn } from "./sessions";

// Issue 11: case pages showed internal codes (`limitedLiabilityCompany`, `generalVat`, "5" without
// %) to applicants, the window and reviewers, and data items by their identifiers. This journey
// walks a start-a-business case through every page that shows its answers, as each role and in
// both languages, and fails on any code of the catalog in the visible text.

interface ProvinceFile {
  materials: Array<{ key: string; options?: Array<{ value: string }> }>;
  dataResources: Array<{ fields: string[] }>;
}
const province = JSON.parse(readFileSync(path.join(process.cwd(), "src/root/seed/demo-province.json"), "utf8")) as ProvinceFile;

/** Every option code of the catalog's form fields and of the start-a-business form, with letters (digits are read by their labels below). */
const optionCodes = [
  ...new Set([...province.materials.flatMap((m) => (m.options ?? []).map((o) => o.value)), ...entityTypeKeys, ...sealTypeValues, ...invoiceTypeValues]),
].filter((c) => /[A-Za-z]/.test(c));
/** Every material key of the catalog: a field's name, never to be read as such. */
const materialKeys = province.materials.map((m) => m.key);
/** Every data item (数据项) of the data-sharing catalog. */
const dataItems = [...new Set(province.dataResources.flatMap((r) => r.fields))];

/**
 * The codes found in the page's visible text. In Chinese, any of them is out of place. In English,
 * a one-word code ("both", "company", "full") is also an English word a label may use, so only the
 * compound identifiers (`generalVat`, `entityType`) count there.
 */
async function rawCodesIn(page: Page, codes: readonly string[]): Promise<string[]> {
  const text = await page.locator("main").innerText();
  const english = (await page.locator("html").getAttribute("lang")) === "en";
  return codes.filter((c) => (!english || /[a-z][A-Z]/.test(c)) && new RegExp(`(?<![A-Za-z0-9])${c}(?![A-Za-z0-9])`).test(text));
}

async function setLanguage(context: BrowserContext, locale: "zh-CN" | "en") {
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL ?? "http://127.0.0.1" }]);
}

/**
 * Opens the page in English and in Chinese and expects no code in either. Chinese comes last, so
 * the page is left open in Chinese for what the journey does next, without loading it a third time.
 */
async function expectNoRawCodes(page: Page, url: string, codes: readonly string[], check?: (lang: "zh-CN" | "en") => Promise<void>) {
  for (const lang of ["en", "zh-CN"] as const) {
    await setLanguage(page.context(), lang);
    await page.goto(url);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    expect(await rawCodesIn(page, codes), `${url} (${lang})`).toEqual([]);
    await check?.(lang);
  }
}

/** The answers a start-a-business case shows, by label and with units, in each language. */
async function expectAnswers(page: Page, lang: "zh-CN" | "en") {
  const zh = lang === "zh-CN";
  await expect(page.getByTestId("answer-entityType")).toHaveText(zh ? "有限责任公司" : "Limited liability company");
  await expect(page.getByTestId("answer-invoiceTypes")).toHaveText(zh ? "增值税专用发票" : "Special VAT invoices");
  await expect(page.getByTestId("answer-sealTypes")).toHaveText(
    zh ? "公章、财务专用章、发票专用章、合同专用章" : "Company, finance, invoice and contract seals",
  );
  await expect(page.getByTestId("answer-housingFundRate")).toHaveText("8%");
  await expect(page.getByTestId("answer-registeredCapital")).toHaveText(zh ? "100 万元" : "100 × 10,000 yuan");
  await expect(page.getByTestId("answer-employeeCount")).toHaveText(zh ? "3 人" : "3 people");
}

function freshTradeName(): string {
  const pool = [..."瀚澜琪璟瑞翎骁昱晟煜玥珩琨烨瑾熠"];
  const picked: string[] = [];
  while (picked.length < 4) {
    const c = pool.splice(Math.floor(Math.random() * pool.length), 1)[0];
    if (c) picked.push(c);
  }
  return picked.join("");
}

test.describe("values, not codes", () => {
  test.describe.configure({ timeout: 240_000 });

  test("a start-a-business case shows every answer by its label, with units, to the founder, the window and each department, in both languages", async ({
    page,
    browser,
  }) => {
    expect(optionCodes).toEqual(expect.arrayContaining(["limitedLiabilityCompany", "generalVat", "companyFinance"]));
    const codes = [...optionCodes, ...materialKeys];

    // The founder declares a name and fills the one form, picking choices by their labels.
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
    // The form offers each choice in the catalog's words; nothing in it is a code.
    expect(await rawCodesIn(page, optionCodes)).toEqual([]);
    const nameId = await page.getByLabel("已保留的企业名称").inputValue();
    await page.getByLabel("已保留的企业名称").selectOption(nameId);
    await page.getByLabel("注册资本（万元）").fill("100");
    await page.getByLabel("县（市、区）").selectOption("130102");
    await page.getByLabel("街道门牌").fill("中山东路 100 号 1 单元 201 室");
    await page.getByLabel("日用百货销售").check();
    await page.getByLabel("股东 1 认缴出资额（万元）").fill("100");
    await page.getByLabel("刻制印章").selectOption({ label: "公章、财务专用章、发票专用章、合同专用章" });
    await page.getByLabel("申领发票").selectOption({ label: "增值税专用发票" });
    await page.getByLabel("住房公积金缴存比例").selectOption({ label: "8%" });
    await page.getByLabel("参加社会保险的职工人数").fill("3");
    await page.getByLabel(/住所申报承诺/).check();
    await page.getByLabel(/采用标准化公司章程/).check();
    await page.getByLabel("同意本次申请使用公安机关已有的本人居民身份证信息").check();
    await page.getByRole("button", { name: "提交开办申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const applicationId = /\/applications\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();

    // The founder's case page.
    await expectNoRawCodes(page, `/applications/${applicationId}`, codes, (lang) => expectAnswers(page, lang));

    // The window's case page, before and after it accepts.
    const clerk = await contextSignedIn(browser, "clerk");
    const window = await clerk.newPage();
    await expectNoRawCodes(window, `/window/${applicationId}`, codes, (lang) => expectAnswers(window, lang));
    await window.getByRole("button", { name: "受理", exact: true }).click();
    await expect(window.getByText("已受理。审查任务已分送各相关部门。")).toBeVisible();
    await clerk.close();

    // Each department's task page: market regulation first, then the four it opens.
    const taskPage = async (login: string) => {
      const context = await contextSignedIn(browser, login);
      const reviewer = await context.newPage();
      await reviewer.goto("/review");
      await reviewer.getByRole("link", { name: trackingNumber }).first().click();
      await expect(reviewer).toHaveURL(/\/review\/tasks\/[0-9a-f-]{36}$/);
      await expectNoRawCodes(reviewer, new URL(reviewer.url()).pathname, codes, (lang) => expectAnswers(reviewer, lang));
      await context.close();
    };
    await taskPage("reviewer.market");
    // Approvals go through the API: this journey reads the pages; parallel-review.spec.ts clicks 准予.
    await approveByApi("reviewer.market", trackingNumber);
    for (const login of ["reviewer.publicSecurity", "reviewer.tax", "reviewer.humanResources", "reviewer.housingFund"]) await taskPage(login);

    // Tax asks for the invoices again; the other three approve, so the one notice goes out.
    const tax = await contextSignedIn(browser, "reviewer.tax");
    const taxPage = await tax.newPage();
    await taxPage.goto("/review");
    await taxPage.getByRole("link", { name: trackingNumber }).first().click();
    await expect(taxPage).toHaveURL(/\/review\/tasks\/[0-9a-f-]{36}$/);
    const taskUrl = new URL(taxPage.url()).pathname;
    await taxPage.getByRole("button", { name: "认领", exact: true }).click();
    await expect(taxPage.getByRole("button", { name: "认领", exact: true })).toHaveCount(0);
    // Claimed once the page shows it (the forms start afresh on the new version).
    await expect(taxPage.getByRole("button", { name: "认领", exact: true })).toHaveCount(0);
    await taxPage.getByLabel("补交目录中的材料").check();
    await taxPage.getByLabel("第 1 项：补正要求").fill("请重新选择申领的发票种类");
    await taxPage.getByRole("checkbox", { name: "申领发票种类" }).check();
    await taxPage.getByRole("button", { name: "要求补正", exact: true }).click();
    await expect(taxPage.getByRole("button", { name: "准予", exact: true })).toHaveCount(0);
    for (const login of ["reviewer.publicSecurity", "reviewer.humanResources", "reviewer.housingFund"]) await approveByApi(login, trackingNumber);

    // The founder answers the notice by choosing a label; the page never shows a code.
    await expectNoRawCodes(page, `/applications/${applicationId}`, codes, (lang) => expectAnswers(page, lang));
    await expect(page.getByTestId("notice-items")).toContainText("请重新选择申领的发票种类");
    const invoices = page.getByLabel("申领发票种类");
    await expect(invoices.locator("option:checked")).toHaveText("增值税专用发票");
    await invoices.selectOption({ label: "增值税普通发票和专用发票" });
    await page.getByRole("button", { name: "提交补正", exact: true }).click();
    // Answered: the answer form is gone (the notice itself stays in the case's history).
    await expect(page.getByRole("button", { name: "提交补正", exact: true })).toHaveCount(0);
    await expect(page.getByTestId("answer-invoiceTypes")).toHaveText("增值税普通发票和专用发票");

    // Tax reads the new answer, and the notice names the material in words.
    await expectNoRawCodes(taxPage, taskUrl, codes);
    await expect(taxPage.getByTestId("answer-invoiceTypes")).toHaveText("增值税普通发票和专用发票");
    await expect(taxPage.locator("main")).toContainText("申领发票种类");
    await tax.close();
  });

  test("the data office reads every data item of the sharing catalog by its name", async ({ page }) => {
    await signedIn(page, "dataoffice");
    await expectNoRawCodes(page, "/data-office/sharing", [...new Set([...dataItems, ...optionCodes])]);
    // Chinese names stand where the identifiers stood.
    await expect(page.getByTestId("resource-table")).toContainText("户籍所在地区划代码");
    await expect(page.getByTestId("resource-table")).toContainText("纳税信用等级");
  });
});
