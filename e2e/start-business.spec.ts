import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { calendarFromOfficialData, CalendarRangeError, workingDaysBetween, type OfficialWorkdaysData } from "../src/modules/calendar/model";
import { acceptByApi, approveByApi } from "./api";
import { addToPopulationRegister, expectNoSeriousAxeViolations, freshIdNumber } from "./helpers";

const password = "Founder2026";

/** Counts what the founder does by hand: every field typed, chosen or ticked, and every file given. */
class Founder {
  fields = 0;
  uploads = 0;
  async fill(field: Locator, value: string) {
    this.fields++;
    await field.fill(value);
  }
  async select(field: Locator, value: string | { label: string }) {
    this.fields++;
    await field.selectOption(value);
  }
  async check(field: Locator) {
    this.fields++;
    await field.check();
  }
}

/** Four different characters, so runs (and retries) do not declare the same name. */
function freshTradeName(): string {
  const pool = [..."瀚澜琪璟瑞翎骁昱晟煜玥珩琨烨瑾熠"];
  const picked: string[] = [];
  while (picked.length < 4) {
    const c = pool.splice(Math.floor(Math.random() * pool.length), 1)[0];
    if (c) picked.push(c);
  }
  return picked.join("");
}

/** 'YYYY-MM-DD' from a Chinese date such as 2026年3月1日 (with or without a time after it). */
function isoDay(text: string): string {
  const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text);
  if (!m) throw new Error(`no Chinese date in ${JSON.stringify(text)}`);
  return `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
}

function workingDaysFrom(from: string, to: string): number {
  const data = JSON.parse(readFileSync(path.join(process.cwd(), "src/modules/calendar/official-workdays.json"), "utf8")) as OfficialWorkdaysData;
  try {
    return workingDaysBetween(calendarFromOfficialData(data), from, to);
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    // Past the published calendar: Monday to Friday.
    let n = 0;
    for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) < to;) {
      d = new Date(d.getTime() + 86_400_000);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n++;
    }
    return n;
  }
}

/** The value next to a label in a definition list. */
function dd(scope: Page | Locator, label: string): Locator {
  return scope.locator("dt", { hasText: label }).first().locator("xpath=following-sibling::dd[1]");
}

async function registerAndSignIn(page: Page, name: string, idNumber: string) {
  await page.goto("/register/citizen");
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("居民身份证号码").fill(idNumber);
  await page.getByLabel("手机号码").fill(`139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("确认密码").fill(password);
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/sign-in\?registered=1/);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/applicant$/);
}

test.describe("start a business", () => {
  test.describe.configure({ timeout: 240_000 });

  test("a new founder declares a name, fills one form, submits once; five departments approve; the enterprise holds every certificate under one credit code", async ({
    page,
    browser,
  }) => {
    const founderName = "卫创业";
    const founderId = freshIdNumber();
    const partnerId = freshIdNumber();
    const founder = new Founder();
    // Every submission that reaches the server, however it was triggered.
    let submissions = 0;
    page.on("request", (req) => {
      if (req.method() === "POST" && req.url().includes("registration.submit")) submissions++;
    });

    // Account creation is a one-off, not part of starting the business: not counted. The founder
    // is a person of public security's population register, so registration can verify them.
    await addToPopulationRegister(browser, { name: founderName, idNumber: founderId });
    await registerAndSignIn(page, founderName, founderId);

    await page.goto("/start-business");
    await expect(page.getByRole("heading", { name: "开办企业", level: 1 })).toBeVisible();
    await expect(page.getByTestId("start-business-form")).toHaveCount(0);

    // 1. Name declaration: 石家庄云帆商贸有限公司 is registered, so 云帆 is refused, naming it.
    const division = page.getByLabel("名称中的行政区划");
    const trade = page.getByLabel("字号", { exact: true });
    await founder.select(division, { label: "石家庄" });
    await founder.fill(trade, "云帆");
    await founder.select(page.getByLabel("行业表述"), "商贸");
    await expect(page.getByTestId("name-preview")).toHaveText("石家庄云帆商贸有限公司");
    await page.getByRole("button", { name: "查询名称" }).click();
    const result = page.getByTestId("name-check-result");
    await expect(result).toHaveAttribute("data-outcome", "refused");
    await expect(result).toContainText("“云帆”");
    await expectNoSeriousAxeViolations(page);

    const tradeName = freshTradeName();
    const fullName = `石家庄${tradeName}商贸有限公司`;
    await founder.fill(trade, tradeName);
    await expect(page.getByTestId("name-preview")).toHaveText(fullName);
    await page.getByRole("button", { name: "查询名称" }).click();
    await expect(result).toHaveAttribute("data-outcome", /available|warning/);
    if ((await result.getAttribute("data-outcome")) === "warning") await founder.check(page.getByLabel("我已阅读上述提示，仍申报该名称"));
    await page.getByRole("button", { name: "保留名称" }).click();
    await expect(page.getByTestId("name-reserved")).toContainText(fullName);

    // 2. The one form appears with the reserved name chosen; nothing on it is an upload.
    const form = page.getByTestId("start-business-form");
    await expect(form).toBeVisible();
    await expect(page.getByLabel("已保留的企业名称").locator("option:checked")).toContainText(fullName);
    await expect(page.locator('input[type="file"]')).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);

    await founder.fill(page.getByLabel("注册资本（万元）"), "100");
    // The name is under 石家庄, so the city is already 石家庄市.
    await expect(page.getByLabel("市", { exact: true }).locator("option:checked")).toHaveText("石家庄市");
    await founder.select(page.getByLabel("县（市、区）"), "130102");
    await founder.fill(page.getByLabel("街道门牌"), "中山东路 100 号 1 单元 201 室");
    await founder.check(page.getByLabel("日用百货销售"));
    await founder.check(page.getByLabel("企业管理咨询"));
    await expect(page.getByLabel("法定代表人姓名")).toHaveValue(founderName);
    // The founder's own particulars are filled in as legal representative and first shareholder.
    await expect(page.getByLabel("法定代表人居民身份证号码")).toHaveValue(founderId);
    await expect(page.getByLabel("股东 1 姓名")).toHaveValue(founderName);
    await expect(page.getByLabel("股东 1 居民身份证号码")).toHaveValue(founderId);
    await founder.fill(page.getByLabel("股东 1 认缴出资额（万元）"), "60");
    await page.getByRole("button", { name: "添加股东" }).click();
    await founder.fill(page.getByLabel("股东 2 姓名"), "蒋合伙");
    // A wrong check character: 110105194912310021 should end in X.
    await founder.fill(page.getByLabel("股东 2 居民身份证号码"), "110105194912310021");
    await founder.fill(page.getByLabel("股东 2 认缴出资额（万元）"), "40");
    await expect(page.getByTestId("contribution-total")).toHaveText("认缴出资合计 100 万元，注册资本 100 万元");
    await founder.fill(page.getByLabel("参加社会保险的职工人数"), "3");
    await founder.check(page.getByLabel(/住所申报承诺/));
    await founder.check(page.getByLabel(/采用标准化公司章程/));
    await founder.check(page.getByLabel("同意本次申请使用公安机关已有的本人居民身份证信息"));

    const submit = page.getByRole("button", { name: "提交开办申请" });
    await submit.click();
    await expect(page.getByTestId("error-shareholders.1.idNumber")).toContainText("校验码不对，应为 X");
    await expect(page.getByLabel("股东 2 居民身份证号码")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("股东 2 居民身份证号码")).toBeFocused();
    await expect(page).toHaveURL(/\/start-business$/);
    expect(submissions).toBe(0);

    await founder.fill(page.getByLabel("股东 2 居民身份证号码"), partnerId);
    await expect(page.getByTestId("error-shareholders.1.idNumber")).toHaveCount(0);
    await submit.click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const caseUrl = page.url().split("?")[0] ?? "";
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    expect(trackingNumber).toMatch(/^\d{20}$/);
    const submittedOn = isoDay(await dd(page, "提交时间").innerText());

    console.log(`MEASURE submissions=${submissions} uploads=${founder.uploads} fields=${founder.fields}`);
    expect(submissions).toBe(1);
    expect(founder.uploads).toBe(0);

    // 3. One window accepts; market regulation registers the enterprise, then the other four approve
    // (through the API: the window's and the task page's buttons are walked by no-raw-codes.spec.ts
    // and parallel-review.spec.ts; this journey is about the founder's side).
    await acceptByApi(trackingNumber);
    for (const reviewer of ["reviewer.market", "reviewer.publicSecurity", "reviewer.tax", "reviewer.humanResources", "reviewer.housingFund"]) {
      await approveByApi(reviewer, trackingNumber);
    }
    await page.goto(caseUrl);
    await expect(page.locator("h1").locator("xpath=..").locator('[data-status="completed"]')).toBeVisible();

    // 4. The founder now acts for the new enterprise.
    await page.goto("/applicant");
    await page.getByRole("button", { name: new RegExp(`^以 ${fullName}（91130102`) }).click();
    await expect(page).toHaveURL(/\/applicant$/);
    const creditCode = (await dd(page, "统一社会信用代码").innerText()).trim();
    expect(creditCode).toHaveLength(18);
    expect(creditCode).toMatch(/^91130102/);

    await page.goto("/applicant/certificates");
    await expect(page.getByTestId("holder-code")).toHaveText(creditCode);
    const list = page.getByTestId("my-certificates");
    for (const type of ["营业执照", "印章刻制备案回执", "税务登记信息确认", "社会保险登记", "住房公积金单位缴存登记"]) {
      await expect(list.getByRole("heading", { name: type, exact: true })).toBeVisible();
    }
    const licenceCard = list.locator("li", { has: page.getByRole("heading", { name: "营业执照", exact: true }) });
    const issuedOn = isoDay(await dd(licenceCard, "发证日期").innerText());
    console.log(`MEASURE workingDays=${workingDaysFrom(submittedOn, issuedOn)}`);

    // 5. The licence carries the one credit code, and its verify link checks the signature.
    await licenceCard.getByRole("link").click();
    await expect(page.getByTestId("certificate-fields")).toContainText(creditCode);
    await expect(page.getByTestId("certificate-fields")).toContainText(fullName);
    await page.getByTestId("verify-link").click();
    await expect(page).toHaveURL(/\/verify\/\d{17}\?region=hebei$/);
    await expect(page.getByTestId("signature-status")).toHaveAttribute("data-valid", "true");
  });
});
