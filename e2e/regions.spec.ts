import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { Browser, Page } from "@playwright/test";
import { expectNoSeriousAxeViolations, screenshotAsIs, screenshots } from "./helpers";

// `npm run start:regions` as a person runs it: three nodes (three processes, three embedded
// databases) on the three ports after the journeys' own server, on the build that server was
// started from (--no-build). Each answers with its own region's name and demo province; Ctrl-C
// (SIGINT) stops all three.
const root = path.resolve(import.meta.dirname, "..");
const basePort = Number(process.env.E2E_PORT ?? 3100) + 1;
const dataRoot = path.join(root, ".data", `e2e-regions-${basePort}`);
const nodes = [
  { region: "hebei", port: basePort, brand: "河北政务服务", brandEn: "Hebei government services" },
  { region: "beijing", port: basePort + 1, brand: "北京政务服务", brandEn: "Beijing government services" },
  { region: "tianjin", port: basePort + 2, brand: "天津政务服务", brandEn: "Tianjin government services" },
] as const;

test.describe.configure({ mode: "serial", timeout: 600_000 });

let regions: ChildProcess | undefined;
let output = "";

test.beforeAll(async () => {
  test.setTimeout(600_000);
  rmSync(dataRoot, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  regions = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["src/scripts/start-regions.ts", "--no-build"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so a failed run can stop the three nodes with it (they are its children).
    detached: true,
    env: { ...process.env, REGIONS_BASE_PORT: String(basePort), REGIONS_DATA_DIR: dataRoot, DEMO_HISTORY: "false", E2E_PORT: "" },
  });
  regions.stdout?.on("data", (c: Buffer) => (output += c.toString("utf8")));
  regions.stderr?.on("data", (c: Buffer) => (output += c.toString("utf8")));
  await expect
    .poll(() => (regions?.exitCode !== null ? "exited" : output.includes("REGIONS READY") ? "ready" : "starting"), { timeout: 540_000, intervals: [1_000] })
    .toBe("ready");
});

test.afterAll(async () => {
  // After a failure the nodes are still up: stop the whole group (start:regions and its three
  // nodes), or a retry would find the ports taken and the folders still being written.
  if (regions?.exitCode === null && regions.pid) {
    const exited = new Promise((resolve) => regions?.once("exit", resolve));
    process.kill(-regions.pid, "SIGKILL");
    await exited;
  }
  rmSync(dataRoot, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

test("start:regions starts three nodes, each answering with its own region and demo province", async ({ page }) => {
  for (const n of nodes) {
    expect(output).toContain(`http://localhost:${n.port}`);
    await page.goto(`http://127.0.0.1:${n.port}/`);
    await expect(page.getByRole("banner")).toContainText(n.brand);
    for (const other of nodes.filter((o) => o.region !== n.region)) await expect(page.getByRole("banner")).not.toContainText(other.brand);
  }
  // Each node printed its own demo accounts: Beijing's enterprise and citizens are Beijing's.
  expect(output).toMatch(/91110105MA0TB101\w{2} 北京京通示例科技有限公司/);
  expect(output).toContain("天津津港示例贸易有限公司");

  // Beijing's guides are Beijing's small catalog, not Hebei's.
  const beijing = `http://127.0.0.1:${nodes[1].port}`;
  await page.goto(`${beijing}/guides`);
  await expect(page.getByRole("main")).toContainText("印章刻制备案");
  await expect(page.getByRole("main")).toContainText("食品经营许可");
  await expect(page.getByRole("main")).not.toContainText("企业设立登记");
  await page.goto(`${beijing}/`);
  await expect(page.getByTestId("home-services")).toContainText("食品经营许可");
  await expect(page.getByTestId("home-bundles")).toHaveCount(0); // no bundles, no empty heading
  await expectNoSeriousAxeViolations(page);
  await screenshots(page, "regions-beijing-home");

  await page.goto(`http://127.0.0.1:${nodes[2].port}/`);
  await screenshots(page, "regions-tianjin-home");
  await page.goto(`${beijing}/`);

  // English names the region too.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: beijing }]);
  await page.reload();
  await expect(page.getByRole("banner")).toContainText(nodes[1].brandEn);

  // A Beijing reviewer signs in on the Beijing node.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: beijing }]);
  await page.goto(`${beijing}/sign-in`);
  await page.getByLabel("账号", { exact: true }).fill("reviewer.market");
  await page.getByLabel("密码", { exact: true }).fill("Tongban2026");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("banner")).toContainText("北京市市场监督管理局");
});

/** 法人登录 on one node, in a browser context of its own. */
async function enterpriseOn(browser: Browser, origin: string, creditCode: string, login: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${origin}/sign-in?mode=enterprise`);
  await page.getByLabel("企业统一社会信用代码").fill(creditCode);
  await page.getByLabel("账号", { exact: true }).fill(login);
  await page.getByLabel("密码", { exact: true }).fill("Tongban2026");
  await page.getByRole("button", { name: "以企业身份登录", exact: true }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  return page;
}

async function staffOn(browser: Browser, origin: string, login: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel("账号", { exact: true }).fill(login);
  await page.getByLabel("密码", { exact: true }).fill("Tongban2026");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  return page;
}

test("全程网办: a Beijing enterprise gets a Hebei food licence without uploading its Beijing licence; both nodes log the read", async ({ browser }) => {
  const hebei = `http://127.0.0.1:${nodes[0].port}`;
  const beijing = `http://127.0.0.1:${nodes[1].port}`;
  const creditCode = /(91110105MA0TB101\w{2}) 北京京通示例科技有限公司/.exec(output)?.[1] ?? "";
  expect(creditCode).toHaveLength(18);
  const legalRepresentative = "110105198503151230"; // 陈京示

  const page = await enterpriseOn(browser, hebei, creditCode, legalRepresentative);
  await page.goto(`${hebei}/apply/service/foodBusinessLicensing`);
  await expect(page).toHaveURL(/key=/);
  await expect(page.getByTestId("exchange-businessLicence")).toContainText("北京市节点");
  await expectNoSeriousAxeViolations(page);
  await screenshots(page, "online-form");
  await page.getByLabel("个体工商户").check();
  await page.getByLabel("现有店铺（布局、流程不变）").check();
  const data = page.getByTestId("apply-data");
  for (const input of await data.locator('input[type="text"]:not([readonly])').all()) {
    await input.fill((await input.getAttribute("inputmode")) === "decimal" ? "60" : "河北省保定市竞秀区示例路 8 号");
  }
  // No upload: the business licence comes from the Beijing node.
  await expect(page.getByTestId("uploaded-businessLicence")).toHaveCount(0);
  await page.getByLabel(/我同意本次申请使用政府已有/).check();
  await screenshotAsIs(page, "online-form-filled-zh-CN");
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
  const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
  expect(trackingNumber).toMatch(/^\d{20}$/);
  const caseUrl = page.url().replace(/\?.*$/, "");
  await page.goto(caseUrl);
  await expect(page.getByTestId("exchange-verified")).toContainText("经京津冀数据交换核验（北京市）");
  await screenshots(page, "online-case");

  // Its data log on the Hebei node shows Hebei's market regulation reading its Beijing licence.
  await page.goto(`${hebei}/applicant/data-log`);
  await expect(page.getByTestId("data-log-peer-region").first()).toContainText("北京市");
  await screenshots(page, "online-data-log-hebei");

  // On the Beijing node, the same enterprise sees Hebei's read.
  const inBeijing = await enterpriseOn(browser, beijing, creditCode, legalRepresentative);
  await inBeijing.goto(`${beijing}/applicant/data-log`);
  await expect(inBeijing.getByTestId("data-log-peer-region").first()).toContainText("河北省");
  await screenshots(inBeijing, "online-data-log-beijing");

  // The window accepts it; the reviewer sees the licence verified through the exchange, with issuer and number.
  const clerk = await staffOn(browser, hebei, "clerk");
  await clerk.goto(`${hebei}/window`);
  await clerk.getByRole("link", { name: trackingNumber }).click();
  await expect(clerk.getByTestId("exchange-verified")).toContainText("北京市市场监督管理局");
  await clerk.getByRole("button", { name: "受理", exact: true }).click();
  await expect(clerk.getByText("已受理。审查任务已分送各相关部门。")).toBeVisible();
  const reviewer = await staffOn(browser, hebei, "reviewer.market");
  await reviewer.goto(`${hebei}/review?status=all&q=${trackingNumber}`);
  await reviewer.getByRole("link", { name: trackingNumber }).first().click();
  await expect(reviewer).toHaveURL(/\/review\/tasks\//);
  await expect(reviewer.getByTestId("exchange-verified")).toContainText("经京津冀数据交换核验（北京市）");
  await expectNoSeriousAxeViolations(reviewer);
  await screenshots(reviewer, "online-review-task");
});

test("cross-region verification: the Beijing licence's QR link verifies on the Hebei node, through the Beijing node and its published keys", async ({
  browser,
}) => {
  const hebei = `http://127.0.0.1:${nodes[0].port}`;
  const beijing = `http://127.0.0.1:${nodes[1].port}`;
  const creditCode = /(91110105MA0TB101\w{2}) 北京京通示例科技有限公司/.exec(output)?.[1] ?? "";
  const inBeijing = await enterpriseOn(browser, beijing, creditCode, "110105198503151230");
  await inBeijing.goto(`${beijing}/applicant/certificates`);
  await inBeijing.locator('a[href^="/applicant/certificates/"]').first().click();
  const href = (await inBeijing.getByTestId("verify-link").getAttribute("href")) ?? "";
  const [, number] = /\/verify\/(\d{17})\?region=beijing$/.exec(href) ?? [];
  expect(number, href).toBeTruthy();

  // The number is not in Hebei's registry: the Hebei node asks Beijing's and checks the issuer's signature itself.
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${hebei}/verify/${number}?region=beijing`);
  await expect(page.getByTestId("verified-through")).toContainText("由北京市节点核验");
  await expect(page.getByTestId("signature-status")).toHaveAttribute("data-valid", "true");
  await expect(page.getByRole("main")).toContainText("北京市市场监督管理局");
  // Without the region the Hebei node asks every peer, and Beijing's answers.
  await page.goto(`${hebei}/verify/${number}`);
  await expect(page.getByTestId("verified-through")).toContainText("由北京市节点核验");
  await expectNoSeriousAxeViolations(page);
  await screenshots(page, "regions-verify-across");
});

test("异地代收代办: Tianjin's window forwards a Hebei food licence application; Hebei's reviewer has the task; the status comes back", async ({ browser }) => {
  const hebei = `http://127.0.0.1:${nodes[0].port}`;
  const tianjin = `http://127.0.0.1:${nodes[2].port}`;
  const creditCode = /(91120101\w{10}) 天津津港示例贸易有限公司/.exec(output)?.[1] ?? "";
  expect(creditCode).toHaveLength(18);

  const clerk = await staffOn(browser, tianjin, "clerk");
  await clerk.goto(`${tianjin}/window`);
  await clerk.getByRole("link", { name: "异地代收代办" }).click();
  await expect(clerk).toHaveURL(/\/window\/forwardings$/);
  await expect(clerk.getByRole("heading", { name: "异地代收代办", level: 1 })).toBeVisible();
  await expect(clerk.getByText("还没有转交的申请。")).toBeVisible();
  await expectNoSeriousAxeViolations(clerk);
  await screenshots(clerk, "forwarding-window");

  await expect(clerk.getByLabel("办理地事项")).toHaveValue("foodBusinessLicensing");
  await clerk.getByLabel("统一社会信用代码或身份证号码").fill(creditCode);
  await clerk.getByLabel("申请人名称（姓名）").fill("天津津港示例贸易有限公司");
  await clerk.getByLabel("申请人类型", { exact: true }).selectOption({ label: "个体工商户" });
  await clerk.getByLabel("经营场所", { exact: true }).selectOption({ label: "现有店铺（布局、流程不变）" });
  await clerk.getByLabel("住所（经营场所）").fill("河北省保定市竞秀区示例路 18 号");
  await clerk.getByLabel("经营场所面积（平方米）").fill("45");
  await clerk.getByLabel("食品安全管理人员姓名").fill("何津示");
  await clerk
    .getByLabel("营业执照（窗口核验原件后的复印件）")
    .setInputFiles({
      name: "licence.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n%copy of a business licence, original checked at the window\n"),
    });
  // Without the clerk's check of the originals nothing is sent.
  await clerk.getByRole("button", { name: "转交办理地" }).click();
  await expect(clerk.getByText("请先核验申请人身份证件和材料原件。")).toBeVisible();
  await screenshotAsIs(clerk, "forwarding-form-error-zh-CN");
  await clerk.getByLabel("已核验申请人身份证件和材料原件").check();
  await clerk.getByRole("button", { name: "转交办理地" }).click();

  const item = clerk.getByTestId("forwarding").first();
  await expect(item.getByTestId("forwarding-status")).toHaveText("办理地已受理", { timeout: 30_000 });
  await expect(item).toContainText("天津津港示例贸易有限公司");
  const trackingNumber = (await item.getByTestId("forwarding-remote-tracking").innerText()).trim();
  expect(trackingNumber).toMatch(/^\d{20}$/);
  await expect(item).toContainText(`河北省办件编号：${trackingNumber}`);
  await expect(item).toContainText("审查中");
  await expectNoSeriousAxeViolations(clerk);
  await screenshots(clerk, "forwarding-accepted");

  // At the Hebei node the application is in the market regulation reviewer's queue, and they decide it.
  const reviewer = await staffOn(browser, hebei, "reviewer.market");
  await reviewer.goto(`${hebei}/review?status=all&q=${trackingNumber}`);
  await reviewer.getByRole("link", { name: trackingNumber }).first().click();
  await expect(reviewer).toHaveURL(/\/review\/tasks\//);
  await expect(reviewer.getByRole("main")).toContainText("天津津港示例贸易有限公司");
  await reviewer.getByRole("button", { name: "准予", exact: true }).click();
  await expect(reviewer.getByText("已准予。")).toBeVisible();

  // Hebei's report job (every 5 s) sends the new status; Tianjin's window shows it.
  await expect(async () => {
    await clerk.reload();
    await expect(clerk.getByTestId("forwarding").first()).toContainText(/已准予|已办结/, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await screenshots(clerk, "forwarding-decided");
});

// ---------------------------------------------------------------------------------------------
// 多地联办 (joint review): a Hebei bundle with one step decided on the Beijing node.
// ---------------------------------------------------------------------------------------------
test("多地联办: a Hebei enterprise's joint bundle is reviewed on both nodes and completes on the Hebei node with Beijing's decision", async ({ browser }) => {
  const hebei = `http://127.0.0.1:${nodes[0].port}`;
  const beijing = `http://127.0.0.1:${nodes[1].port}`;
  const creditCode = /(91130102MA0TB001\w{2}) 石家庄通办示范商贸有限公司/.exec(output)?.[1] ?? "";
  expect(creditCode).toHaveLength(18);
  const page = await enterpriseOn(browser, hebei, creditCode, "11010519491231002X"); // 赵示例
  await page.goto(`${hebei}/apply/bundle/beijingOperation`);
  await expect(page).toHaveURL(/key=/);
  await expect(page.getByRole("main")).toContainText("京冀联办");
  for (const input of await page.getByTestId("apply-data").locator('input[type="text"]:not([readonly])').all()) {
    await input.fill("北京市朝阳区示例路 1 号");
  }
  const consent = page.getByLabel(/我同意本次申请使用政府已有/);
  if (await consent.count()) await consent.check();
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
  const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
  const caseUrl = page.url().replace(/\?.*$/, "");

  // The Hebei window accepts it: the Beijing step becomes a remote task, sent by the outbox job.
  const clerk = await staffOn(browser, hebei, "clerk");
  await clerk.goto(`${hebei}/window`);
  await clerk.getByRole("link", { name: trackingNumber }).click();
  await clerk.getByRole("button", { name: "受理", exact: true }).click();
  await expect(clerk.getByText("已受理。审查任务已分送各相关部门。")).toBeVisible();

  const remote = page.getByTestId("remote-beijingFiling");
  let beijingNumber = "";
  await expect(async () => {
    await page.goto(caseUrl);
    await expect(remote).toHaveAttribute("data-status", "opened", { timeout: 1_000 });
    beijingNumber = /北京市受理编号 (\d{20})/.exec(await remote.innerText())?.[1] ?? "";
    expect(beijingNumber).toHaveLength(20);
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  await expect(remote).toContainText("已由北京市受理");
  // Nobody in Hebei claims it: the badge says where it is reviewed, not 待认领.
  await expect(page.getByTestId("remote-badge-beijingFiling")).toHaveText("北京市审查中");
  await expectNoSeriousAxeViolations(page);
  await screenshots(page, "joint-case-opened");

  // Beijing's market regulation finds the part in its queue on the Beijing node and approves it.
  const bjReviewer = await staffOn(browser, beijing, "reviewer.market");
  await bjReviewer.goto(`${beijing}/review`);
  await bjReviewer.getByRole("link", { name: beijingNumber }).first().click();
  await expect(bjReviewer).toHaveURL(/\/review\/tasks\//);
  await bjReviewer.getByRole("button", { name: "准予", exact: true }).click();
  await expect(bjReviewer.getByRole("button", { name: "准予", exact: true })).toHaveCount(0);

  // Hebei's tax bureau approves its own step.
  const tax = await staffOn(browser, hebei, "reviewer.tax");
  await tax.goto(`${hebei}/review`);
  await tax.getByRole("link", { name: trackingNumber }).first().click();
  await tax.getByRole("button", { name: "准予", exact: true }).click();
  await expect(tax.getByRole("button", { name: "准予", exact: true })).toHaveCount(0);

  // Beijing's decision comes back through its outbox: the Hebei case completes with both steps approved.
  await expect(async () => {
    await page.goto(caseUrl);
    await expect(page.getByTestId("timeline-beijingFiling")).toContainText("已准予", { timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  await expect(page.getByTestId("timeline-taxReport")).toContainText("已准予");
  await expect(page.getByRole("main")).toContainText("已办结");
  await screenshots(page, "joint-case-completed");
});

test("Ctrl-C stops all three nodes", async () => {
  regions?.kill("SIGINT");
  await expect.poll(() => regions?.exitCode, { timeout: 60_000 }).toBe(0);
  for (const n of nodes) await expect(fetch(`http://127.0.0.1:${n.port}/api/health`)).rejects.toThrow();
});
