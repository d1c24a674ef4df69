import { expect, test, type Page } from "@playwright/test";
import { acceptByApi, approveByApi } from "./api";
import { acceptAtWindow, decideAs, demoPeople, expectNoSeriousAxeViolations, fillApplyForm, reviewerByDepartment, tinyPdf } from "./helpers";
import { signedInForEnterprise } from "./sessions";

// The demo restaurant company, which holds a business licence in the registry.
const restaurantCompany = "91130602MA0TB002XR";

async function applyForRestaurant(page: Page): Promise<{ trackingNumber: string; queryCode: string; caseUrl: string }> {
  await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
  await expect(page).toHaveURL(/\/applicant$/);
  await page.goto("/apply/bundle/openRestaurant");
  await expect(page).toHaveURL(/key=/);
  // The business licence government holds is shown, locked, with nothing to upload.
  await expect(page.locator('[data-testid^="supplied-"]').first()).toContainText("政府已有");
  await expectNoSeriousAxeViolations(page);
  await fillApplyForm(page);
  await page.getByLabel(/我同意本次申请使用政府已有/).check();
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
  const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
  const queryCode = (await page.getByTestId("query-code").innerText()).trim();
  expect(trackingNumber).toMatch(/^\d{20}$/);
  await expect(page.getByTestId("burden-saved")).toContainText("营业执照");
  await expectNoSeriousAxeViolations(page);
  return { trackingNumber, queryCode, caseUrl: page.url().split("?")[0] ?? "" };
}

/** The departments that hold a task on the case, read from the applicant's timeline, with how many each. */
async function departmentsOnCase(page: Page): Promise<Map<string, number>> {
  const names = await page.locator('[data-testid^="timeline-"] p.font-semibold').allInnerTexts();
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n.trim(), (counts.get(n.trim()) ?? 0) + 1);
  return counts;
}

test.describe("parallel review journeys", () => {
  test.describe.configure({ timeout: 180_000 });

  test("restaurant bundle: apply once, accepted at one window, four departments approve in parallel, certificates issued", async ({ page, browser }) => {
    const { trackingNumber, queryCode, caseUrl } = await applyForRestaurant(page);

    // Anyone with the number and the code sees the timeline; a wrong code gets a plain "not found".
    await page.goto(`/track?trackingNumber=${trackingNumber}&queryCode=${queryCode}`);
    await expect(page.getByRole("heading", { name: /开办餐饮店/ })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.goto(`/track?trackingNumber=${trackingNumber}&queryCode=WRONG234`);
    await expect(page.getByTestId("track-not-found")).toBeVisible();

    await page.goto(caseUrl);
    await expect(page.getByTestId("case-stepper").locator('[data-stage="accept"]')).toHaveAttribute("aria-current", "step");
    await acceptAtWindow(browser, trackingNumber);
    await page.goto(caseUrl);
    await expect(page.locator('[data-testid^="timeline-"]')).toHaveCount(4);
    // The stepper: under review, with the whole case's expected finish.
    await expect(page.getByTestId("case-stepper").locator('[data-stage="review"]')).toHaveAttribute("aria-current", "step");
    await expect(page.getByTestId("expected-finish")).toContainText("预计办结：");
    const departments = await departmentsOnCase(page);
    for (const department of departments.keys()) {
      const login = reviewerByDepartment[department];
      expect(login, department).toBeTruthy();
      await decideAs(browser, login ?? "", trackingNumber, "approve");
    }

    await page.goto(caseUrl);
    await expect(page.locator('[data-status="completed"]').first()).toBeVisible();
    await expect(page.getByTestId("case-stepper").locator('[data-stage="finish"]')).toHaveAttribute("data-state", "done");
    await expect(page.getByTestId("expected-finish")).toHaveCount(0);
    await expect(page.getByTestId("certificates").locator("li")).toHaveCount(4);
    await expect(page.getByTestId("certificates")).toContainText("食品经营许可证");

    // Every event reached the applicant's inbox through the outbox.
    await page.goto("/inbox");
    await expect(async () => {
      await page.reload();
      await expect(page.getByText(trackingNumber).first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
  });

  test("supplement: two departments ask, the others approve, one merged notice, only the two reopen", async ({ page, browser }) => {
    const { trackingNumber, caseUrl } = await applyForRestaurant(page);
    // The window and the approvals through the API (the test above clicks them); the requests in the browser.
    await acceptByApi(trackingNumber);
    await page.goto(caseUrl);
    const departments = await departmentsOnCase(page);
    // Two departments with one task each ask for material; every other department approves.
    const single = [...departments.entries()].filter(([, n]) => n === 1).map(([d]) => d);
    expect(single.length).toBeGreaterThanOrEqual(2);
    const [first, second] = single;
    const rest = [...departments.keys()].filter((d) => d !== first && d !== second);
    const asking = [first, second].map((d) => reviewerByDepartment[d ?? ""] ?? "");
    await decideAs(browser, asking[0] ?? "", trackingNumber, "supplement");
    // One department has asked; the notice waits for everyone still reviewing.
    await page.goto(caseUrl);
    await expect(page.getByTestId("notice-items")).toHaveCount(0);
    for (const d of rest) await approveByApi(reviewerByDepartment[d] ?? "", trackingNumber);
    await decideAs(browser, asking[1] ?? "", trackingNumber, "supplement");

    await page.goto(caseUrl);
    await expect(page.locator('[data-status="supplementRequired"]').first()).toBeVisible();
    await expect(page.getByTestId("notice-items").locator("li")).toHaveCount(2);
    // Each department asked for a document in words: the applicant uploads one for each.
    for (const n of [1, 2]) await page.getByLabel(`第 ${n} 项：上传文件`).setInputFiles(tinyPdf);
    await expect(page.getByText("已上传：材料.pdf", { exact: true })).toHaveCount(2);
    await page.getByRole("button", { name: "提交补正" }).click();
    await expect(page.locator('[data-status="inReview"]').first()).toBeVisible();
    // Only the two that asked are back in review, with the reviewers who asked; the approvals stand.
    await expect(page.locator('[data-testid^="timeline-"] [data-status="claimed"]')).toHaveCount(2);
    await expect(page.locator('[data-testid^="timeline-"] [data-status="approved"]')).toHaveCount(4 - 2);

    for (const login of asking) await approveByApi(login, trackingNumber);
    await page.goto(caseUrl);
    await expect(page.locator('[data-status="completed"]').first()).toBeVisible();
  });
});

test.describe("public catalog pages", () => {
  for (const path of ["/guides", "/guides/openRestaurant", "/guides/constructionProject", "/track"]) {
    test(`no serious axe violations on ${path}`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousAxeViolations(page);
    });
  }
});

test("the public credit-code checker names the failed check and decodes a valid code", async ({ page, request }) => {
  await page.goto("/credit-codes?code=91130602MA0TB002XR");
  await expect(page.getByTestId("credit-code-verdict")).toContainText("是有效的统一社会信用代码");
  await expect(page.getByText("河北省保定市竞秀区")).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("统一社会信用代码").fill("91130602MA0TB002X0");
  await page.getByRole("button", { name: "校验" }).click();
  await expect(page.getByTestId("credit-code-verdict")).toContainText("不是有效的");
  const api = await request.get("/api/open/credit-codes/91130602MA0TB002X0");
  expect(api.status()).toBe(200);
  expect(await api.json()).toMatchObject({ valid: false, failedChecks: [expect.objectContaining({ check: "checkCharacter" })] });
});
