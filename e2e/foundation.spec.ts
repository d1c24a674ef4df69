import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations, freshCreditCode, freshIdNumber, signIn } from "./helpers";

test.describe("foundation journeys", () => {
  test("an enterprise registers, signs in and lands on its own page", async ({ page }) => {
    const code = freshCreditCode();
    await page.goto("/register/enterprise");
    // A wrong check character is named on the field, and nothing is submitted.
    const wrong = code.slice(0, 17) + (code.endsWith("0") ? "1" : "0");
    await page.getByLabel("统一社会信用代码").fill(wrong);
    await page.getByLabel("单位名称").fill("石家庄市浏览器测试商贸有限公司");
    await expect(page.getByTestId("error-creditCode")).toContainText("第 18 位校验码不对");
    await page.getByLabel("统一社会信用代码").fill(code.toLowerCase());
    await page.getByLabel("法定代表人").fill("冯测试");
    await page.getByLabel("联系人").fill("冯测试");
    await page.getByLabel("联系电话").fill("13800000011");
    await page.getByLabel("密码", { exact: true }).fill("Browser2026");
    await page.getByLabel("确认密码").fill("Browser2026");
    await page.getByRole("button", { name: "注册" }).click();

    await expect(page).toHaveURL(/\/sign-in\?registered=1/);
    await expect(page.getByTestId("registered")).toBeVisible();
    await expect(page.getByLabel("账号", { exact: true })).toHaveValue(code);
    await page.getByLabel("密码", { exact: true }).fill("Browser2026");
    await page.getByRole("button", { name: "登录", exact: true }).click();

    await expect(page).toHaveURL(/\/applicant$/);
    await expect(page.getByRole("heading", { name: "我的办件", level: 1 })).toBeVisible();
    await expect(page.getByText(code)).toBeVisible();

    // Registering the same code again: a clear error on the field.
    await page.context().clearCookies();
    await page.goto("/register/enterprise");
    await page.getByLabel("统一社会信用代码").fill(code);
    await page.getByLabel("单位名称").fill("石家庄市浏览器测试商贸有限公司");
    await page.getByLabel("法定代表人").fill("冯测试");
    await page.getByLabel("联系人").fill("冯测试");
    await page.getByLabel("联系电话").fill("13800000011");
    await page.getByLabel("密码", { exact: true }).fill("Browser2026");
    await page.getByLabel("确认密码").fill("Browser2026");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByTestId("error-creditCode")).toHaveText("该统一社会信用代码已经注册，请直接登录。");
  });

  test("a citizen registers with an ID number and signs in", async ({ page }) => {
    const idNumber = freshIdNumber();
    await page.goto("/register/citizen");
    await page.getByLabel("姓名").fill("褚测试");
    await page.getByLabel("居民身份证号码").fill(idNumber);
    await page.getByLabel("手机号码").fill("13900000011");
    await page.getByLabel("密码", { exact: true }).fill("Browser2026");
    await page.getByLabel("确认密码").fill("Browser2026");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page).toHaveURL(/\/sign-in\?registered=1/);
    await page.getByLabel("密码", { exact: true }).fill("Browser2026");
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page).toHaveURL(/\/applicant$/);
    // The ID number is masked on the profile.
    await expect(page.getByText(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`)).toBeVisible();
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
