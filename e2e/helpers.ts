import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { buildCreditCode } from "../src/modules/identity/credit-code";
import { computeIdNumberCheck } from "../src/modules/identity/id-number";
import { contextSignedIn } from "./sessions";

export const demoPassword = "Tongban2026";

const charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
function randomChars(n: number, from = charset): string {
  return Array.from({ length: n }, () => from[Math.floor(Math.random() * from.length)]).join("");
}

/** A made-up credit code that passes every check, new for each journey. */
export function freshCreditCode(): string {
  return buildCreditCode({ authority: "9", category: "1", divisionCode: "130104", organisationBody: `E2${randomChars(6)}` });
}

/** A made-up ID number that passes every check. */
export function freshIdNumber(): string {
  const first17 = `130104${1960 + Math.floor(Math.random() * 40)}0${1 + Math.floor(Math.random() * 9)}1${Math.floor(Math.random() * 9)}${randomChars(3, "0123456789")}`;
  return first17 + computeIdNumberCheck(first17);
}

export async function signIn(page: Page, login: string, password = demoPassword): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("账号", { exact: true }).fill(login);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** The demo's people with accounts (password `demoPassword`), by the enterprise they represent. */
export const demoPeople = {
  /** 赵示例, legal representative of 石家庄通办示范商贸有限公司 (91130102MA0TB00118); GB 11643-1999's own example number. */
  zhao: "11010519491231002X",
  /** 钱通办, legal representative of 保定市云帆示例餐饮有限公司 (91130602MA0TB002XR). */
  qian: "130102199003070011",
  /** 吴法人, legal representative of 保定市示例建工有限公司 (91130602MA0TB0038R), which is not registered with the portal. */
  wu: "130602198511080315",
  /** 孙长辈, an older citizen. */
  sun: "130102195203150237",
} as const;

/** 法人登录: a person's own account, for an enterprise they represent or hold a mandate for. */
export async function signInForEnterprise(page: Page, creditCode: string, login: string, password = demoPassword): Promise<void> {
  await page.goto("/sign-in?mode=enterprise");
  await page.getByLabel("企业统一社会信用代码").fill(creditCode);
  await page.getByLabel("账号", { exact: true }).fill(login);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "以企业身份登录", exact: true }).click();
}

export interface Person {
  name: string;
  idNumber: string;
}

/** A made-up person (a valid ID number; the name given), not yet in the population register. */
export function freshPerson(name: string): Person {
  return { name, idNumber: freshIdNumber() };
}

/** Public security records the person in the population register, in a browser context of its own. */
export async function addToPopulationRegister(browser: Browser, person: Person): Promise<void> {
  const ctx = await contextSignedIn(browser, "reviewer.publicSecurity");
  const page = await ctx.newPage();
  await page.goto("/review/population");
  await page.getByLabel("姓名", { exact: true }).fill(person.name);
  await page.getByLabel("公民身份号码", { exact: true }).fill(person.idNumber);
  await page.getByLabel("性别", { exact: true }).selectOption(Number(person.idNumber[16]) % 2 === 1 ? "male" : "female");
  await page.getByLabel("出生日期", { exact: true }).fill(`${person.idNumber.slice(6, 10)}-${person.idNumber.slice(10, 12)}-${person.idNumber.slice(12, 14)}`);
  await page.getByLabel("户籍所在地区划代码", { exact: true }).fill(person.idNumber.slice(0, 6));
  await page.getByRole("button", { name: "登记", exact: true }).click();
  await expect(page.getByTestId("person-added")).toBeVisible();
  await ctx.close();
}

/** The person registers an account (checked against the register) and signs in. */
export async function registerCitizen(page: Page, person: Person, password = "Person2026"): Promise<void> {
  await page.goto("/register/citizen");
  await page.getByLabel("姓名").fill(person.name);
  await page.getByLabel("居民身份证号码").fill(person.idNumber);
  await page.getByLabel("手机号码").fill(`139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("确认密码").fill(password);
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/sign-in\?registered=1/);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/applicant$/);
}

/** Runs axe-core in the page and fails on serious or critical violations. */
let axeSource: string | undefined;
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  axeSource ??= readFileSync(path.join(process.cwd(), "node_modules/axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}

/** Demo department names (zh) → the demo reviewer who works there. */
export const reviewerByDepartment: Record<string, string> = {
  河北省市场监督管理局: "reviewer.market",
  河北省公安厅: "reviewer.publicSecurity",
  国家税务总局河北省税务局: "reviewer.tax",
  河北省人力资源和社会保障厅: "reviewer.humanResources",
  河北省住房资金管理中心: "reviewer.housingFund",
  河北省自然资源厅: "reviewer.naturalResources",
  河北省住房和城乡建设厅: "reviewer.housing",
  河北省生态环境厅: "reviewer.ecology",
  河北省卫生健康委员会: "reviewer.health",
  河北省消防救援总队: "reviewer.fire",
  // City and county bodies that acceptance routes food business licences to (管辖层级).
  石家庄市市场监督管理局: "reviewer.marketShijiazhuang",
  保定市市场监督管理局: "reviewer.marketBaoding",
  石家庄市长安区市场监督管理局: "reviewer.marketChangan",
  唐县市场监督管理局: "reviewer.marketTangxian",
};

/** A minimal PDF: enough for the server's content sniffing. */
export const tinyPdf = { name: "材料.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% Tongban e2e\n") };

/**
 * Fills every field of the apply form with plausible values and uploads a file where asked. A
 * situation question (办理情形) takes its first answer, the one that asks the most.
 */
export async function fillApplyForm(page: Page) {
  for (const question of await page.locator('[data-testid^="situation-"]').all()) await question.locator('input[type="radio"]').first().check();
  const data = page.getByTestId("apply-data");
  for (const input of await data.locator('input[type="text"]:not([readonly])').all()) {
    await input.fill((await input.getAttribute("inputmode")) === "decimal" ? "120" : "保定市竞秀区示例路 1 号");
  }
  for (const input of await data.locator('input[type="date"]').all()) await input.fill("2026-03-01");
  for (const area of await data.locator("textarea").all()) await area.fill("餐饮服务");
  for (const select of await data.locator("select").all()) {
    const value = await select.locator("option").nth(1).getAttribute("value");
    if (value) await select.selectOption(value);
  }
  for (const file of await page.locator('input[type="file"]').all()) await file.setInputFiles(tinyPdf);
  await expect(page.locator('[data-testid^="uploaded-"]')).toHaveCount(await page.locator('input[type="file"]').count());
}

/** The window clerk, in a browser context of their own, accepts the case. */
export async function acceptAtWindow(browser: Browser, trackingNumber: string) {
  const ctx = await contextSignedIn(browser, "clerk");
  const page = await ctx.newPage();
  await page.goto("/window");
  await expect(page).toHaveURL(/\/window$/);
  await page.getByRole("link", { name: trackingNumber }).click();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "受理", exact: true }).click();
  await expect(page.getByText("已受理。审查任务已分送各相关部门。")).toBeVisible();
  await ctx.close();
}

/** One reviewer, in a browser context of their own, decides every task of their department on the case. */
export async function decideAs(browser: Browser, login: string, trackingNumber: string, outcome: "approve" | "supplement") {
  const ctx = await contextSignedIn(browser, login);
  const page = await ctx.newPage();
  await page.goto("/review");
  await expect(page).toHaveURL(/\/review$/);
  const count = await page.getByRole("link", { name: trackingNumber }).count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    // The queue is already open for the first task; each further one is found on a fresh queue.
    if (i > 0) await page.goto("/review");
    await page.getByRole("link", { name: trackingNumber }).first().click();
    // An open task is decided at once (the decision claims it); a task the reviewer asked about
    // comes back to them already claimed.
    await expect(page.getByRole("button", { name: "准予", exact: true })).toBeVisible();
    if (i === 0) await expectNoSeriousAxeViolations(page);
    if (outcome === "approve") {
      await page.getByRole("button", { name: "准予", exact: true }).click();
    } else {
      await page.getByLabel("第 1 项：补正要求").fill(`${login} 请补充经营场所的产权证明`);
      await page.getByRole("button", { name: "要求补正", exact: true }).click();
    }
    await expect(page.getByRole("button", { name: "准予", exact: true })).toHaveCount(0);
  }
  await ctx.close();
}

/**
 * Screenshots of the page as it is, in both languages, at desktop width and at 390 px (a phone),
 * into `$SHOTS_DIR/<name>-<locale>-<desktop|phone>.png`. Only when SHOTS_DIR is set (a person
 * looking at the pages), so CI spends no time on pictures nobody opens. Leaves the page as found.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const url = page.url();
  const base = new URL(url).origin;
  const viewport = page.viewportSize();
  for (const locale of ["zh-CN", "en"] as const) {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: base }]);
    for (const [label, width] of [
      ["desktop", 1280],
      ["phone", 390],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url);
      await page.screenshot({ path: path.join(dir, `${name}-${locale}-${label}.png`), fullPage: true });
    }
  }
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: base }]);
  await page.setViewportSize(viewport ?? { width: 1280, height: 720 });
  await page.goto(url);
}

/**
 * One screenshot of the page (full length) or of a part of it, as it stands: for a state a reload
 * would lose (a form half filled, its errors shown). Into `$SHOTS_DIR/<name>.png`, only when
 * SHOTS_DIR is set, like `screenshots`.
 */
export async function screenshotAsIs(target: Page | Locator, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  if ("goto" in target) await target.screenshot({ path: file, fullPage: true });
  else await target.screenshot({ path: file });
}
