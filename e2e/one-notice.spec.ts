import { expect, test, type Browser, type Page } from "@playwright/test";
import { acceptByApi, approveByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm, reviewerByDepartment, screenshotAsIs, screenshots, tinyPdf } from "./helpers";
import { contextSignedIn, signedInForEnterprise } from "./sessions";

// The demo restaurant company, which holds a business licence in the registry.
const restaurantCompany = "91130602MA0TB002XR";

const leaseRequest = "请提供经营场所的租赁合同（含出租方产权证明）";
const leaseBasis = "《食品经营许可和备案管理办法》第十二条";
const question = "请说明厨房排烟设施的设置方式";
const answer = "厨房排烟经油烟净化器处理后从屋顶排出。";

async function applyForRestaurant(page: Page): Promise<{ trackingNumber: string; caseUrl: string }> {
  await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
  await page.goto("/apply/bundle/openRestaurant");
  await expect(page).toHaveURL(/key=/);
  await fillApplyForm(page);
  await page.getByLabel(/我同意本次申请使用政府已有/).check();
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
  const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
  return { trackingNumber, caseUrl: page.url().split("?")[0] ?? "" };
}

/** A reviewer claims their department's task on the case and asks one item of the given kind. */
async function askAs(
  browser: Browser,
  login: string,
  trackingNumber: string,
  item: { kind: "补交其他文件（申请人上传）" | "请申请人说明（文字答复）"; text: string; basis?: string },
) {
  const ctx = await contextSignedIn(browser, login);
  const page = await ctx.newPage();
  await page.goto("/review");
  await page.getByRole("link", { name: trackingNumber }).first().click();
  await page.getByRole("button", { name: "认领", exact: true }).click();
  // Claimed once the page shows it (the forms start afresh on the new version).
  await expect(page.getByRole("button", { name: "认领", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "准予", exact: true })).toBeVisible();
  // A request without text: a field error, nothing sent.
  await page.getByLabel(item.kind).check();
  await page.getByRole("button", { name: "要求补正", exact: true }).click();
  await expect(page.getByText("请写明要求申请人补正或回答的内容（4 至 1000 字）。")).toBeVisible();
  await expect(page.getByRole("button", { name: "准予", exact: true })).toBeVisible();
  await page.getByLabel("第 1 项：补正要求").fill(item.text);
  if (item.basis) await page.getByLabel("第 1 项：法律依据（选填）").fill(item.basis);
  await expectNoSeriousAxeViolations(page);
  await screenshotAsIs(page, `review-ask-${login}`);
  await page.getByRole("button", { name: "要求补正", exact: true }).click();
  await expect(page.getByRole("button", { name: "准予", exact: true })).toHaveCount(0);
  await ctx.close();
}

/** What the applicant's inbox says about the case. */
async function inboxTexts(page: Page, trackingNumber: string): Promise<string[]> {
  await page.goto("/inbox");
  return (await page.getByTestId("inbox").locator("li").filter({ hasText: trackingNumber }).allInnerTexts()).map((t) => t.trim());
}

test.describe("one notice", () => {
  test.describe.configure({ timeout: 240_000 });

  test("a restaurant case: two departments ask, one a document and one a question; one notice after both; upload and text answer; the tasks return to the reviewers who asked", async ({
    page,
    browser,
  }) => {
    const { trackingNumber, caseUrl } = await applyForRestaurant(page);
    // The window's acceptance and the other departments' approvals are walked in the browser by
    // parallel-review.spec.ts; here they are the preconditions of the notice, set through the API.
    await acceptByApi(trackingNumber);
    await page.goto(caseUrl);
    const names = (await page.locator('[data-testid^="timeline-"] p.font-semibold').allInnerTexts()).map((n) => n.trim());
    const single = [...new Set(names)].filter((d) => names.filter((n) => n === d).length === 1);
    expect(single.length).toBeGreaterThanOrEqual(2);
    const [first, second] = single;
    const documentAsker = reviewerByDepartment[first ?? ""] ?? "";
    const questionAsker = reviewerByDepartment[second ?? ""] ?? "";
    const rest = [...new Set(names)].filter((d) => d !== first && d !== second);

    await askAs(browser, documentAsker, trackingNumber, { kind: "补交其他文件（申请人上传）", text: leaseRequest, basis: leaseBasis });
    // One department has asked: nothing reaches the applicant yet, on the case page or in the inbox.
    await page.goto(caseUrl);
    await expect(page.getByTestId("notice-history")).toHaveCount(0);
    await expect(page.locator('[data-testid^="timeline-"] [data-status="supplementRequested"]')).toHaveCount(0);
    await expect(page.getByText(leaseRequest)).toHaveCount(0);
    for (const d of rest) await approveByApi(reviewerByDepartment[d] ?? "", trackingNumber);
    expect((await inboxTexts(page, trackingNumber)).filter((t) => t.includes("补正"))).toEqual([]);

    await askAs(browser, questionAsker, trackingNumber, { kind: "请申请人说明（文字答复）", text: question });
    await page.goto(caseUrl);
    await expect(page.locator('[data-status="supplementRequired"]').first()).toBeVisible();
    const notice = page.getByTestId("notice");
    await expect(notice).toHaveCount(1);
    await expect(notice.getByTestId("notice-items").locator(":scope > li")).toHaveCount(2);
    await expect(notice).toContainText(leaseRequest);
    await expect(notice).toContainText(`依据：${leaseBasis}`);
    await expect(notice).toContainText(question);
    await expect(notice).toContainText(first ?? "");
    await expect(notice.getByTestId("notice-deadline")).toContainText("10 个工作日");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "case-notice-open");

    // Exactly one message about material, once the notice exists.
    await expect(async () => {
      expect((await inboxTexts(page, trackingNumber)).filter((t) => t.includes("补正"))).toHaveLength(1);
    }).toPass({ timeout: 20_000 });

    // Sent with nothing answered: each item names what is missing, nothing is sent.
    await page.goto(caseUrl);
    await page.getByRole("button", { name: "提交补正" }).click();
    await expect(page.getByText("请上传这项要求的文件。")).toBeVisible();
    await expect(page.getByText("请填写回答（最多 2000 字）。")).toBeVisible();
    await screenshotAsIs(page, "case-notice-errors");
    await page.reload();
    await expect(page.locator('[data-status="supplementRequired"]').first()).toBeVisible();

    await page.getByLabel("第 1 项：上传文件").setInputFiles({ ...tinyPdf, name: "租赁合同.pdf" });
    await expect(page.getByText("已上传：租赁合同.pdf")).toBeVisible();
    await page.getByLabel("第 2 项：您的答复").fill(answer);
    await page.getByRole("button", { name: "提交补正" }).click();
    await expect(page.locator('[data-status="inReview"]').first()).toBeVisible();
    // The notice stays in the case's history, with the answers.
    await expect(notice.getByTestId("notice-state")).toContainText("补正");
    await expect(notice).toContainText("租赁合同.pdf");
    await expect(notice).toContainText(answer);
    await expect(page.locator('[data-testid^="timeline-"] [data-status="claimed"]')).toHaveCount(2);
    await screenshots(page, "case-notice-answered");

    // Each task is back with the reviewer who asked, claimed: no 认领, the decision at hand, the answer shown.
    for (const [login, text] of [
      [documentAsker, "租赁合同.pdf"],
      [questionAsker, answer],
    ] as const) {
      const ctx = await contextSignedIn(browser, login);
      const staff = await ctx.newPage();
      await staff.goto("/review");
      await staff.getByRole("link", { name: trackingNumber }).first().click();
      await expect(staff.getByRole("button", { name: "准予", exact: true })).toBeVisible();
      await expect(staff.getByRole("button", { name: "认领", exact: true })).toHaveCount(0);
      await expect(staff.getByTestId("notice")).toContainText(text);
      await screenshots(staff, `review-back-${login}`);
      await staff.getByRole("button", { name: "准予", exact: true }).click();
      await expect(staff.getByRole("button", { name: "准予", exact: true })).toHaveCount(0);
      await ctx.close();
    }
    await page.goto(caseUrl);
    await expect(page.locator('[data-status="completed"]').first()).toBeVisible();
    await expect(page.getByTestId("notice")).toContainText(answer);
  });
});
