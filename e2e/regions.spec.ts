import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations, screenshots } from "./helpers";

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
  rmSync(dataRoot, { recursive: true, force: true });
  regions = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["src/scripts/start-regions.ts", "--no-build"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, REGIONS_BASE_PORT: String(basePort), REGIONS_DATA_DIR: dataRoot, DEMO_HISTORY: "false", E2E_PORT: "" },
  });
  regions.stdout?.on("data", (c: Buffer) => (output += c.toString("utf8")));
  regions.stderr?.on("data", (c: Buffer) => (output += c.toString("utf8")));
  await expect
    .poll(() => (regions?.exitCode !== null ? "exited" : output.includes("REGIONS READY") ? "ready" : "starting"), { timeout: 540_000, intervals: [1_000] })
    .toBe("ready");
});

test.afterAll(() => {
  if (regions?.exitCode === null) regions.kill("SIGKILL");
  rmSync(dataRoot, { recursive: true, force: true });
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

test("Ctrl-C stops all three nodes", async () => {
  regions?.kill("SIGINT");
  await expect.poll(() => regions?.exitCode, { timeout: 60_000 }).toBe(0);
  for (const n of nodes) await expect(fetch(`http://127.0.0.1:${n.port}/api/health`)).rejects.toThrow();
});
