import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { acceptByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm, signIn } from "./helpers";
import { contextSignedIn, signedInForEnterprise } from "./sessions";

const tradingCompany = "91130102MA0TB00118";
type TrpcError = { error: { json: { data: { httpStatus: number; fieldErrors: Record<string, string[]> | null } } } };

function trpcPost(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: new URL(page.url()).origin } });
}

/** The head of the Chang'an district market regulation bureau, signed in afresh (no saved session): a context of their own, in a language. */
async function headPage(browser: Browser, locale: "zh-CN" | "en" = "zh-CN", width = 1280): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  // Signed in in Chinese (the form's labels), then switched to the language asked for.
  await signIn(page, "head.marketChangan");
  await expect(page).toHaveURL(/\/review$/);
  if (locale !== "zh-CN") {
    await ctx.addCookies([{ name: "NEXT_LOCALE", value: locale, url: new URL(page.url()).origin }]);
    await page.reload();
  }
  return page;
}

/** Screenshots for the record, only when asked (SHOTS_DIR). */
async function shot(page: Page, name: string, part?: Locator) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  if (part) await part.screenshot({ path: `${dir}/${name}.png` });
  else await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** The head's task page (the operations) and substitutes page, in both languages, on a desktop and at phone width. */
async function screenshots(browser: Browser, taskId: string) {
  if (!process.env.SHOTS_DIR) return;
  for (const locale of ["zh-CN", "en"] as const) {
    for (const width of [1280, 390]) {
      const head = await headPage(browser, locale, width);
      const tag = `${locale === "en" ? "en" : "zh"}-${width === 390 ? "390" : "desktop"}`;
      await head.goto(`/review/tasks/${taskId}`);
      await expect(head.getByTestId("task-operations")).toBeVisible();
      await shot(head, `task-operations-${tag}`, head.getByTestId("task-operations"));
      await head.goto("/review/substitutes");
      await shot(head, `substitutes-${tag}`);
      await head.context().close();
    }
  }
}

test.describe("a department's operations", () => {
  test.describe.configure({ timeout: 180_000 });

  test("the head reassigns an open task to a reviewer of the department, who is told and decides it; bad input is refused on its field", async ({
    page,
    browser,
  }) => {
    // A food business licence for the trading company: a task of the market regulation bureau of
    // Chang'an district, where the company is registered (管辖层级).
    await signedInForEnterprise(page, tradingCompany, demoPeople.zhao);
    await page.goto("/apply/service/foodBusinessLicensing");
    await expect(page).toHaveURL(/key=/);
    await fillApplyForm(page);
    await page.getByLabel(/我同意本次申请使用政府已有/).check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    await acceptByApi(trackingNumber);

    // The head sees the department's tasks with who holds them, and opens this one.
    const head = await headPage(browser);
    await expect(head.getByRole("link", { name: "代岗安排" })).toBeVisible();
    await head.goto(`/review?q=${trackingNumber}`);
    await expect(head.getByTestId(`task-row-${trackingNumber}`)).toContainText("未认领");
    await head.getByRole("link", { name: trackingNumber }).click();
    await expect(head).toHaveURL(/\/review\/tasks\/[0-9a-f-]{36}/);
    const taskId = /\/review\/tasks\/([0-9a-f-]{36})/.exec(head.url())?.[1] ?? "";
    const operations = head.getByTestId("task-operations");
    await expect(operations.getByRole("group", { name: "改派任务（部门负责人）" })).toBeVisible();
    await expectNoSeriousAxeViolations(head);
    await screenshots(browser, taskId);

    // Through HTTP: a reassignment without a reason is a 400 with the error on its field, and nothing moves.
    const bad = await trpcPost(head, "review.reassign", { taskId, version: 1, assigneeId: "00000000-0000-4000-8000-000000000000", reason: "" });
    expect(bad.status()).toBe(400);
    expect(Object.keys(((await bad.json()) as TrpcError).error.json.data.fieldErrors ?? {})).toEqual(["reason"]);
    // In the form: the same, said on the field.
    await operations.getByRole("button", { name: "改派", exact: true }).click();
    await expect(operations.getByText("请写明理由，4 至 500 字。")).toBeVisible();

    await operations.getByLabel("改派给").selectOption({ label: "石家庄市长安区市场监督管理局 审查员" });
    await operations.getByLabel("理由").first().fill("按专业分工，由食品许可岗办理");
    await operations.getByRole("button", { name: "改派", exact: true }).click();
    await expect(head.getByText("已改派，新的承办人已收到通知。")).toBeVisible();
    await expect(head.getByText(/已由 石家庄市长安区市场监督管理局 审查员 于 .* 认领/)).toBeVisible();

    // The head's substitutes page, for the record.
    await head.goto("/review/substitutes");
    await expect(head.getByRole("heading", { name: "代岗安排", level: 1 })).toBeVisible();
    await expectNoSeriousAxeViolations(head);
    await head.context().close();

    // The new assignee is told, finds the task as theirs and decides it.
    const reviewer = await (await contextSignedIn(browser, "reviewer.marketChangan")).newPage();
    // The inbox is filled by the outbox job, a moment after the reassignment.
    await reviewer.goto("/inbox");
    await expect(async () => {
      await reviewer.reload();
      await expect(reviewer.getByText("审查任务已改派给您").first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await reviewer.goto(`/review/tasks/${taskId}`);
    await expect(reviewer.getByText(/由我于 .* 认领/)).toBeVisible();
    await reviewer.getByRole("button", { name: "准予", exact: true }).click();
    await expect(reviewer.getByText("已准予。")).toBeVisible();
    await reviewer.context().close();
  });
});
