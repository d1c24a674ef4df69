import { expect, test, type Browser, type Page } from "@playwright/test";
import { acceptByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm, reviewerByDepartment } from "./helpers";
import { contextSignedIn, signedInForEnterprise } from "./sessions";

// The demo restaurant company, which holds a business licence in the registry.
const restaurantCompany = "91130602MA0TB002XR";

async function applyForRestaurant(page: Page): Promise<{ trackingNumber: string; caseUrl: string }> {
  await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
  await page.goto("/apply/bundle/openRestaurant");
  await expect(page).toHaveURL(/key=/);
  await fillApplyForm(page);
  await page.getByLabel(/我同意本次申请使用政府已有/).check();
  await page.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
  const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
  return { trackingNumber, caseUrl: page.url().split("?")[0] ?? "" };
}

/** The departments on the case's timeline, with how many steps each. */
async function departmentsOnCase(page: Page): Promise<Map<string, number>> {
  const names = await page.locator('[data-testid^="timeline-"] p.font-semibold').allInnerTexts();
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n.trim(), (counts.get(n.trim()) ?? 0) + 1);
  return counts;
}

/** Opens the document of that title from the case page's list and returns its page. */
async function openDocument(page: Page, title: string) {
  await page.getByTestId("case-documents").getByRole("link", { name: title }).click();
  await expect(page.getByTestId("printable-document")).toBeVisible();
}

async function denyAs(browser: Browser, login: string, trackingNumber: string, otherDepartments: string[]) {
  const ctx = await contextSignedIn(browser, login);
  const page = await ctx.newPage();
  await page.goto("/review");
  await page.getByRole("link", { name: trackingNumber }).first().click();
  await expect(page).toHaveURL(/\/review\/tasks\/[0-9a-f-]{36}$/);
  const taskUrl = page.url();
  await page.getByRole("button", { name: "认领", exact: true }).click();
  // Claimed once the page shows it (the forms start afresh on the new version).
  await expect(page.getByRole("button", { name: "认领", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "不予许可", exact: true })).toBeVisible();

  // The confirmation names every step the denial would end, with its department.
  const cancels = page.getByTestId("deny-cancels");
  await expect(cancels.locator("li")).toHaveCount(3);
  for (const d of otherDepartments) await expect(cancels).toContainText(d);
  await expectNoSeriousAxeViolations(page);

  // No reason: a field error. A reason but no confirmation: a field error; nothing is decided.
  await page.getByRole("button", { name: "不予许可", exact: true }).click();
  await expect(page.getByTestId("deny-confirmed-error")).toBeVisible();
  await page.getByLabel("不予许可的理由").fill("经营场所与住宅楼相连，不符合《食品经营许可管理办法》规定的场所条件");
  await page.getByRole("button", { name: "不予许可", exact: true }).click();
  await expect(page.getByTestId("deny-confirmed-error")).toContainText("请先勾选确认");
  await page.goto(taskUrl);
  await expect(page.getByRole("button", { name: "不予许可", exact: true })).toBeVisible();

  // Confirmed with the keyboard: focus the checkbox, Space ticks it, Enter is not needed.
  await page.getByLabel("不予许可的理由").fill("经营场所与住宅楼相连，不符合《食品经营许可管理办法》规定的场所条件");
  await page.getByLabel("我已核对以上内容，确认不予许可").focus();
  await page.keyboard.press("Space");
  await expect(page.getByLabel("我已核对以上内容，确认不予许可")).toBeChecked();
  await page.getByRole("button", { name: "不予许可", exact: true }).click();
  await expect(page.getByText("已作出不予许可决定。")).toBeVisible();
  await ctx.close();
}

test.describe("notices with legal weight", () => {
  test.describe.configure({ timeout: 180_000 });

  test("a denial, confirmed after naming what it cancels, gives a 决定书 with the remedies that verifies through its QR page", async ({ page, browser }) => {
    const { trackingNumber, caseUrl } = await applyForRestaurant(page);
    await acceptByApi(trackingNumber);

    // The acceptance gave a 受理通知书, listed for the applicant.
    await page.goto(caseUrl);
    await expect(page.getByTestId("case-documents")).toContainText("受理通知书");

    const departments = await departmentsOnCase(page);
    const [denying] = [...departments.entries()].find(([, n]) => n === 1) ?? [];
    expect(denying).toBeTruthy();
    const others = [...departments.keys()].filter((d) => d !== denying);
    await denyAs(browser, reviewerByDepartment[denying ?? ""] ?? "", trackingNumber, others);

    await page.goto(caseUrl);
    await expect(page.locator('[data-status="denied"]').first()).toBeVisible();
    await openDocument(page, "不予行政许可决定书");
    await expect(page.getByTestId("document-reason")).toContainText("经营场所与住宅楼相连");
    await expect(page.getByTestId("document-steps").locator("li")).toHaveCount(3);
    await expect(page.getByTestId("document-remedies")).toContainText("60 日内");
    await expect(page.getByTestId("document-remedies")).toContainText("6 个月内");
    await expect(page.getByTestId("document-remedies")).toContainText("人民法院");
    await expect(page.getByTestId("document-signature")).toContainText("电子签章有效");
    await expect(page.getByTestId("document-qr").locator("svg")).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    const number = (await page.getByTestId("document-number").innerText()).trim();
    expect(number).toMatch(/^BYXK-[A-Za-z]+-\d{4}-\d{6}$/);
    const fingerprint = (await page.getByTestId("document-signature").locator(".font-mono").innerText()).trim();
    const verifyUrl = (await page.getByTestId("document-verify-link").getAttribute("href")) ?? "";
    expect(verifyUrl).toContain(`/verify/documents/${number}`);

    // Anyone who scans the QR code: no session needed.
    const anonymous = await browser.newContext();
    const pub = await anonymous.newPage();
    await pub.goto(new URL(verifyUrl).pathname);
    await expect(pub.getByTestId("document-verified")).toContainText("核验通过");
    await expect(pub.getByTestId("document-verification")).toContainText("不予行政许可决定书");
    await expect(pub.getByTestId("verified-fingerprint")).toHaveText(fingerprint);
    await expectNoSeriousAxeViolations(pub);

    // Typed into /verify, the number goes to the same page; a malformed one gets a field error.
    await pub.goto(`/verify?number=${number}`);
    await expect(pub).toHaveURL(new RegExp(`/verify/documents/${number}$`));
    await pub.goto("/verify/documents/BYXK-market-2026-12");
    await expect(pub.getByTestId("error-document-number")).toContainText("文书编号格式不对");
    await pub.goto("/verify/documents/BYXK-market-2026-999999");
    await expect(pub.getByTestId("document-not-found")).toBeVisible();

    // 双公示: the data office publishes now (the job would within five minutes); the public finds
    // the denial by the company's credit code, and the open-data file has it too.
    const office = await contextSignedIn(browser, "dataoffice");
    const officePage = await office.newPage();
    await officePage.goto("/data-office/disclosure");
    await officePage.getByRole("button", { name: "立即公示待公示的决定" }).click();
    await expect(officePage.getByTestId("publish-now-result")).toContainText("本次公示");
    await office.close();
    await pub.goto(`/disclosure?code=${restaurantCompany}`);
    const record = pub.getByTestId("disclosure-records").locator("li").filter({ hasText: number });
    await expect(record).toContainText("不予许可");
    await expect(record).toContainText("保定市云帆示例餐饮有限公司");
    const open = await pub.request.get(`/api/open/disclosures.json?code=${restaurantCompany}&pageSize=100`);
    expect(open.status()).toBe(200);
    const body = (await open.json()) as { rows: Array<{ decisionNumber: string; kind: string; counterpartCode: string }> };
    expect(body.rows).toContainEqual(expect.objectContaining({ decisionNumber: number, kind: "denial", counterpartCode: restaurantCompany }));
    await anonymous.close();
  });

  test("not accepting at the window: a reason and a confirmation, then a 不予受理决定书 listed for the clerk and the applicant", async ({ page, browser }) => {
    const { trackingNumber, caseUrl } = await applyForRestaurant(page);
    const ctx = await contextSignedIn(browser, "clerk");
    const window = await ctx.newPage();
    await window.goto("/window");
    await window.getByRole("link", { name: trackingNumber }).click();
    const refuse = window.getByTestId("refuse-confirmation");
    await expect(refuse).toContainText(trackingNumber);
    await window.getByLabel("不予受理的理由").fill("申请事项依法不属于本机关职权范围");
    await window.getByRole("button", { name: "不予受理", exact: true }).click();
    await expect(window.getByTestId("refuse-confirmed-error")).toBeVisible();
    await window.reload();
    await expect(window.getByRole("button", { name: "不予受理", exact: true })).toBeVisible();

    await window.getByLabel("不予受理的理由").fill("申请事项依法不属于本机关职权范围");
    await window.getByLabel("我已核对以上内容，确认不予受理").check();
    await window.getByRole("button", { name: "不予受理", exact: true }).click();
    await expect(window.getByText("已作出不予受理决定，并已告知申请人。")).toBeVisible();
    await window.reload();
    await expect(window.getByTestId("case-documents")).toContainText("不予受理决定书");
    await ctx.close();

    await page.goto(caseUrl);
    await openDocument(page, "不予受理决定书");
    await expect(page.getByTestId("document-reason")).toContainText("不属于本机关职权范围");
    await expect(page.getByTestId("document-remedies")).toContainText("行政复议");
  });
});
