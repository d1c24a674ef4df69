import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  addToPopulationRegister,
  demoPeople,
  expectNoSeriousAxeViolations,
  fillApplyForm,
  freshPerson,
  registerCitizen,
  signIn,
  signInForEnterprise,
  type Person,
} from "./helpers";

// The demo trading company, represented by 赵示例.
const tradingCompany = "91130102MA0TB00118";

/** A new person of the population register with an account, signed in on a page of their own context. */
async function newPersonPage(browser: Browser, name: string): Promise<{ person: Person; page: Page; close: () => Promise<void> }> {
  const person = freshPerson(name);
  await addToPopulationRegister(browser, person);
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await registerCitizen(page, person);
  return { person, page, close: () => ctx.close() };
}

/** Applies for the birth medical certificate (a citizen's service) on the open form and submits it. */
async function applyForBirthCertificate(page: Page): Promise<string> {
  await page.goto("/apply/service/birthMedicalCertificate");
  await expect(page).toHaveURL(/key=/);
  await fillApplyForm(page);
  await page.getByLabel(/我同意本次申请使用政府已有/).check();
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
  return (await page.getByTestId("tracking-number").innerText()).trim();
}

test.describe("trust: people act for enterprises and for each other only by mandate", () => {
  test.describe.configure({ timeout: 180_000 });

  test("a legal representative grants a mandate; the agent signs in for the enterprise; revoking ends it at once", async ({ page, browser }) => {
    const agent = await newPersonPage(browser, "郑授权");

    await signInForEnterprise(page, tradingCompany, demoPeople.zhao);
    await expect(page).toHaveURL(/\/applicant$/);
    await expect(page.getByTestId("acting-banner")).toContainText("法定代表人");
    await page.getByRole("link", { name: "授权管理" }).click();
    await expect(page).toHaveURL(/\/applicant\/mandates$/);
    const form = page.getByTestId("grant-mandate-form");
    // A person the register does not know is refused on the field, and nothing is granted.
    await form.getByLabel("被授权人姓名").fill("郑冒名");
    await form.getByLabel("被授权人身份证号码").fill(agent.person.idNumber);
    await form.getByRole("button", { name: "授权", exact: true }).click();
    await expect(page.getByTestId("error-agentIdNumber")).toContainText("未能通过公安人口库核验");
    await form.getByLabel("被授权人姓名").fill(agent.person.name);
    await form.getByRole("button", { name: "授权", exact: true }).click();
    await expect(page.getByTestId("mandate-granted")).toBeVisible();
    const granted = page.getByTestId("granted-mandates").getByTestId("mandate").filter({ hasText: agent.person.name });
    await expect(granted.getByTestId("mandate-status")).toHaveText("有效");
    await expectNoSeriousAxeViolations(page);

    // The agent signs in for the enterprise with their own account.
    await signInForEnterprise(agent.page, tradingCompany, agent.person.idNumber, "Person2026");
    await expect(agent.page).toHaveURL(/\/applicant$/);
    await expect(agent.page.getByTestId("acting-banner")).toContainText("依授权代表 石家庄通办示范商贸有限公司");
    await agent.page.goto("/applicant/certificates");
    await expect(agent.page.getByTestId("my-certificates")).toContainText("营业执照");

    // Revoked, with a confirmation naming whom it stops.
    await granted.getByRole("button", { name: /撤销授权/ }).click();
    await expect(granted).toContainText(`撤销后 ${agent.person.name} 立即不能再代为办事`);
    await granted.getByRole("button", { name: "确定" }).click();
    await expect(granted.getByTestId("mandate-status")).toHaveText("已撤销");

    // The agent's very next page is their own again; the enterprise's certificates are gone.
    await agent.page.goto("/applicant");
    await expect(agent.page.getByTestId("acting-banner")).toHaveCount(0);
    await agent.page.goto("/applicant/certificates");
    await expect(agent.page.getByTestId("my-certificates")).not.toContainText("营业执照");
    // And signing in for the enterprise is refused with the reason.
    await agent.page.context().clearCookies();
    await signInForEnterprise(agent.page, tradingCompany, agent.person.idNumber, "Person2026");
    await expect(agent.page.getByTestId("form-error")).toContainText("没有有效的授权");
    await agent.close();
  });

  test("a relative applies for an older citizen, who sees the case and the relative's read of their data", async ({ page, browser }) => {
    const relative = await newPersonPage(browser, "周亲属");

    await signIn(page, demoPeople.sun);
    await expect(page).toHaveURL(/\/applicant$/);
    await page.goto("/applicant/mandates");
    const form = page.getByTestId("grant-personal-mandate-form");
    await form.getByLabel("被授权人姓名").fill(relative.person.name);
    await form.getByLabel("被授权人身份证号码").fill(relative.person.idNumber);
    await form.getByLabel("与您的关系").selectOption("relative");
    await form.getByRole("button", { name: "授权代办" }).click();
    await expect(page.getByTestId("mandate-granted")).toBeVisible();

    // The relative switches to acting for 孙长辈 and applies.
    await relative.page.goto("/applicant");
    await relative.page
      .getByTestId("acting-for-switch")
      .getByRole("button", { name: /^代 孙长辈 办事/ })
      .click();
    await expect(relative.page.getByTestId("acting-banner")).toContainText("正代 孙长辈 办事");
    const trackingNumber = await applyForBirthCertificate(relative.page);
    await expect(relative.page.getByTestId("filed-by")).toContainText(`由代办人 ${relative.person.name} 代为提交`);

    // 孙长辈 sees the case as theirs, filed by the relative, and the relative's read in the data log.
    await page.goto("/applicant");
    const item = page.getByTestId("my-applications").locator("li").filter({ hasText: trackingNumber });
    await expect(item.getByTestId("filed-by-name")).toHaveText(`代办人 ${relative.person.name} 代为提交`);
    await page.goto("/applicant/data-log");
    await expect(
      page
        .getByTestId("data-log-entry")
        .filter({ hasText: trackingNumber })
        .filter({ hasText: `${relative.person.name}（代办人）` })
        .first(),
    ).toBeVisible();
    await relative.close();
  });

  test("the window keys in an application for a walk-in applicant, with the consent on record", async ({ page }) => {
    await signIn(page, "clerk");
    await page.getByRole("link", { name: "窗口代录入" }).click();
    await expect(page).toHaveURL(/\/window\/key-in$/);
    await expectNoSeriousAxeViolations(page);
    // 王示例 is in the population register, without an account.
    await page.getByLabel("申请人姓名").fill("王冒名");
    await page.getByLabel("申请人身份证号码").fill("130604199507120676");
    await page.getByLabel("授权方式").selectOption("signedForm");
    await page.getByLabel("授权凭证说明").fill("代办授权书 E2E-0001");
    await page.getByRole("button", { name: "开始代录入" }).click();
    await expect(page.getByTestId("error-idNumber")).toContainText("未能通过公安人口库核验");
    await page.getByLabel("申请人姓名").fill("王示例");
    await page.getByRole("button", { name: "开始代录入" }).click();
    await expect(page).toHaveURL(/\/guides$/);
    await expect(page.getByTestId("acting-banner")).toContainText("正为 王示例 代录入申请");

    await applyForBirthCertificate(page);
    await expect(page.getByTestId("filed-by")).toContainText("由综合窗口 综合窗口 孙受理 代录入");
    await expect(page.getByTestId("filed-by")).toContainText("代办授权书 E2E-0001");
    // The key-in sees nothing else of the person's: not their certificates.
    await page.goto("/applicant/certificates");
    await expect(page).toHaveURL(/\/guides$/);

    await page.getByRole("button", { name: "结束代录入" }).click();
    await expect(page).toHaveURL(/\/window$/);
    await expect(page.getByTestId("acting-banner")).toHaveCount(0);
  });
});

test.describe("trust: sessions end on the server", () => {
  test.describe.configure({ timeout: 180_000 });
  test("signing out everywhere else ends the other browser's session; a copied cookie is worthless after sign-out", async ({ browser }) => {
    const person = freshPerson("秦会话");
    await addToPopulationRegister(browser, person);
    const first = await browser.newContext();
    const a = await first.newPage();
    await registerCitizen(a, person);
    const second = await browser.newContext();
    const b = await second.newPage();
    await signIn(b, person.idNumber, "Person2026");
    await expect(b).toHaveURL(/\/applicant$/);

    await b.goto("/account");
    await expect(b.getByTestId("session")).toHaveCount(2);
    await expectNoSeriousAxeViolations(b);
    await b.getByTestId("sign-out-elsewhere").click();
    await expect(b.getByTestId("session")).toHaveCount(1);
    await a.goto("/applicant");
    await expect(a).toHaveURL(/\/sign-in/);

    // Sign out in one context, then replay its cookie in a fresh one: the server refuses it.
    const cookies = await second.cookies();
    await b.getByRole("button", { name: "退出登录" }).click();
    await expect(b).toHaveURL(/\/$/);
    const replay = await browser.newContext();
    await replay.addCookies(cookies);
    const r = await replay.newPage();
    await r.goto("/applicant");
    await expect(r).toHaveURL(/\/sign-in/);
    await Promise.all([first.close(), second.close(), replay.close()]);
  });
});
