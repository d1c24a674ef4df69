import { expect, test } from "@playwright/test";
import { acceptByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm, reviewerByDepartment, screenshotAsIs, screenshots } from "./helpers";
import { contextSignedIn, signedInForEnterprise } from "./sessions";

// Issue 14 item 7: consent per certificate and purpose, withdrawable and checked by the gate on
// the reviewer's read; objections to wrong shared data in the portal, decided by the source department.
const restaurantCompany = "91130602MA0TB002XR";

test.describe("consent and objections", () => {
  test.describe.configure({ timeout: 480_000 });

  test("the restaurant withdraws its consent: the reviewer sees the refusal as information; it objects to its licence's business scope and market supervision corrects it", async ({
    page,
    browser,
  }) => {
    // Apply: the consent step lists each certificate to be read and what for.
    await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
    await page.goto("/apply/service/foodBusinessLicensing");
    await expect(page).toHaveURL(/key=/);
    await fillApplyForm(page);
    await expect(page.getByTestId("consent-certificates")).toContainText("营业执照：用于本次申请的受理和审查");
    await page.getByLabel(/我同意本次申请使用政府已有/).check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    const caseUrl = page.url().split("?")[0] ?? "";
    await acceptByApi(trackingNumber);

    // Withdraw the consent to the business licence for this case.
    await page.goto("/applicant/data-log");
    const consent = page.getByTestId("consent").filter({ hasText: trackingNumber }).filter({ hasText: "营业执照" });
    await expect(consent).toHaveAttribute("data-state", "given");
    await expect(consent).toContainText("您的授权（可撤回）");
    await consent.getByRole("button", { name: /撤回授权/ }).click();
    await consent.getByRole("button", { name: /确定撤回/ }).click();
    await expect(consent).toHaveAttribute("data-state", "withdrawn");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "consents-data-log");

    // The reviewer of the body the case was routed to sees the refusal as information, with what to do.
    await page.goto(caseUrl);
    const departments = (await page.locator('[data-testid^="timeline-"] p.font-semibold').allInnerTexts()).map((n) => n.trim());
    const login = departments.map((d) => reviewerByDepartment[d]).find(Boolean);
    expect(login).toBeTruthy();
    const ctx = await contextSignedIn(browser, login!);
    const reviewerPage = await ctx.newPage();
    await reviewerPage.goto("/review");
    await reviewerPage.getByRole("link", { name: trackingNumber }).first().click();
    const withdrawn = reviewerPage.getByTestId("material-businessLicence").getByTestId("consent-withdrawn");
    await expect(withdrawn).toContainText("申请人已撤回对本办件读取该证照的授权");
    await expect(withdrawn).toContainText("补正要求");
    await expect(reviewerPage.getByTestId("material-businessLicence").getByTestId("certificate-refused")).toHaveCount(0);
    await expectNoSeriousAxeViolations(reviewerPage);
    await screenshots(reviewerPage, "consents-reviewer");
    await screenshotAsIs(reviewerPage.getByTestId("material-businessLicence"), "consents-reviewer-material");
    await ctx.close();

    // Object to the business scope on the licence.
    await page.goto("/applicant/certificates");
    await page
      .getByRole("link", { name: /营业执照/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/applicant\/certificates\/[0-9a-f-]{36}$/);
    const licenceUrl = page.url();
    const number = (await page.locator('[data-testid^="objection-"]').first().getAttribute("data-testid"))?.replace("objection-", "") ?? "";
    const scope = `餐饮服务；食品销售（e2e ${Date.now().toString(36)}）`;
    await page.locator("summary", { hasText: "数据有误，提出异议" }).click();
    // Bad input first: too short a claim is refused on its field, nothing sent.
    await page.getByLabel("有误的数据项").selectOption({ label: "经营范围" });
    await page.getByLabel("哪里有误").fill("错");
    await page.getByRole("button", { name: "提交异议" }).click();
    await expect(page.getByText(/至少|4 至/).first()).toBeVisible();
    await page.getByLabel("哪里有误").fill("经营范围漏登了食品销售");
    await page.getByLabel("应当是（选填）").fill(scope);
    await screenshotAsIs(page, "objection-form");
    await page.getByRole("button", { name: "提交异议" }).click();
    // Filed; or, on a database a run before left it in, the same field's objection is still open.
    await expect(page.getByText(/异议已提交|该数据项已有待核实的异议/).first()).toBeVisible();
    await page.goto(licenceUrl);
    await screenshots(page, "objection-certificate");

    // Market supervision (the licence's issuer) corrects it: a new version, the old one kept.
    const market = await contextSignedIn(browser, "reviewer.market");
    const marketPage = await market.newPage();
    await marketPage.goto("/review/data-sharing");
    const open = marketPage
      .locator('[data-testid="objection"][data-status="open"]')
      .filter({ hasText: "经营范围漏登了食品销售" })
      .filter({ hasText: number })
      .first();
    await expect(open).toHaveAttribute("data-status", "open");
    await expect(open).toContainText("10 个工作日");
    await expectNoSeriousAxeViolations(marketPage);
    await screenshots(marketPage, "objections-department");
    await open.getByRole("textbox", { name: "更正后的值" }).fill(scope);
    await open.getByRole("textbox", { name: "更正说明" }).fill("经核实登记档案，经营范围漏录食品销售，已更正。");
    await open.getByRole("button", { name: "更正并换发" }).click();
    await expect(
      marketPage.locator('[data-testid="objection"][data-status="corrected"]').filter({ hasText: "经营范围漏登了食品销售" }).filter({ hasText: number }),
    ).not.toHaveCount(0);
    await market.close();

    // The holder sees the answer, the new number, and each step in the data log.
    await page.goto("/applicant/data-log");
    const mine = page.getByTestId("my-objections").locator('[data-testid="objection"][data-status="corrected"]').filter({ hasText: number }).first();
    await expect(mine.getByTestId("objection-corrected")).not.toHaveText(number);
    await expect(page.getByTestId("data-log")).toContainText("数据异议已更正");
    await expect(page.getByTestId("data-log")).toContainText("提出数据异议");
    await screenshots(page, "objections-holder");
  });
});
