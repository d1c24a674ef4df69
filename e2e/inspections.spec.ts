import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations, screenshots, signIn } from "./helpers";
import { contextSignedIn } from "./sessions";

const todayInChina = () => new Date(Date.now() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
const daysFromToday = (n: number) => new Date(Date.now() + 8 * 60 * 60 * 1000 + n * 86_400_000).toISOString().slice(0, 10);

// The draw recomputed here from the published JSON alone, as a third party would (docs/inspections.md):
// n = first 8 bytes of SHA-256(seed ":" id), key = floor(floor((2n+1)·10^(20w) / 2^65)^(1/w)).
function root(x: bigint, k: bigint): bigint {
  if (x < 2n || k === 1n) return x;
  let lo = 0n;
  let hi = 1n << (BigInt(x.toString(2).length) / k + 1n);
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (mid ** k <= x) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}
function key(seed: string, id: string, w: number): bigint {
  const n = createHash("sha256").update(`${seed}:${id}`).digest().readBigUInt64BE(0);
  return root(((2n * n + 1n) * 10n ** (20n * BigInt(w))) / 2n ** 65n, BigInt(w));
}
function top(seed: string, items: Array<{ id: string; weight: number }>, k: number): string[] {
  return items
    .map((c) => ({ id: c.id, key: key(seed, c.id, c.weight) }))
    .sort((a, b) => (a.key !== b.key ? (a.key > b.key ? -1 : 1) : a.id < b.id ? -1 : 1))
    .slice(0, k)
    .map((c) => c.id);
}

interface PlanJson {
  seed: string;
  sampleSize: number;
  inspectorsPerEntity: number;
  candidates: Array<{ id: string; weight: number; key: string }>;
  drawn: string[];
  inspectorDraws: Array<{ entity: string; candidates: Array<{ id: string; name: string; key: string }>; drawn: string[] }>;
  results: Array<{ entity: string; outcome: string; findings: string }>;
}

test.describe("random inspections (双随机、一公开)", () => {
  test.describe.configure({ timeout: 240_000 });

  test("the data office publishes a plan with its seed and draws; the JSON's draw is recomputed; the drawn inspector records a result; it is public on /inspections and /credit/<code>", async ({
    page,
    browser,
  }) => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const title = `全省企业双随机抽查 ${suffix}`;
    const findings = `营业执照未在经营场所醒目位置悬挂（${suffix}）。`;

    const office = await contextSignedIn(browser, "dataoffice");
    const staff = await office.newPage();
    await staff.goto("/data-office/inspections");
    await expect(staff.getByRole("heading", { name: "双随机抽查计划", level: 1 })).toBeVisible();
    const fill = async (sampleSize: string) => {
      await staff.getByLabel("计划名称").fill(title);
      await staff.getByLabel("检查部门").selectOption({ label: "河北省市场监督管理局" });
      await staff.getByLabel("抽查范围").selectOption({ label: "全部已登记企业" });
      await staff.getByLabel("抽取对象数").fill(sampleSize);
      await staff.getByLabel("每个对象的检查人员数").fill("1");
      await staff.getByLabel("检查开始日期").fill(todayInChina());
      await staff.getByLabel("检查结束日期").fill(daysFromToday(30));
    };
    // A sample larger than the candidates is refused on its field; nothing is published.
    await fill("50");
    await staff.getByRole("button", { name: "公布计划" }).click();
    await expect(staff.getByText(/抽取数量超过了候选企业数/)).toBeVisible();
    await expect(staff.getByTestId("office-plans").getByRole("listitem").filter({ hasText: title })).toHaveCount(0);

    await fill("1");
    await staff.getByRole("button", { name: "公布计划" }).click();
    const planItem = staff.getByTestId("office-plans").getByRole("listitem").filter({ hasText: title });
    await expect(planItem).toHaveCount(1);
    await expect(planItem).toContainText("已公布，待抽取");
    const planId = (await planItem.getAttribute("data-plan"))!;
    const seed = (await planItem.getByTestId("plan-seed").textContent())!;
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    // Published before the draw: the seed is public, no key yet.
    const before = (await (await page.request.get(`/api/open/inspections/${planId}.json`)).json()) as PlanJson;
    expect(before.seed).toBe(seed);
    expect(before.drawn).toEqual([]);
    await expectNoSeriousAxeViolations(staff);
    await screenshots(staff, "inspections-office");

    await planItem.getByRole("button", { name: "抽取检查对象和检查人员" }).click();
    await expect(planItem).toContainText("已抽取，检查中");
    await office.close();

    // The open JSON: recomputed here from the seed and the candidates, entities and inspectors alike.
    const res = await page.request.get(`/api/open/inspections/${planId}.json`);
    expect(res.status()).toBe(200);
    const plan = (await res.json()) as PlanJson;
    expect(plan.seed).toBe(seed);
    expect(plan.drawn).toHaveLength(1);
    expect(top(plan.seed, plan.candidates, plan.sampleSize)).toEqual(plan.drawn);
    for (const c of plan.candidates) expect(c.key).toBe(`0.${key(plan.seed, c.id, c.weight).toString().padStart(20, "0")}`);
    const [draw] = plan.inspectorDraws;
    expect(draw!.entity).toBe(plan.drawn[0]);
    expect(
      top(
        plan.seed,
        draw!.candidates.map((c) => ({ id: `${draw!.entity}/${c.id}`, weight: 1 })),
        plan.inspectorsPerEntity,
      ).map((id) => id.split("/")[1]),
    ).toEqual(draw!.drawn);
    expect((await page.request.get("/api/open/inspections/not-a-plan.json")).status()).toBe(400);
    expect((await page.request.get("/api/open/inspections/00000000-0000-4000-8000-000000000000.json")).status()).toBe(404);

    // The drawn inspector (market regulation's reviewer or its head) records the result.
    const entity = draw!.entity;
    const inspectorName = draw!.candidates.find((c) => c.id === draw!.drawn[0])!.name;
    const login = inspectorName.includes("科室负责人") ? "head.market" : "reviewer.market";
    const inspector = await browser.newContext();
    const inspectorPage = await inspector.newPage();
    await signIn(inspectorPage, login);
    await inspectorPage.waitForURL(/\/review/);
    await inspectorPage.goto("/review/inspections");
    const assignment = inspectorPage.locator(`[data-plan="${planId}"][data-entity="${entity}"]`);
    await expect(assignment).toBeVisible();
    await expectNoSeriousAxeViolations(inspectorPage);
    await screenshots(inspectorPage, "inspections-mine");
    await assignment.getByLabel("检查结果").selectOption({ label: "发现问题" });
    // Problems found without findings: refused on the field.
    await assignment.getByRole("button", { name: "录入结果" }).click();
    await expect(assignment.getByText("请写明检查发现（4 至 2000 字）。")).toBeVisible();
    await assignment.getByLabel("检查发现（未发现问题时可不填）").fill(findings);
    await assignment.getByLabel("检查日期").fill(todayInChina());
    await assignment.getByRole("button", { name: "录入结果" }).click();
    await expect(assignment).toContainText(findings);
    await expect(assignment.getByRole("button", { name: "录入结果" })).toHaveCount(0);
    await inspector.close();

    // Public: the list, the plan page, the JSON and the enterprise's credit page.
    await page.goto("/inspections");
    const listed = page.getByTestId("inspection-plans").locator(`[data-plan="${planId}"]`);
    await expect(listed).toContainText("已完成");
    await expect(listed).toContainText(seed);
    await expect(listed).toContainText("已录入 1 / 1");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "inspections-public");
    await listed.getByRole("link", { name: title }).click();
    const drawnEntity = page.getByTestId("drawn-entities").locator(`[data-entity="${entity}"]`);
    await expect(drawnEntity).toContainText(entity);
    await expect(drawnEntity).toContainText(inspectorName);
    await expect(drawnEntity.getByTestId("inspection-result")).toContainText("发现问题");
    await expect(drawnEntity.getByTestId("inspection-result")).toContainText(findings);
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "inspections-plan");
    const after = (await (await page.request.get(`/api/open/inspections/${planId}.json`)).json()) as PlanJson;
    expect(after.results).toEqual([expect.objectContaining({ entity, outcome: "problemsFound", findings })]);
    await page.goto(`/credit/${entity}`);
    await expect(page.getByTestId("public-credit-records")).toContainText(findings);
  });
});
