import { expect, test } from "@playwright/test";
import { addToPopulationRegister, demoPeople, expectNoSeriousAxeViolations, freshCreditCode, freshPerson, registerCitizen, signIn } from "./helpers";

test.describe("foundation journeys", () => {
  test("the legal representative registers the enterprise named on its licence and acts for it; a code without a licence is refused", async ({ page }) => {
    // Signed out, the page says to sign in as a person first.
    await page.goto("/register/enterprise");
    await expect(page.getByTestId("sign-in-first")).toBeVisible();
    await signIn(page, demoPeople.wu);
    await expect(page).toHaveURL(/\/applicant$/);
    await page.goto("/register/enterprise");
    // A wrong check character is named on the field, and nothing is submitted.
    const code = "91130602MA0TB0038R";
    await page.getByLabel("统一社会信用代码").fill(code.slice(0, 17) + "0");
    await page.getByRole("button", { name: "核验并注册" }).click();
    await expect(page.getByTestId("error-creditCode")).toContainText("第 18 位校验码不对");
    // A valid code that no licence in the registry carries cannot be claimed.
    await page.getByLabel("统一社会信用代码").fill(freshCreditCode());
    await page.getByRole("button", { name: "核验并注册" }).click();
    await expect(page.getByTestId("error-creditCode")).toContainText("电子证照库中没有该统一社会信用代码的有效营业执照");
    // Someone else's enterprise: the licence names another legal representative.
    await page.getByLabel("统一社会信用代码").fill("91130102MA0TB00118");
    await page.getByRole("button", { name: "核验并注册" }).click();
    await expect(page.getByTestId("error-creditCode")).toContainText("营业执照上的法定代表人不是您");
    // Their own: registered from the licence, and they act for it at once.
    await page.getByLabel("统一社会信用代码").fill(code.toLowerCase());
    await page.getByRole("button", { name: "核验并注册" }).click();
    await expect(page).toHaveURL(/\/applicant$/);
    await expect(page.getByTestId("acting-banner")).toContainText("保定市示例建工有限公司");
    await expect(page.getByText(code)).toBeVisible();
  });

  test("a citizen registers only as a person of the population register, and signs in", async ({ page, browser }) => {
    // Public security records the person in a browser of its own first: a longer journey.
    test.setTimeout(180_000);
    const person = freshPerson("褚测试");
    await page.goto("/register/citizen");
    await page.getByLabel("姓名").fill(person.name);
    await page.getByLabel("居民身份证号码").fill(person.idNumber);
    await page.getByLabel("手机号码").fill("13900000011");
    await page.getByLabel("密码", { exact: true }).fill("Browser2026");
    await page.getByLabel("确认密码").fill("Browser2026");
    await page.getByRole("button", { name: "注册" }).click();
    // Not in the register yet: refused, without saying which part.
    await expect(page.getByTestId("error-idNumber")).toContainText("未能通过公安人口库核验");
    await addToPopulationRegister(browser, person);
    // A wrong name still fails the same way.
    await page.getByLabel("姓名").fill("褚冒名");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByTestId("error-idNumber")).toContainText("未能通过公安人口库核验");
    await registerCitizen(page, person, "Browser2026");
    // The ID number is masked on the profile.
    await expect(page.getByText(`${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`)).toBeVisible();
    await page.goto("/account");
    await expect(page.getByTestId("verification-level")).toHaveText("已通过公安人口库实名核验。");
  });

  for (const [login, path, heading] of [
    ["clerk", "/window", "综合窗口受理"],
    ["reviewer.market", "/review", "部门审查"],
    ["reviewer.fire", "/review", "部门审查"],
    ["dataoffice", "/data-office", "大数据管理办公室"],
  ] as const) {
    test(`staff account ${login} lands on ${path}`, async ({ page }) => {
      await signIn(page, login);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
      if (login === "reviewer.fire") await expect(page.getByText("河北省消防救援总队").first()).toBeVisible();
    });
  }

  test("roles are kept to their own pages", async ({ page }) => {
    await page.goto("/review");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await signIn(page, "clerk");
    await expect(page).toHaveURL(/\/window$/);
    await page.goto("/review");
    await expect(page).toHaveURL(/\/window$/);
    await page.goto("/data-office");
    await expect(page).toHaveURL(/\/window$/);
  });

  test("a wrong password and an unknown account get the same message", async ({ page }) => {
    await signIn(page, "clerk", "NotThePassword1");
    await expect(page.getByTestId("form-error")).toHaveText("账号或密码不正确。");
    await expect(page).toHaveURL(/\/sign-in/);
    await signIn(page, "no.such.account", "NotThePassword1");
    await expect(page.getByTestId("form-error")).toHaveText("账号或密码不正确。");
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, "dataoffice");
    await expect(page).toHaveURL(/\/data-office$/);
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("navigation").getByRole("link", { name: "注册", exact: true })).toBeVisible();
    await page.goto("/data-office");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("the language and senior mode stick across pages", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Apply once, online all the way");
    await page.getByRole("link", { name: "Sign in" }).first().click();
    await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();

    await page.getByTestId("senior-switch").click();
    await expect(page.locator("html")).toHaveAttribute("data-senior", "true");
    await page.goto("/register");
    await expect(page.locator("html")).toHaveAttribute("data-senior", "true");
    await expect(page.getByRole("heading", { name: "Create an account", level: 1 })).toBeVisible();
    const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(size).toBe("20px");

    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.getByTestId("senior-switch").click();
    await expect(page.locator("html")).toHaveAttribute("data-senior", "false");
  });

  test("sign-in works with the keyboard alone", async ({ page }) => {
    await page.goto("/sign-in");
    const login = page.getByLabel("账号", { exact: true });
    // Tab from the top of the page until the account field has focus.
    for (let i = 0; i < 20 && !(await login.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(login).toBeFocused();
    await page.keyboard.type("reviewer.tax");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("密码", { exact: true })).toBeFocused();
    await page.keyboard.type("Tongban2026");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/review$/);
  });

  test("five wrong passwords lock the account name", async ({ page }) => {
    const name = `ghost.${Date.now()}`;
    for (let i = 0; i < 4; i++) {
      await signIn(page, name, "Wrong2026x");
      await expect(page.getByTestId("form-error")).toHaveText("账号或密码不正确。");
    }
    await signIn(page, name, "Wrong2026x");
    await expect(page.getByTestId("form-error")).toContainText("锁定 15 分钟");
  });
});

test.describe("accessibility", () => {
  for (const path of ["/", "/sign-in", "/register", "/register/enterprise", "/register/citizen"]) {
    test(`no serious axe violations on ${path}`, async ({ page }) => {
      await page.goto(path);
      await expectNoSeriousAxeViolations(page);
    });
  }

  for (const [login, path] of [
    ["11010519491231002X", "/applicant"],
    ["clerk", "/window"],
    ["reviewer.health", "/review"],
    ["dataoffice", "/data-office"],
  ] as const) {
    test(`no serious axe violations on ${path}`, async ({ page }) => {
      await signIn(page, login);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expectNoSeriousAxeViolations(page);
    });
  }
});
