import { expect, test } from "@playwright/test";
import { acceptByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm, screenshots } from "./helpers";
import { contextSignedIn, signedIn, signedInForEnterprise } from "./sessions";

// The demo trading company: its legal representative (赵示例) also represents the made-up
// enterprise on a dishonesty list (石家庄示例建材有限公司), which the demo seeds.
const tradingCompany = "91130102MA0TB00118";
const listedName = "石家庄示例建材有限公司";

test.describe("risk signals and classes", () => {
  test.describe.configure({ timeout: 180_000 });

  test("the data office recomputes and sees a ranked signal with its explanation and evidence, and each enterprise's class with its factors", async ({
    page,
  }) => {
    await signedIn(page, "dataoffice");
    await page.getByRole("link", { name: "信用风险监测" }).click();
    await expect(page).toHaveURL(/\/data-office\/risk$/);
    await expect(page.getByRole("heading", { name: "信用风险监测", level: 1 })).toBeVisible();
    await expect(page.getByRole("note").first()).toContainText("不据此单独作出任何决定");
    await page.getByRole("button", { name: "立即重新计算" }).click();
    await expect(page.getByTestId("risk-recompute-result")).toContainText("已重新计算");

    // The trading company's signal: its legal representative also represents a listed enterprise.
    const signal = page.getByTestId("risk-signals").getByTestId("risk-signal").filter({ hasText: tradingCompany }).filter({ hasText: "关联人涉及失信" });
    await expect(signal).toHaveCount(1);
    await expect(signal).toContainText(`同时是被列入失信名单的${listedName}的法定代表人`);
    // The person by a masked ID number only.
    await expect(signal).toContainText("110105********002X");
    await expect(signal).not.toContainText(demoPeople.zhao);
    await signal.getByText(/^证据/).click();
    await expect(signal.getByTestId("risk-evidence")).toContainText(listedName);
    await expect(signal.getByTestId("risk-evidence")).toContainText("拖欠农民工工资失信联合惩戒对象名单");
    // Ranked: the heavier rules come first, so the listed enterprise's broken commitments are there too.
    await expect(page.getByTestId("risk-signal").filter({ hasText: "多次违背告知承诺" })).toHaveCount(1);

    // Every demo enterprise has a class; the listed one is D with its factors.
    const listedRow = page.getByTestId("risk-class-row").filter({ hasText: listedName });
    await expect(listedRow.getByTestId("risk-class")).toHaveAttribute("data-class", "D");
    await expect(listedRow.getByTestId("risk-factors")).toContainText("列入失信名单");
    await expect(page.locator(`[data-testid="risk-class-row"][data-code="${tradingCompany}"]`).getByTestId("risk-class")).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "risk-data-office");
  });

  test("a reviewer sees the applicant's class and signal on the task page, read through the gate and logged in the applicant's data log", async ({
    page,
    browser,
  }) => {
    await signedInForEnterprise(page, tradingCompany, demoPeople.zhao);
    await page.goto("/apply/service/foodBusinessLicensing");
    await expect(page).toHaveURL(/key=/);
    await fillApplyForm(page);
    await page.getByLabel(/我同意本次申请使用政府已有/).check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    await acceptByApi(trackingNumber);

    // The trading company is registered in Chang'an district: its bureau decides the food licence (管辖层级).
    const market = await contextSignedIn(browser, "reviewer.marketChangan");
    const reviewerPage = await market.newPage();
    await reviewerPage.goto("/review");
    await reviewerPage.getByRole("link", { name: trackingNumber }).first().click();
    const risk = reviewerPage.getByTestId("applicant-risk");
    await expect(risk.getByRole("heading", { name: "信用风险分类与风险信号" })).toBeVisible();
    await expect(risk.getByTestId("risk-class")).toBeVisible();
    await expect(risk.getByRole("note")).toContainText("不据此单独作出任何决定");
    await expect(risk.getByTestId("risk-signal").filter({ hasText: "关联人涉及失信" })).toContainText(listedName);
    await expectNoSeriousAxeViolations(reviewerPage);
    await screenshots(reviewerPage, "risk-task-page");
    await market.close();

    // The company sees the read in its data log.
    await page.goto("/applicant/data-log");
    await expect(
      page.getByTestId("data-log-entry").filter({ hasText: trackingNumber }).filter({ hasText: "企业信用风险分类与风险信号" }).first(),
    ).toContainText("石家庄市长安区市场监督管理局");
  });
});
