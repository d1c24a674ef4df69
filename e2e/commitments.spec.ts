import { expect, test, type Page } from "@playwright/test";
import { acceptByApi, approveByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, screenshotAsIs, screenshots, tinyPdf } from "./helpers";
import { contextSignedIn, signedIn, signedInForEnterprise } from "./sessions";

// The demo restaurant company, which holds a business licence in the registry.
const restaurantCompany = "91130602MA0TB002XR";

type TrpcError = { error: { json: { data: { httpStatus: number; fieldErrors: Record<string, string[]> | null } } } };

/** A raw POST to a tRPC mutation with the page's session, from the portal's own origin (as a browser's). */
function trpcPost(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: new URL(page.url()).origin } });
}

test.describe("commitment instead of proof (告知承诺)", () => {
  test.describe.configure({ timeout: 240_000 });

  test("an applicant commits instead of a document; approved; the verifying department fails it: the permit is revoked, the case and credit pages say so, and the next commitment is refused", async ({
    page,
    browser,
  }) => {
    // The guide says which material a commitment may replace, and how it is checked.
    await page.goto("/guides/outdoorSignboardPermit");
    await expect(page.getByTestId("commitment-propertyOwnerConsent")).toContainText("可以承诺代替");

    // The restaurant applies for a signboard permit, committing instead of the owner's consent.
    await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
    await page.goto("/apply/service/outdoorSignboardPermit");
    await expect(page).toHaveURL(/key=/);
    await page.getByTestId("situation-signboardBuilding").getByLabel("他人所有的建筑物（如租赁的店面）").check();
    const data = page.getByTestId("apply-data");
    for (const input of await data.locator('input[type="text"]:not([readonly])').all()) {
      await input.fill((await input.getAttribute("inputmode")) === "decimal" ? "6" : "保定市竞秀区示例路 1 号 云帆餐饮");
    }
    await page.getByTestId("material-signboardDesign").locator('input[type="file"]').setInputFiles(tinyPdf);
    await expect(page.getByTestId("uploaded-signboardDesign")).toBeVisible();
    const commitment = page.getByTestId("commitment-propertyOwnerConsent");
    await expect(commitment).toContainText("产权人的书面同意");
    await commitment.getByLabel("本人已阅读告知书，承诺所述属实，以承诺代替提交该材料").check();
    await expectNoSeriousAxeViolations(page);
    await screenshotAsIs(page, "commitment-apply-form");
    await page.getByLabel("我同意本次申请使用政府已有的上述证照信息，并知悉每次读取都会记录在案。").check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page.getByTestId("submitted-receipt")).toBeVisible();
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    const caseUrl = page.url().replace(/\?.*$/, "");
    await expect(page.getByTestId("answer-propertyOwnerConsent")).toHaveText("以承诺代替");
    await expect(page.getByTestId("case-verifications")).toContainText("批准后开始核查");

    // Accepted at the window and approved by housing: a verification task opens for housing.
    await acceptByApi(trackingNumber);
    await approveByApi("reviewer.housing", trackingNumber);
    await page.goto(caseUrl);
    await expect(page.getByTestId("verification-status-propertyOwnerConsent")).toHaveText("待核查");
    const number = (await page.getByTestId("certificates").locator(".font-mono").first().innerText()).trim();
    await page.goto(`/verify/${number}`);
    await expect(page.getByTestId("certificate-status")).toHaveText("有效");

    // Housing checks: the owner never agreed. It records the failure with its finding.
    const housing = await contextSignedIn(browser, "reviewer.housing");
    const staff = await housing.newPage();
    await staff.goto("/review");
    await staff.getByRole("link", { name: "告知承诺核查" }).click();
    await expect(staff.getByRole("heading", { name: "告知承诺核查", level: 1 })).toBeVisible();
    const task = staff.getByRole("listitem").filter({ hasText: trackingNumber });
    await expect(task).toContainText("待核查");
    await expectNoSeriousAxeViolations(staff);
    await screenshots(staff, "commitment-verifications");
    await task.getByLabel("核查结果").selectOption({ label: "核查不通过（承诺不实）" });
    await task.getByLabel("核查发现").fill("经与不动产登记数据比对并现场核查，建筑物产权人未同意设置招牌。");
    await task.getByRole("button", { name: "记录核查结果" }).click();
    await expect(staff.getByRole("listitem").filter({ hasText: trackingNumber })).toContainText("核查不通过");
    await housing.close();

    // The applicant: the case says the verification failed, the permit is revoked, the credit page has the record.
    await page.goto(caseUrl);
    await expect(page.getByTestId("verification-status-propertyOwnerConsent")).toHaveText("核查不通过");
    await expect(page.getByTestId(`certificate-status-${number}`)).toHaveText("已撤销");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "commitment-case");
    await page.goto(`/verify/${number}`);
    await expect(page.getByTestId("certificate-status")).toHaveText("已撤销");
    await page.goto("/applicant/credit");
    await expect(page.getByTestId("credit-record").filter({ hasText: "违背告知承诺" })).toContainText(trackingNumber);

    // The form now says the applicant cannot commit; a tampered POST doing it anyway is a 400 on
    // the field (excluded), and so is a commitment for a material the catalog does not allow one.
    await page.goto("/apply/service/outdoorSignboardPermit");
    await expect(page.getByTestId("commitment-excluded-propertyOwnerConsent")).toContainText("违背承诺");
    const response = await trpcPost(page, "applications.submit", {
      subject: { kind: "service", code: "outdoorSignboardPermit" },
      idempotencyKey: crypto.randomUUID(),
      situations: { signboardBuilding: "othersBuilding" },
      formData: { businessAddress: "保定市竞秀区示例路 1 号", signboardText: "云帆餐饮", signboardSize: "6" },
      materials: { propertyOwnerConsent: { kind: "commitment", accepted: true }, signboardDesign: { kind: "commitment", accepted: true } },
      consent: true,
    });
    expect(response.status()).toBe(400);
    const body = (await response.json()) as TrpcError;
    expect(body.error.json.data.fieldErrors?.["materials.propertyOwnerConsent"]?.[0]).toContain("违背承诺");
    expect(body.error.json.data.fieldErrors?.["materials.signboardDesign"]?.[0]).toContain("不能以承诺代替");
  });

  test("the data office sees and edits a material's commitment with its notice and verification rule; an incomplete rule is refused on its fields", async ({
    page,
  }) => {
    await signedIn(page, "dataoffice");
    await page.goto("/data-office/catalog?service=outdoorSignboardPermit#service-editor");
    const editor = page.getByTestId("materials-editor");
    await editor.locator("summary").filter({ hasText: "建筑物所有权人同意设置的证明" }).click();
    const material = page.getByRole("form", { name: "编辑材料：建筑物所有权人同意设置的证明" });
    await expect(material.getByLabel("可以告知承诺代替（告知承诺制）")).toBeChecked();
    await expect(material.getByLabel("核查部门")).toHaveValue("housing");
    await expect(material.getByLabel("核查期限（批准后工作日）")).toHaveValue("10");
    await expect(material.getByLabel("告知书（中文）：承诺的内容，以及虚假承诺的法律后果")).toHaveValue(/产权人的书面同意/);
    await expectNoSeriousAxeViolations(page);
    await screenshotAsIs(material, "commitment-material-editor");
    // Another material made committable without its rule: refused on the missing fields, nothing saved.
    await editor.locator("summary").filter({ hasText: "招牌设计效果图" }).click();
    const design = page.getByRole("form", { name: "编辑材料：招牌设计效果图" });
    await design.getByLabel("可以告知承诺代替（告知承诺制）").check();
    await design.getByRole("button", { name: "保存材料" }).click();
    await expect(design.getByTestId("error-commitmentNoticeZh")).toBeVisible();
    await expect(design.getByTestId("error-commitmentDepartment")).toBeVisible();
  });
});
