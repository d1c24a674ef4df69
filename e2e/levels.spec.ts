import { expect, test } from "@playwright/test";
import { acceptByApi } from "./api";
import { decideAs, demoPeople, expectNoSeriousAxeViolations, fillApplyForm, screenshotAsIs, screenshots } from "./helpers";
import { contextSignedIn, signedIn, signedInForEnterprise } from "./sessions";

// 管辖层级: the food business licence is decided by the market regulation body of the applicant's
// county, else its city, else the province. The demo restaurant is registered in 竞秀区 of Baoding
// (130602), which has no body of its own: the Baoding city bureau decides.
const restaurantCompany = "91130602MA0TB002XR";

test.describe("province, city and county bodies", () => {
  test.describe.configure({ timeout: 180_000 });

  test("a food licence of a Baoding restaurant goes to the Baoding bureau: its reviewer sees and decides it, the provincial one does not see it", async ({
    page,
    browser,
  }) => {
    await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
    await page.goto("/apply/service/foodBusinessLicensing");
    await expect(page).toHaveURL(/key=/);
    await fillApplyForm(page);
    await page.getByLabel(/我同意本次申请使用政府已有/).check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const caseUrl = new URL(page.url()).pathname;
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    await acceptByApi(trackingNumber);

    // The applicant's case page names the body that decides.
    await page.goto(caseUrl);
    const timeline = page.locator('[data-testid^="timeline-"]');
    await expect(timeline.filter({ hasText: "保定市市场监督管理局" })).toHaveCount(1);
    await expect(timeline.filter({ hasText: "河北省市场监督管理局" })).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);

    // The provincial market reviewer's queue does not have it, nor may they read the case.
    const province = await contextSignedIn(browser, "reviewer.market");
    const provincePage = await province.newPage();
    await provincePage.goto(`/review?status=all&q=${trackingNumber}`);
    await expect(provincePage.getByRole("link", { name: trackingNumber })).toHaveCount(0);
    const applicationId = caseUrl.split("/").pop() ?? "";
    const read = await provincePage.request.get(`/api/trpc/applications.get?input=${encodeURIComponent(JSON.stringify({ json: { applicationId } }))}`);
    expect(read.status()).toBe(404);
    await province.close();

    // Nor does another body's (Tang County's).
    const tangxian = await contextSignedIn(browser, "reviewer.marketTangxian");
    const tangxianPage = await tangxian.newPage();
    await tangxianPage.goto(`/review?status=all&q=${trackingNumber}`);
    await expect(tangxianPage.getByRole("link", { name: trackingNumber })).toHaveCount(0);
    await tangxian.close();

    // The Baoding bureau's reviewer has it in the queue.
    const baoding = await contextSignedIn(browser, "reviewer.marketBaoding");
    const baodingPage = await baoding.newPage();
    await baodingPage.goto(`/review?q=${trackingNumber}`);
    await expect(baodingPage.getByRole("link", { name: trackingNumber })).toBeVisible();
    await expectNoSeriousAxeViolations(baodingPage);
    await screenshots(baodingPage, "levels-baoding-queue");
    await baoding.close();

    // …and decides it; the licence is issued.
    await decideAs(browser, "reviewer.marketBaoding", trackingNumber, "approve");
    await page.goto(caseUrl);
    await expect(page.getByTestId("certificates")).toContainText("食品经营许可证");
    await screenshots(page, "levels-case");
  });

  test("the data office sees and edits a service's competent level; a rule no body can carry out is refused on its field", async ({ page }) => {
    await signedIn(page, "dataoffice");
    await page.goto("/data-office/catalog?service=foodBusinessLicensing#service-editor");
    const editor = page.getByTestId("service-editor");
    const level = editor.getByLabel("最低办理层级");
    await expect(level).toHaveValue("county");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "levels-catalog-editor");
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL(page.url()).origin }]);
    await page.reload();
    await screenshotAsIs(page.getByTestId("competence-fields"), "levels-competence-en");
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: new URL(page.url()).origin }]);
    await page.reload();

    // Tax has no city or county body in the demo: the rule is refused, naming the department.
    await page.goto("/data-office/catalog?service=newTaxpayerSetup#service-editor");
    await editor.getByLabel("最低办理层级").selectOption("city");
    await editor.getByRole("button", { name: "保存" }).click();
    await expect(editor.getByText(/没有承担“国家税务总局河北省税务局”职能/)).toBeVisible();
    await screenshotAsIs(editor.getByTestId("competence-fields"), "levels-competence-refused-zh-CN");
    await page.setViewportSize({ width: 390, height: 900 });
    await screenshotAsIs(editor.getByTestId("competence-fields"), "levels-competence-refused-zh-CN-phone");
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.reload();
    await expect(page.getByTestId("service-editor").getByLabel("最低办理层级")).toHaveValue("");
  });
});
