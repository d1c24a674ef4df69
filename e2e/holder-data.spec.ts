import { expect, test } from "@playwright/test";
import { demoPeople, expectNoSeriousAxeViolations } from "./helpers";
import { signedIn, signedInForEnterprise } from "./sessions";

// The demo trading company: government issued it a business licence (seeded).
const tradingCompany = "91130102MA0TB00118";
const citizen = "11010519491231002X";

test.describe("the holder's certificates and data log", () => {
  test("an enterprise prints its business licence, the QR link verifies it, and the public read shows in its data log where it can question it", async ({
    page,
  }) => {
    await signedInForEnterprise(page, tradingCompany, demoPeople.zhao);
    await expect(page).toHaveURL(/\/applicant$/);

    // 我的证照: the seeded business licence, valid.
    await page.getByRole("link", { name: "我的证照" }).click();
    await expect(page).toHaveURL(/\/applicant\/certificates$/);
    await expect(page.getByRole("heading", { name: "我的证照", level: 1 })).toBeVisible();
    const licence = page
      .getByTestId("my-certificates")
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "营业执照" }) })
      .first();
    await expect(licence).toContainText("河北省市场监督管理局");
    await expect(licence.getByTestId("certificate-status")).toHaveText("有效");
    await expectNoSeriousAxeViolations(page);

    // The printable certificate: facts, fields with readable labels, and a QR code of the verification page.
    await licence.getByRole("link", { name: /查看和打印/ }).click();
    await expect(page).toHaveURL(/\/applicant\/certificates\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "营业执照", level: 1 })).toBeVisible();
    const card = page.getByTestId("printable-certificate");
    await expect(card).toContainText("石家庄通办示范商贸有限公司");
    await expect(card).toContainText(tradingCompany);
    await expect(page.getByTestId("certificate-fields")).toContainText("法定代表人");
    await expect(page.getByTestId("certificate-fields")).toContainText("赵示例");
    await expect(page.getByRole("img", { name: /核验二维码/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "打印" })).toBeVisible();
    const number = (await page.getByTestId("certificate-number").innerText()).trim();
    expect(number).toMatch(/^\d{17}$/);
    const verifyLink = page.getByTestId("verify-link");
    const href = (await verifyLink.getAttribute("href")) ?? "";
    expect(href).toMatch(new RegExp(`^https?://[^/]+/verify/${number}\\?region=hebei$`));
    await expect(verifyLink).toHaveText(href);
    await expectNoSeriousAxeViolations(page);

    // The QR's link: the public verification page, with a valid signature of the issuer.
    await page.goto(new URL(href).pathname);
    await expect(page).toHaveURL(new RegExp(`/verify/${number}$`));
    await expect(page.getByRole("heading", { name: "证照核验", level: 1 })).toBeVisible();
    const signature = page.getByTestId("signature-status");
    await expect(signature).toHaveAttribute("data-valid", "true");
    await expect(signature).toHaveText(/签名有效（由河北省市场监督管理局的Ed25519密钥签发）/);
    const result = page.getByTestId("verification-result");
    await expect(result).toContainText("营业执照");
    await expect(result).toContainText("石家庄通办示范商贸有限公司");
    await expect(result.getByTestId("certificate-status")).toHaveText("有效");
    await expect(page.getByRole("link", { name: /签名公钥/ })).toHaveAttribute("href", "/api/open/department-keys");
    await expectNoSeriousAxeViolations(page);

    // An unknown number: not found, and nothing else; a malformed one: the rule, on the field.
    await page.goto("/verify/99999999999999999");
    await expect(page.getByTestId("verify-not-found")).toContainText("未找到该证照");
    await expect(page.getByTestId("verification-result")).toHaveCount(0);
    await page.goto("/verify/12345");
    await expect(page.getByTestId("error-number")).toHaveText("证照编号为17位数字。");
    await expect(page.getByTestId("verify-not-found")).toHaveCount(0);

    // The lookup form goes to the result page.
    await page.goto("/verify");
    await page.getByLabel("证照编号").fill(number);
    await page.getByRole("button", { name: "核验", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/verify/${number}$`));
    await expect(page.getByTestId("signature-status")).toHaveAttribute("data-valid", "true");

    // 数据使用记录: the public verifications just made, logged by the gate; the holder's own reads hidden by default.
    await page.goto("/applicant");
    await page.getByRole("link", { name: "数据使用记录" }).click();
    await expect(page).toHaveURL(/\/applicant\/data-log$/);
    await expect(page.getByRole("heading", { name: "数据使用记录", level: 1 })).toBeVisible();
    const publicReads = page.locator('[data-testid="data-log-entry"][data-purpose="publicVerification"]').filter({ hasText: "营业执照" });
    await expect(publicReads.first()).toBeVisible();
    await expect(page.locator('[data-testid="data-log-entry"][data-purpose="ownRecord"]')).toHaveCount(0);
    const logId = await publicReads.first().getAttribute("data-log-id");
    const entry = page.locator(`[data-log-id="${logId}"]`);
    await expect(entry).toContainText("公众核验");
    await expect(entry).toContainText("不涉及办件");
    await expect(entry.getByTestId("data-log-outcome")).toHaveText("允许读取");
    await expectNoSeriousAxeViolations(page);

    // Questioning the read: too short is named on the field; then it shows as awaiting an answer.
    await entry.locator("summary", { hasText: "提出疑问" }).click();
    const question = entry.getByLabel(/您对这次读取的疑问/);
    await question.fill("为何");
    await entry.getByRole("button", { name: "提交疑问" }).click();
    await expect(entry.getByTestId("error-question")).toHaveText("请写明您的疑问（至少4个字）。");
    await question.fill("这次核验是谁发起的？我没有向任何人出示过这张营业执照。");
    await entry.getByRole("button", { name: "提交疑问" }).click();
    const asked = entry.getByTestId("data-log-question");
    await expect(asked).toContainText("这次核验是谁发起的？");
    await expect(asked.getByTestId("question-awaiting")).toHaveText("等待答复");
    await expect(entry.getByTestId("question-form")).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);

    // The holder's own reads (viewing 我的证照 above) appear when asked for.
    await page.getByTestId("toggle-own").click();
    await expect(page).toHaveURL(/\/applicant\/data-log\?own=1$/);
    await expect(page.locator('[data-testid="data-log-entry"][data-purpose="ownRecord"]').first()).toContainText("本人");

    // The verification page in English.
    await page.getByTestId("language-switch").click();
    await expect(page.getByRole("heading", { name: "Data use log", level: 1 })).toBeVisible();
    await page.goto(`/verify/${number}`);
    await expect(page.getByRole("heading", { name: "Verify a certificate", level: 1 })).toBeVisible();
    await expect(page.getByTestId("signature-status")).toHaveText(/Signature valid \(signed with the Ed25519 key of .+\)/);
    await expect(page.getByTestId("verification-result")).toContainText("Business licence");
    await expectNoSeriousAxeViolations(page);
    await page.goto("/verify/99999999999999999");
    await expect(page.getByTestId("verify-not-found")).toContainText("Certificate not found");
  });

  test("a citizen's certificate verifies publicly with the name and ID number masked", async ({ page }) => {
    await signedIn(page, citizen);
    await expect(page).toHaveURL(/\/applicant$/);
    await page.goto("/applicant/certificates");
    const card = page
      .getByTestId("my-certificates")
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "居民身份证" }) })
      .first();
    await card.getByRole("link", { name: /查看和打印/ }).click();
    await expect(page.getByTestId("printable-certificate")).toContainText(citizen);
    const href = (await page.getByTestId("verify-link").getAttribute("href")) ?? "";

    await page.context().clearCookies();
    await page.goto(new URL(href).pathname);
    const result = page.getByTestId("verification-result");
    await expect(page.getByTestId("signature-status")).toHaveAttribute("data-valid", "true");
    await expect(result).toContainText("赵**");
    await expect(result).toContainText("110105********002X");
    await expect(result).not.toContainText(citizen);
    await expect(result).not.toContainText("赵示例");
  });

  test("another holder's certificate page is not found", async ({ page }) => {
    await signedInForEnterprise(page, tradingCompany, demoPeople.zhao);
    await expect(page).toHaveURL(/\/applicant$/);
    await page.goto("/applicant/certificates");
    const link = page.getByTestId("my-certificates").getByRole("link").first();
    const path = (await link.getAttribute("href")) ?? "";
    await page.context().clearCookies();
    await signedIn(page, citizen);
    await expect(page).toHaveURL(/\/applicant$/);
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("printable-certificate")).toHaveCount(0);
  });

  test("the departments' public keys are published as JSON", async ({ request }) => {
    const response = await request.get("/api/open/department-keys");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("public, max-age=300");
    const keys = (await response.json()) as Array<Record<string, unknown>>;
    expect(keys.length).toBeGreaterThan(0);
    expect(keys[0]).toMatchObject({ algorithm: "Ed25519", publicKey: expect.stringContaining("BEGIN PUBLIC KEY") });
    expect(keys.some((k) => k.departmentNameZh === "河北省市场监督管理局")).toBe(true);
    expect(JSON.stringify(keys)).not.toContain("PRIVATE KEY");
  });
});
