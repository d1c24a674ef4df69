import { expect, test, type Page } from "@playwright/test";
import { acceptByApi, approveByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm, tinyPdf, screenshots } from "./helpers";
import { signedInForEnterprise } from "./sessions";

// The demo restaurant company, which holds a business licence in the registry.
const restaurantCompany = "91130602MA0TB002XR";

type TrpcError = { error: { json: { data: { httpStatus: number; fieldErrors: Record<string, string[]> | null } } } };

/** A raw POST to a tRPC mutation with the page's session, from the portal's own origin (as a browser's). */
function trpcPost(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: new URL(page.url()).origin } });
}

/** The form's data and files, once the situations are answered (the helper's fill, without its answers). */
async function fillDataAndFiles(page: Page) {
  const data = page.getByTestId("apply-data");
  for (const input of await data.locator('input[type="text"]:not([readonly])').all()) {
    await input.fill((await input.getAttribute("inputmode")) === "decimal" ? "120" : "保定市竞秀区示例路 1 号");
  }
  for (const select of await data.locator("select").all()) {
    const value = await select.locator("option").nth(1).getAttribute("value");
    if (value) await select.selectOption(value);
  }
  for (const file of await page.locator('input[type="file"]').all()) await file.setInputFiles(tinyPdf);
  await expect(page.locator('[data-testid^="uploaded-"]')).toHaveCount(await page.locator('input[type="file"]').count());
}

test.describe("办理情形 and staged materials", () => {
  test.describe.configure({ timeout: 180_000 });

  test("the guide asks the situation questions; the form asks only the materials that apply; a tampered submission is refused on the missing field", async ({
    page,
  }) => {
    // The public guide: the questions, and each material saying when it applies (no script needed).
    await page.goto("/guides/foodBusinessLicensing");
    await expect(page.getByRole("heading", { name: "办理情形" })).toBeVisible();
    const situations = page.getByTestId("guide-situations");
    await expect(situations.getByRole("group", { name: "申请人类型" })).toBeVisible();
    await expect(page.getByTestId("applies-when-foodSafetyRules")).toHaveText("适用情形：申请人类型：公司");
    await expect(page.locator('table [data-material="foodSafetyRules"]')).toHaveCount(1);
    await expectNoSeriousAxeViolations(page);
    await situations.getByLabel("个体工商户").check();
    await situations.getByLabel("现有店铺（布局、流程不变）").check();
    await situations.getByRole("button", { name: "查看适用材料" }).click();
    await expect(page).toHaveURL(/applicantType=individual/);
    await expect(page.getByTestId("situations-filtered")).toContainText("3 项材料不适用");
    await expect(page.locator('table [data-material="foodSafetyRules"]')).toHaveCount(0);
    await expect(page.locator('table [data-material="premisesFloorPlan"]')).toHaveCount(0);
    await expect(page.locator('table [data-material="diningArea"]')).toHaveCount(1);
    await screenshots(page, "guide-situations");

    // The restaurant bundle's form: the questions first, then only what the situation needs.
    await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
    await page.goto("/apply/bundle/openRestaurant");
    await expect(page).toHaveURL(/key=/);
    const asked = page.getByTestId("apply-situations");
    await expect(asked.getByRole("group", { name: /申请人类型/ })).toBeVisible();
    await expect(page.getByTestId("material-foodSafetyRules")).toBeVisible();
    await expect(page.getByTestId("material-propertyOwnerConsent")).toBeVisible();
    await asked.getByLabel("个体工商户").check();
    await asked.getByLabel("现有店铺（布局、流程不变）").check();
    await asked.getByLabel("本单位所有的建筑物").check();
    await expect(page.getByTestId("material-foodSafetyRules")).toHaveCount(0);
    await expect(page.getByTestId("material-propertyOwnerConsent")).toHaveCount(0);
    await expect(page.getByLabel(/食品安全管理人员姓名/)).toHaveCount(0);
    // The fire inspection needs the floor plan whatever the shop: it stays.
    await expect(page.getByTestId("material-premisesFloorPlan")).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "apply-situations");
    // The screenshots reload the page (a fresh form): answer again.
    await asked.getByLabel("个体工商户").check();
    await asked.getByLabel("现有店铺（布局、流程不变）").check();
    await asked.getByLabel("本单位所有的建筑物").check();
    await fillDataAndFiles(page);
    await page.getByLabel(/我同意本次申请使用政府已有/).check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    // The case page shows the situations by their labels, never their codes.
    await expect(page.getByTestId("case-situations")).toContainText("申请人类型：个体工商户");
    await expect(page.getByTestId("case-situations")).toContainText("招牌所在建筑物：本单位所有的建筑物");
    await expect(page.locator("main")).not.toContainText("individual");
    await expect(page.locator("main")).not.toContainText("ownBuilding");
    await screenshots(page, "case-situations");

    // A tampered submission: it answers "company" but leaves out what a company must give. The
    // server derives the materials from the answers and refuses it on the missing fields.
    const key = crypto.randomUUID();
    const response = await trpcPost(page, "applications.submit", {
      subject: { kind: "bundle", code: "openRestaurant" },
      idempotencyKey: key,
      situations: { applicantType: "company", premises: "newShop", signboardBuilding: "ownBuilding" },
      formData: {},
      materials: {},
      consent: true,
    });
    expect(response.status()).toBe(400);
    const fields = ((await response.json()) as TrpcError).error.json.data.fieldErrors ?? {};
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(["materials.foodSafetyRules", "formData.foodSafetyManager"]));
    // An answer the question does not have is refused on the question.
    const unknown = await trpcPost(page, "applications.submit", {
      subject: { kind: "bundle", code: "openRestaurant" },
      idempotencyKey: crypto.randomUUID(),
      situations: { applicantType: "castle", premises: "newShop", signboardBuilding: "ownBuilding" },
      consent: true,
    });
    expect(((await unknown.json()) as TrpcError).error.json.data.fieldErrors).toEqual({ "situations.applicantType": ["请从所列选项中选择一项。"] });
  });

  test("a construction project asks the first stage at submission; the next stage waits for its materials, uploaded on the case page", async ({ page }) => {
    await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
    await page.goto("/apply/bundle/constructionProject");
    await expect(page).toHaveURL(/key=/);
    await expect(page.getByTestId("later-stages")).toBeVisible();
    // Completion documents are not asked at submission.
    await expect(page.getByTestId("material-completionReport")).toHaveCount(0);
    await expect(page.getByTestId("material-architecturalDesign")).toHaveCount(0);
    await fillApplyForm(page);
    const consent = page.getByLabel(/我同意本次申请使用政府已有/);
    if (await consent.count()) await consent.check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    const caseUrl = page.url().split("?")[0] ?? "";

    await acceptByApi(trackingNumber);
    await approveByApi("reviewer.naturalResources", trackingNumber);
    await approveByApi("reviewer.ecology", trackingNumber);

    // The second stage is ready: its step waits for the applicant, who is told in the inbox.
    await page.goto(caseUrl);
    await expect(page.getByTestId("stage-materials")).toBeVisible();
    await expect(page.getByTestId("awaiting-materials-engineeringPlanning")).toHaveText("等待申请人提供本阶段材料");
    await expect(page.getByTestId("stage-material-architecturalDesign")).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "case-stage-materials");
    const stage = page.getByTestId("stage-materials");
    // Sent without the design: refused on its field, nothing opens.
    await stage.getByLabel(/总建筑面积/).fill("12000");
    await stage.getByRole("button", { name: "提交本阶段材料" }).click();
    await expect(page.getByTestId("error-materials.architecturalDesign")).toBeVisible();
    await stage.getByLabel(/上传.*建设工程设计方案/).setInputFiles(tinyPdf);
    await expect(page.getByTestId("stage-uploaded-architecturalDesign")).toBeVisible();
    await stage.getByRole("button", { name: "提交本阶段材料" }).click();
    await expect(page.getByTestId("stage-materials")).toHaveCount(0);
    await expect(page.getByTestId("awaiting-materials-engineeringPlanning")).toHaveCount(0);

    // The inbox is filled by the outbox job, a moment after the decision.
    await expect(async () => {
      await page.goto("/inbox");
      await expect(page.getByTestId("inbox").locator("li").filter({ hasText: trackingNumber }).filter({ hasText: "请上传下一阶段材料" })).toHaveCount(1, {
        timeout: 1000,
      });
    }).toPass({ timeout: 60_000 });

    // The planning department now has the task and decides it; the third stage then waits in turn.
    await approveByApi("reviewer.naturalResources", trackingNumber);
    await page.goto(caseUrl);
    await expect(page.getByTestId("awaiting-materials-constructionPermit")).toBeVisible();
    await expect(page.getByTestId("stage-material-constructionDrawings")).toBeVisible();
  });
});
