import { expect, test, type Page } from "@playwright/test";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm, screenshots, signIn } from "./helpers";
import { contextSignedIn, signedInForEnterprise } from "./sessions";

// The demo restaurant company applies for an environmental impact approval, which the ecology
// department reviews; its reviewer asks for an extension, the department's head approves it.
const restaurantCompany = "91130602MA0TB002XR";

interface TrpcError {
  error: { json: { data: { fieldErrors?: Record<string, string[]> | null } } };
}

function trpcPost(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: new URL(page.url()).origin } });
}

test.describe("clocks the law knows", () => {
  test.describe.configure({ timeout: 240_000 });

  test("a reviewer asks for an extension, the head approves it, the applicant sees the new date and the signed notice", async ({ page, browser }) => {
    await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
    await page.goto("/apply/service/environmentalImpactApproval");
    await expect(page).toHaveURL(/key=/);
    await fillApplyForm(page);
    const consent = page.getByLabel(/我同意本次申请使用政府已有/);
    if (await consent.count()) await consent.check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const caseUrl = new URL(page.url()).pathname;
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();

    const window = await (await contextSignedIn(browser, "clerk")).newPage();
    await window.goto("/window");
    await window.getByRole("link", { name: trackingNumber }).click();
    await window.getByRole("button", { name: "受理", exact: true }).click();
    await expect(window.getByText("已受理。审查任务已分送各相关部门。")).toBeVisible();
    await window.context().close();

    // The applicant sees both limits, in working days and as dates.
    await page.goto(caseUrl);
    const clocks = page.getByTestId("case-clocks");
    await expect(clocks.getByTestId("clock-promised").first()).toContainText(/\d+ 个工作日/);
    // The service's own statutory limit (the catalog's 60 working days for this approval), with its date.
    await expect(clocks.getByTestId("clock-statutory").first()).toContainText(/60 个工作日至 \d{4}年\d{1,2}月\d{1,2}日/);
    const promisedBefore = (await clocks.getByTestId("clock-promised").first().innerText()).trim();

    // The reviewer: the task page shows the clocks and the extension form.
    const reviewContext = await contextSignedIn(browser, "reviewer.ecology");
    const review = await reviewContext.newPage();
    await review.goto(`/review?q=${trackingNumber}`);
    await review.getByRole("link", { name: trackingNumber }).click();
    await expect(review.getByTestId("case-clocks")).toBeVisible();
    const taskId = new URL(review.url()).pathname.split("/").at(-1)!;

    // Bad input through HTTP: beyond the law's 10 days is a 400 with a field error, and nothing is written.
    const bad = await trpcPost(review, "review.clocks.requestExtension", { taskId, days: 11, reason: "需要更多时间审查" });
    expect(bad.status()).toBe(400);
    expect(Object.keys(((await bad.json()) as TrpcError).error.json.data.fieldErrors ?? {})).toEqual(["days"]);
    // A reviewer who is not the head cannot approve anything (answered on the field).
    await review.reload();
    await expect(review.getByTestId("extension-requested")).toHaveCount(0);

    const actions = review.getByTestId("clock-actions");
    await actions.getByLabel("延长工作日数").selectOption("10");
    await actions.getByLabel("延期理由").fill("需组织专家对污染防治设施进行论证");
    await actions.getByRole("button", { name: "提交延期申请" }).click();
    await expect(review.getByText("已提交延期申请，等待部门负责人审批。")).toBeVisible();
    await expect(review.getByTestId("extension-requested")).toBeVisible();
    await expect(review.getByRole("button", { name: "批准延期" })).toHaveCount(0);
    await expectNoSeriousAxeViolations(review);
    // A second request while one waits: the field says why.
    const second = await trpcPost(review, "review.clocks.requestExtension", { taskId, days: 2, reason: "再次申请延期" });
    expect(second.status()).toBe(400);
    expect(Object.keys(((await second.json()) as TrpcError).error.json.data.fieldErrors ?? {})).toEqual(["days"]);
    await screenshots(review, "task-requested");
    await reviewContext.close();

    // The head of the ecology department: the request is on the queue page; approved on the task page.
    const headContext = await browser.newContext();
    const head = await headContext.newPage();
    await signIn(head, "head.ecology");
    await expect(head).toHaveURL(/\/review/);
    const pending = head.getByTestId("pending-extensions").getByRole("listitem").filter({ hasText: trackingNumber });
    await expect(pending).toContainText("需组织专家对污染防治设施进行论证");
    await pending.getByRole("link", { name: "去审批" }).click();
    await expect(head.getByTestId("extension-request")).toContainText("10");
    await expectNoSeriousAxeViolations(head);
    await screenshots(head, "task-head");
    await head.getByRole("button", { name: "批准延期" }).click();
    await expect(head.getByText("已批准延期，已向申请人送达延期办理告知书。")).toBeVisible();
    await expect(head.getByTestId("extension-approved")).toBeVisible();
    await headContext.close();

    // The applicant: the new date, the reason, and the numbered notice, signed, on the case page.
    await page.goto(caseUrl);
    await expect(clocks.getByTestId("extension-approved")).toContainText("延长 10 个工作日");
    await expect(clocks).toContainText("需组织专家对污染防治设施进行论证");
    expect((await clocks.getByTestId("clock-promised").first().innerText()).trim()).not.toBe(promisedBefore);
    await expect(clocks.getByTestId("clock-promised").first()).toContainText("含延期 10 个工作日");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "case-extended");
    await page.getByTestId("case-documents").getByRole("link", { name: "延期办理告知书" }).click();
    await expect(page.getByTestId("document-number")).toHaveText(/^YQ-ecology-\d{4}-\d{6}$/);
    await expect(page.getByTestId("document-reason")).toContainText("需组织专家对污染防治设施进行论证");
    await expect(page.getByTestId("document-extension")).toContainText("延长 10 个工作日");
    await expect(page.getByText("电子签章有效")).toBeVisible();
    await screenshots(page, "extension-notice");

    // The inbox: the reason and the new date. The outbox job fills it a moment after the approval.
    await expect(async () => {
      await page.goto("/inbox");
      await expect(page.getByText("办理时限已依法延长").first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  });
});
