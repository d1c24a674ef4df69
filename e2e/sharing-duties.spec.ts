import { expect, test, type Page } from "@playwright/test";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm, screenshots } from "./helpers";
import { signedIn, signedInForEnterprise } from "./sessions";

// The duties of the 政务数据共享条例 (2025), issue 14 item 7: registry data fills the form, and a
// conditional sharing request is answered within its working days (late ones listed).
const restaurantCompany = "91130602MA0TB002XR";
/** The restaurant's address as its business licence says: the seed's, or the one a company change gave it. */
const restaurantAddress = /^河北省保定市竞秀区\S.*号$/;

function trpcPost(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: new URL(page.url()).origin } });
}

test.describe("duties of the data-sharing regulation", () => {
  test.describe.configure({ timeout: 180_000 });

  test("the restaurant's food licence form shows the address read from its business licence, locked, and the case keeps it", async ({ page }) => {
    await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
    await page.goto("/apply/service/foodBusinessLicensing");
    await expect(page).toHaveURL(/key=/);
    const address = page.getByTestId("registry-businessAddress");
    const input = address.getByLabel("住所（经营场所）");
    // The licence's current address (a company-change journey may have changed it meanwhile).
    await expect(input).toHaveValue(restaurantAddress);
    const registryAddress = await input.inputValue();
    await expect(input).not.toBeEditable();
    await expect(address).toContainText("从登记信息读取，不可修改：营业执照");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "duties-prefilled-address");

    await fillApplyForm(page);
    await expect(input).toHaveValue(registryAddress);
    await page.getByLabel(/我同意本次申请使用政府已有/).check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    await expect(page.getByText(registryAddress).first()).toBeVisible();
  });

  test("a conditional request shows the day its answer is due; the data office has a section for late answers", async ({ page }) => {
    await signedIn(page, "dataoffice");
    await page.goto("/data-office/grants");
    const asked = await trpcPost(page, "sharing.requestGrant", {
      resourceCode: "taxCreditRatings",
      consumerDepartmentCode: "market",
      serviceCodes: ["foodBusinessLicensing"],
      purpose: "《中华人民共和国食品安全法》第三十五条：核对纳税信用（测试）",
    });
    expect([200, 409]).toContain(asked.status());
    await page.reload();
    await expect(page.getByRole("heading", { name: /逾期答复的有条件共享申请/ })).toBeVisible();
    const card = page.locator('[data-grant="taxCreditRatings|market"]').first();
    await expect(card).toHaveAttribute("data-status", "requested");
    await expect(card).toContainText("答复期限");
    await expect(card).toContainText("10 个工作日");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "duties-grants");
  });
});
