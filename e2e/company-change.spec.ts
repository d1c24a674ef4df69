import { expect, test } from "@playwright/test";
import { acceptByApi, approveByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, screenshots } from "./helpers";
import { signedInForEnterprise } from "./sessions";

// The demo restaurant company; its seeded licence states an address and a registered capital.
const restaurantCompany = "91130602MA0TB002XR";

test.describe("company change bundle (变更登记“一件事”)", () => {
  // In order, in one worker: the deregistration page would show the change the first test opens as
  // still running if the two ran side by side.
  test.describe.configure({ mode: "default", timeout: 180_000 });

  test("the enterprise changes its address from its licence's particulars; the window accepts, market regulation approves; the new licence has the new address and /verify calls the old one superseded", async ({
    page,
  }) => {
    await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
    await page.goto("/applicant");
    await page.getByRole("link", { name: "变更登记", exact: true }).click();
    await expect(page).toHaveURL(/\/applicant\/change$/);
    await expect(page.getByRole("heading", { name: "企业变更登记“一件事”", level: 1 })).toBeVisible();

    // The particulars come from the licence in the registry, and the form starts from them.
    const particulars = page.getByTestId("licence-particulars");
    await expect(particulars).toContainText("保定市云帆示例餐饮有限公司");
    await expect(particulars).toContainText(restaurantCompany);
    const address = page.getByLabel("住所", { exact: true });
    const oldAddress = await address.inputValue();
    expect(oldAddress).toContain("河北省保定市竞秀区");
    await expect(particulars).toContainText(oldAddress);
    await expect(page.getByLabel("注册资本（万元）")).toHaveValue(/^\d+(\.\d+)?$/);
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "change-form");

    // A change that changes nothing is refused by the server, on the form, and nothing is filed.
    await page.getByLabel(/同意各部门通过共享平台读取/).check();
    await page.getByRole("button", { name: "提交变更申请" }).click();
    await expect(page.getByTestId("change-form-error")).toContainText("没有任何登记事项发生变化");
    await expect(page).toHaveURL(/\/applicant\/change$/);

    // A new address (unique per run), submitted once.
    const newAddress = `河北省保定市竞秀区七一中路 ${Math.floor(Math.random() * 900) + 100} 号`;
    await address.fill(newAddress);
    await page.getByRole("button", { name: "提交变更申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    expect(trackingNumber).toMatch(/^\d{20}$/);
    await expect(page.getByTestId("burden-saved")).toContainText("营业执照");
    const caseUrl = page.url().split("?")[0] ?? "";

    // While it runs, the change page says so instead of offering a second change.
    await page.goto("/applicant/change");
    await expect(page.getByTestId("lifecycle-open")).toContainText(trackingNumber);
    await expect(page.getByTestId("company-change-form")).toHaveCount(0);

    // One window accepts; market regulation decides (the records the enterprise holds carry no address to follow).
    await acceptByApi(trackingNumber);
    await approveByApi("reviewer.market", trackingNumber);
    await page.goto(caseUrl);
    await expect(page.locator('[data-status="completed"]').first()).toBeVisible();

    // The enterprise's certificates: the new licence with the new address, the old one superseded by it.
    await page.goto("/applicant/certificates");
    const list = page.getByTestId("my-certificates");
    const licences = list.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "营业执照", exact: true }) });
    const current = licences.filter({ has: page.locator('[data-testid="certificate-status"][data-status="valid"]') });
    await expect(current).toHaveCount(1);
    await expect(current).toContainText(newAddress);
    const superseded = licences.filter({ has: page.locator('[data-testid="certificate-status"][data-status="superseded"]') }).filter({ hasText: oldAddress });
    await expect(superseded).toHaveCount(1);
    await expect(superseded.getByTestId("certificate-status")).toHaveText("已换发");
    const oldNumber = (await superseded.locator("dd.font-mono").first().innerText()).trim();
    const newNumber = (await current.locator("dd.font-mono").first().innerText()).trim();
    await expect(superseded.getByTestId("superseded-by")).toHaveText(`已由新证照 ${newNumber} 取代`);
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "certificates-after-change");

    // Anyone verifying the old number is told it was superseded, and by which licence.
    await page.goto(`/verify/${oldNumber}`);
    await expect(page.getByTestId("certificate-status")).toHaveText("已换发");
    await expect(page.getByTestId("superseded-by")).toContainText(newNumber);
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "verify-superseded");
    await page.getByTestId("superseded-by").getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/verify/${newNumber}$`));
    await expect(page.getByTestId("certificate-status")).toHaveText("有效");
    await expect(page.getByTestId("signature-status")).toContainText("签名有效");
  });

  test("the deregistration page reads the enterprise from its licence and asks for the reason and the liquidation commitment", async ({ page }) => {
    await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
    await page.goto("/applicant/deregister");
    await expect(page.getByRole("heading", { name: "企业注销“一件事”", level: 1 })).toBeVisible();
    await expect(page.getByLabel("统一社会信用代码")).toHaveValue(restaurantCompany);
    // Without the reason and the commitment nothing is sent.
    await page.getByRole("button", { name: "提交注销申请" }).click();
    await expect(page.getByTestId("error-reason")).toContainText("请填写注销原因");
    await expect(page.getByTestId("error-liquidationCommitment")).toContainText("请确认已依法完成清算");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "deregister-form");
  });
});
