import { expect, test, type Page } from "@playwright/test";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm } from "./helpers";
import { contextSignedIn, signedInForEnterprise } from "./sessions";

// The demo restaurant company applies for an environmental impact approval: the ecology department
// reviews it, and no other journey gives that department work, so its counts are this journey's.
const restaurantCompany = "91130602MA0TB002XR";

async function applyForEnvironmentalApproval(page: Page): Promise<string> {
  await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
  await page.goto("/apply/service/environmentalImpactApproval");
  await expect(page).toHaveURL(/key=/);
  await fillApplyForm(page);
  const consent = page.getByLabel(/我同意本次申请使用政府已有/);
  if (await consent.count()) await consent.check();
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
  return (await page.getByTestId("tracking-number").innerText()).trim();
}

test.describe("a reviewer's day and the window's clock", () => {
  test.describe.configure({ timeout: 180_000 });

  test("the window counts down, accepts, keeps the case as processed and prints a receipt; the reviewer's counts move as the task is decided", async ({
    page,
    browser,
  }) => {
    const trackingNumber = await applyForEnvironmentalApproval(page);

    // The window: the acceptance limit counts down on the row, from 5 working days on the day of receipt.
    const window = await (await contextSignedIn(browser, "clerk")).newPage();
    await window.goto("/window");
    await expect(window.getByTestId(`queue-row-${trackingNumber}`).getByTestId("acceptance-due")).toContainText("剩 5 个工作日");
    await window.getByRole("link", { name: trackingNumber }).click();
    await window.getByRole("button", { name: "受理", exact: true }).click();
    await expect(window.getByText("已受理。审查任务已分送各相关部门。")).toBeVisible();

    // 已处理: the case stays with the window, found by its number.
    await window.goto("/window");
    await window.getByRole("link", { name: "已处理" }).click();
    await window.getByLabel("搜索办件编号、申请人名称或代码").fill(trackingNumber);
    await window.getByRole("button", { name: "搜索", exact: true }).click();
    await expect(window.locator('[data-testid^="processed-row-"]')).toHaveCount(1);
    await expect(window.getByTestId(`processed-row-${trackingNumber}`)).toContainText("已受理");
    await expectNoSeriousAxeViolations(window);
    // A search too long is said on the field, and nothing else happens.
    await window.goto(`/window?status=processed&q=${"号".repeat(65)}`);
    await expect(window.getByTestId("processed-search-error")).toContainText("最多 64 个字");

    // 收件回执: number, applicant, deadline, materials, window — printable.
    await window.goto(`/window?status=processed&q=${trackingNumber}`);
    await window.getByRole("link", { name: `查看回执 ${trackingNumber}` }).click();
    const receipt = window.getByTestId("acceptance-receipt");
    await expect(receipt).toContainText(trackingNumber);
    await expect(receipt).toContainText("收件回执");
    await expect(window.getByTestId("receipt-acceptance-due")).toContainText("前作出是否受理的决定");
    await expect(window.getByTestId("receipt-materials").locator("li")).not.toHaveCount(0);
    await expect(window.getByRole("button", { name: "打印" })).toBeVisible();
    await expectNoSeriousAxeViolations(window);
    await window.context().close();

    // The reviewer: the dashboard, a search by tracking number, the working days left on the row.
    const review = await (await contextSignedIn(browser, "reviewer.ecology")).newPage();
    await review.goto("/review");
    const unclaimed = Number(await review.getByTestId("count-unclaimed-value").innerText());
    expect(unclaimed).toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(review);
    await review.getByLabel("搜索办件编号、申请人名称或代码").fill(trackingNumber);
    await review.getByRole("button", { name: "筛选" }).click();
    await expect(review.locator('[data-testid^="task-row-"]')).toHaveCount(1);
    await expect(review.getByTestId(`task-row-${trackingNumber}`).getByTestId("remaining-days")).toContainText(/剩 \d+ 个工作日/);
    await review.goto(`/review?q=${"x".repeat(65)}`);
    await expect(review.getByTestId("queue-search-error")).toBeVisible();

    // The task page: the action bar is on screen at once; deciding claims and approves in one step.
    await review.goto(`/review?q=${trackingNumber}`);
    await review.getByRole("link", { name: trackingNumber }).click();
    await expect(review.getByRole("navigation", { name: "审查快捷操作" })).toBeInViewport();
    await review.getByRole("link", { name: "去准予" }).click();
    await review.getByRole("button", { name: "准予", exact: true }).click();
    await expect(review.getByTestId("next-task")).toBeFocused();

    // The counts moved: one fewer to claim, and the unclaimed filter no longer lists it.
    await review.goto("/review");
    await expect(review.getByTestId("count-unclaimed-value")).toHaveText(String(unclaimed - 1));
    await review.getByTestId("count-unclaimed").click();
    await expect(review).toHaveURL(/bucket=unclaimed/);
    await expect(review.getByTestId(`task-row-${trackingNumber}`)).toHaveCount(0);
    await review.context().close();
  });
});
