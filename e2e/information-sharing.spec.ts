import { expect, test } from "@playwright/test";
import { acceptByApi, approveByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm } from "./helpers";
import { signedIn, signedInForEnterprise } from "./sessions";

// The demo trading company: its business licence is in the registry.
const tradingCompany = "91130102MA0TB00118";

test.describe("information sharing", () => {
  test.describe.configure({ timeout: 180_000 });

  test("a food licence application: the business licence comes from the registry, the reviewer's read shows in the company's data log, the issued licence verifies through its QR link", async ({
    page,
    browser,
  }) => {
    await signedInForEnterprise(page, tradingCompany, demoPeople.zhao);
    await expect(page).toHaveURL(/\/applicant$/);
    await page.goto("/apply/service/foodBusinessLicensing");
    await expect(page).toHaveURL(/key=/);

    // Pre-filled with consent: shown locked as supplied by government, with nothing to upload.
    const licence = page.getByTestId("material-businessLicence");
    await expect(licence.getByTestId("supplied-businessLicence")).toContainText("政府已有");
    await expect(licence.getByTestId("supplied-businessLicence")).toContainText("河北省市场监督管理局");
    await expect(licence.locator('input[type="file"]')).toHaveCount(0);
    await fillApplyForm(page);
    await page.getByLabel(/我同意本次申请使用政府已有/).check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const caseUrl = page.url().split("?")[0] ?? "";
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    await expect(page.getByTestId("burden-saved")).toContainText("营业执照");

    await acceptByApi(trackingNumber);

    // The food licence of a company registered in Chang'an district is decided by the district's
    // market regulation bureau (管辖层级); its reviewer opens the task: the licence is read through
    // the gate, under the provincial department's own-resource basis, whose function it carries out.
    const reviewerContext = await browser.newContext();
    const reviewerPage = await reviewerContext.newPage();
    await signedIn(reviewerPage, "reviewer.marketChangan");
    await reviewerPage.getByRole("link", { name: trackingNumber }).first().click();
    await expect(reviewerPage.getByTestId("material-businessLicence")).toContainText("政府已有");
    await reviewerContext.close();

    // The company sees that read in its data log: which department, for which case, why.
    await page.goto("/applicant/data-log");
    // The reviewer's reads of this case: the licence's entry (the applicant's risk class is read beside it).
    const entry = page.getByTestId("data-log-entry").filter({ hasText: trackingNumber }).filter({ hasText: "审查员" }).filter({ hasText: "营业执照" }).first();
    await expect(entry).toContainText("石家庄市长安区市场监督管理局");
    await expect(entry).toContainText("营业执照");
    await expectNoSeriousAxeViolations(page);

    await approveByApi("reviewer.marketChangan", trackingNumber);

    // The issued food business licence, signed, and its public verification through the QR link.
    await page.goto(caseUrl);
    await expect(page.getByTestId("certificates")).toContainText("食品经营许可证");
    await page.getByTestId("certificates").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/applicant\/certificates\/[0-9a-f-]{36}$/);
    await expect(page.locator("svg[role=img]").first()).toBeVisible();
    const verifyHref = await page.getByTestId("verify-link").getAttribute("href");
    expect(verifyHref).toMatch(/\/verify\/\d{17}\?region=hebei$/);
    await page.goto(new URL(verifyHref ?? "", page.url()).pathname);
    await expect(page.getByTestId("signature-status")).toHaveAttribute("data-valid", "true");
    await expect(page.getByText("食品经营许可证").first()).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
});
