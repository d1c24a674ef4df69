import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoPeople, expectNoSeriousAxeViolations } from "./helpers";
import { signedIn, signedInForEnterprise } from "./sessions";

// The shared data layer as the data office and a provider department run it: the catalog and its
// update deadlines, grants, holders' questions about reads of their data, and certificates.

/** The demo citizen whose ID card the certificate journey revokes; no other journey uses them. */
const citizenLogin = "130102199003070011";

async function signInAs(page: Page, login: string, landing: RegExp): Promise<void> {
  await signedIn(page, login);
  await expect(page).toHaveURL(landing);
}

/** A tRPC query's data through the HTTP endpoint, as the signed-in user of the page. */
async function trpcQuery<T>(page: Page, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await page.request.get(`/api/trpc/${path}${query}`);
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function trpcMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  // A mutation must come from the portal's own origin (the proxy's Origin check), as a browser's does.
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: new URL(page.url()).origin } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** The citizen's ID card number, read from their own certificates. */
async function citizenIdCardNumber(browser: Browser): Promise<string> {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await signInAs(page, citizenLogin, /\/applicant$/);
  const mine = await trpcQuery<{ certificates: Array<{ typeCode: string; number: string }> }>(page, "sharing.myCertificates");
  await context.close();
  const card = mine.certificates.find((c) => c.typeCode === "residentIdCard");
  expect(card, "the demo citizen holds an ID card").toBeTruthy();
  return card!.number;
}

test.describe("the data office keeps the data-sharing catalog", () => {
  test("an overdue provider is flagged, the resource is edited, and recording its update clears the flag", async ({ page }) => {
    await signInAs(page, "dataoffice", /\/data-office$/);
    await page.getByRole("link", { name: "数据共享目录" }).click();
    await expect(page.getByRole("heading", { name: "数据共享目录", level: 1 })).toBeVisible();

    const tax = page.locator('tr[data-resource="taxCreditRatings"]');
    await expect(tax.getByRole("rowheader")).toContainText("纳税信用等级信息");
    await expect(tax).toContainText("国家税务总局河北省税务局");
    await expect(tax).toContainText("有条件共享");
    await expect(tax).toContainText("有条件开放");
    await expect(tax).toContainText("每年");
    await expect(tax.getByTestId("overdue-badge")).toHaveText("更新超期");
    // Real-time resources have no deadline; the business licence is shared and opened unconditionally.
    const licence = page.locator('tr[data-resource="certificate.businessLicence"]');
    await expect(licence).toContainText("实时推送，无更新期限");
    await expect(licence).toContainText("无条件共享");
    await expect(licence).toContainText("无条件开放");
    await expect(page.locator('tr[data-resource="inpatientRecords"]')).toContainText("不予共享");
    await expectNoSeriousAxeViolations(page);

    // The editor refuses a legal basis that names nothing, on its field.
    await tax.getByRole("link", { name: "编辑 纳税信用等级信息" }).click();
    const editor = page.getByRole("form", { name: "编辑数据资源：纳税信用等级信息" });
    await expect(editor.getByLabel("共享类型")).toHaveValue("conditional");
    await expect(editor.getByLabel("更新频率")).toHaveValue("yearly");
    const basis = editor.getByLabel("法律依据");
    await basis.fill("无");
    await editor.getByRole("button", { name: "保存" }).click();
    await expect(basis).toHaveAccessibleDescription(/请写明法律依据（至少4个字）。/);
    await basis.fill("《纳税信用管理办法（试行）》第三十条、第三十一条");
    await editor.getByRole("button", { name: "保存" }).click();
    // The status stays through the refresh that follows a save (the editor is not mounted afresh).
    await expect(editor.getByRole("status")).toHaveText("已保存。");
    await expect(tax).toContainText("《纳税信用管理办法（试行）》第三十条、第三十一条");
    await expect(editor.getByRole("status")).toHaveText("已保存。");
    // Saved for good: a reload shows the new legal basis in the editor.
    await page.reload();
    await expect(editor.getByLabel("法律依据")).toHaveValue("《纳税信用管理办法（试行）》第三十条、第三十一条");

    await tax.getByRole("button", { name: "登记更新 纳税信用等级信息" }).click();
    await expect(tax.getByRole("status")).toHaveText("已登记更新。");
    await expect(tax.getByTestId("overdue-badge")).toHaveCount(0);
    await page.reload();
    await expect(page.locator('tr[data-resource="taxCreditRatings"]').getByTestId("overdue-badge")).toHaveCount(0);
  });
});

test.describe("sharing grants", () => {
  test("an unconditional resource is granted at once, a conditional one goes to its provider, and bad input is refused on its field", async ({ page }) => {
    await signInAs(page, "dataoffice", /\/data-office$/);
    await page.getByRole("link", { name: "共享授权" }).click();
    await expect(page.getByRole("heading", { name: "共享授权", level: 1 })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    const form = page.getByRole("form", { name: "申请共享授权" });
    const resource = form.getByLabel("数据资源");
    const consumer = form.getByLabel("使用部门");
    const purpose = form.getByLabel("用途及法律依据");
    // Data that is not shared cannot even be chosen.
    await expect(resource.locator('option[value="inpatientRecords"]')).toBeDisabled();

    // Nothing filled in: every field says what it needs.
    await form.getByRole("button", { name: "提交申请" }).click();
    await expect(purpose).toHaveAccessibleDescription(/请写明用途及其法律依据（至少4个字）。/);
    await expect(form.getByTestId("error-serviceCodes")).toHaveText("请至少选择一个事项。");

    await resource.selectOption({ label: "营业执照信息（河北省市场监督管理局）" });
    await expect(form.getByTestId("share-type-note")).toHaveText("该数据为无条件共享：提交后立即授权。");
    // The server refuses what the form cannot know: the provider reads its own data without a grant.
    await consumer.selectOption({ label: "河北省市场监督管理局" });
    await form.getByLabel(/^食品经营许可/).check();
    await purpose.fill("《食品经营许可和备案管理办法》第十二条：核对申请人的主体资格");
    await form.getByRole("button", { name: "提交申请" }).click();
    await expect(form.getByTestId("error-consumerDepartmentCode")).toHaveText("部门读取本部门提供的数据无需授权。");

    // Another department: its own services are offered, the ones ticked before are cleared.
    await consumer.selectOption({ label: "河北省自然资源厅" });
    await expect(form.getByLabel(/^食品经营许可/)).toHaveCount(0);
    await form.getByLabel(/^建设用地规划许可/).check();
    await purpose.fill("《中华人民共和国城乡规划法》第三十七条：核对建设单位的主体资格");
    await form.getByRole("button", { name: "提交申请" }).click();
    await expect(page.getByTestId("request-grant-done")).toHaveText("已授权：营业执照信息 → 河北省自然资源厅。");
    const granted = page.locator('[data-grant="certificate.businessLicence|naturalResources"]');
    await expect(granted.locator("[data-status]").first()).toHaveText("已授权");
    await expect(granted).toContainText("建设用地规划许可（landUsePlanningPermit）");

    // Revoking needs a reason.
    await granted.getByRole("button", { name: "撤销授权… 营业执照信息 → 河北省自然资源厅" }).click();
    const reason = granted.getByLabel("撤销理由");
    await expect(reason).toBeFocused();
    await granted.getByRole("button", { name: "确认撤销" }).click();
    await expect(reason).toHaveAccessibleDescription(/请写明理由（至少4个字）。/);
    await reason.fill("演示：该部门已不再办理需要营业执照的事项");
    await granted.getByRole("button", { name: "确认撤销" }).click();
    await expect(granted.getByTestId("action-done")).toHaveText("已撤销该授权。");
    await expect(page.locator('[data-grant="certificate.businessLicence|naturalResources"]')).toHaveAttribute("data-status", "revoked");

    // A conditional resource: the form says the provider decides, and the request waits.
    await resource.selectOption({ label: "纳税信用等级信息（国家税务总局河北省税务局）" });
    await expect(form.getByTestId("share-type-note")).toHaveText("该数据为有条件共享：提交后由提供部门（国家税务总局河北省税务局）审核，批准后生效。");
    await consumer.selectOption({ label: "河北省市场监督管理局" });
    await form.getByLabel(/^食品经营许可/).check();
    await purpose.fill("《食品安全法》第一百一十三条：核对申请人的纳税信用");
    await form.getByRole("button", { name: "提交申请" }).click();
    await expect(page.getByTestId("request-grant-done")).toHaveText("已提交，等待提供部门审核：纳税信用等级信息 → 河北省市场监督管理局。");
    await expect(page.locator('[data-grant="taxCreditRatings|market"]')).toHaveAttribute("data-status", "requested");
    await expectNoSeriousAxeViolations(page);
  });

  test("the provider department approves the housing fund centre's pending request", async ({ page }) => {
    await signInAs(page, "reviewer.humanResources", /\/review$/);
    await page.getByRole("link", { name: "数据共享（本部门提供的数据）" }).click();
    await expect(page.getByRole("heading", { name: "数据共享（提供部门）", level: 1 })).toBeVisible();
    const request = page.getByTestId("provider-grants").locator('[data-grant="socialInsurancePayments|housingFund"]');
    await expect(request.getByRole("heading")).toHaveText("单位社会保险缴费信息 → 河北省住房资金管理中心");
    await expect(request).toContainText("待审核");
    await expect(request).toContainText("《住房公积金管理条例》第十五条");
    await expect(request).toContainText("单位住房公积金缴存登记（employerHousingFund）");
    // Its own resources, with their update deadlines.
    await expect(page.locator('tr[data-resource="socialInsurancePayments"]')).toContainText("每月");
    await expect(page.locator('tr[data-resource="taxCreditRatings"]')).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);

    // A rejection needs a reason; the reviewer thinks again and approves.
    await request.getByRole("button", { name: "拒绝… 单位社会保险缴费信息 → 河北省住房资金管理中心" }).click();
    await request.getByRole("button", { name: "确认拒绝" }).click();
    await expect(request.getByLabel("拒绝理由")).toHaveAccessibleDescription(/请写明理由（至少4个字）。/);
    await request.getByRole("button", { name: "取消" }).click();
    await request.getByRole("button", { name: "批准 单位社会保险缴费信息 → 河北省住房资金管理中心" }).click();
    await expect(request.getByTestId("action-done")).toHaveText("已批准该授权申请。");
    await expect(request).toHaveAttribute("data-status", "approved");
    await expect(request.locator("[data-status]").first()).toHaveText("已授权");
  });
});

test.describe("certificates and questions about data use", () => {
  test("the data office looks up a certificate, answers the holder's question about that read, and revokes it", async ({ page, browser }) => {
    const number = await citizenIdCardNumber(browser);

    await signInAs(page, "dataoffice", /\/data-office$/);
    await page.getByRole("link", { name: "证照管理" }).click();
    await expect(page.getByRole("heading", { name: "证照管理", level: 1 })).toBeVisible();
    const field = page.getByLabel("证照编号");

    // A malformed number is refused on its field; a well-formed unknown one is not found.
    await field.fill("12345");
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByTestId("error-number")).toHaveText("证照编号为17位数字。");
    await expect(page.getByLabel("证照编号")).toHaveAccessibleDescription(/证照编号为17位数字。/);
    await page.getByLabel("证照编号").fill("20000101000000000");
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByTestId("certificate-not-found")).toHaveText("未找到编号为 20000101000000000 的证照。");

    await page.getByLabel("证照编号").fill(number);
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page).toHaveURL(new RegExp(`number=${number}`));
    const view = page.getByTestId("certificate-view");
    await expect(view.getByRole("heading")).toHaveText(`居民身份证（${number}）`);
    await expect(view.getByTestId("certificate-status")).toHaveText("状态：有效");
    await expect(view.getByTestId("certificate-signature")).toHaveText("签名验证通过");
    await expect(view).toContainText("河北省公安厅");
    // A person's name and ID number are masked, as the public sees them.
    await expect(view).toContainText("钱**");
    await expect(view).not.toContainText(citizenLogin);
    await expectNoSeriousAxeViolations(page);

    // The holder sees that lookup in their data log and asks about it.
    const holder = await browser.newContext({ locale: "zh-CN" });
    const holderPage = await holder.newPage();
    await signInAs(holderPage, citizenLogin, /\/applicant$/);
    const log = await trpcQuery<{ entries: Array<{ id: string; purpose: string; question: unknown }> }>(holderPage, "sharing.dataLog", { page: 1 });
    const read = log.entries.find((e) => e.purpose === "publicVerification" && e.question === null);
    expect(read, "the lookup is in the holder's data log").toBeTruthy();
    // This run's own question: a retry asks again about another read.
    const asked = `为什么大数据管理办公室查询了我的身份证？（${Date.now().toString(36)}）`;
    await trpcMutation(holderPage, "sharing.askQuestion", { logId: read!.id, question: asked });

    await page.getByRole("link", { name: "数据使用疑问" }).click();
    await expect(page.getByRole("heading", { name: "数据使用疑问", level: 1 })).toBeVisible();
    const question = page.getByTestId("open-questions").locator("li", { hasText: asked });
    await expect(question.getByRole("heading", { level: 3 })).toHaveText("钱通办的疑问");
    await expect(question).toContainText("证照核验");
    await expect(question).toContainText("居民身份证");
    await expect(question).toContainText("大数据管理办公室");
    await expectNoSeriousAxeViolations(page);
    const answer = question.getByLabel("答复内容");
    await question.getByRole("button", { name: "发送答复" }).click();
    await expect(answer).toHaveAccessibleDescription(/请写明答复（至少4个字）。/);
    const reply = "这是核查证照状态的公开核验，依据《政务信息资源共享管理暂行办法》第五条。";
    await answer.fill(reply);
    await question.getByRole("button", { name: "发送答复" }).click();
    await expect(page.getByTestId("answered-questions").locator("li", { hasText: asked }).getByTestId("question-answer")).toContainText(reply);

    // The holder is told through their data log.
    const after = await trpcQuery<{ entries: Array<{ id: string; question: { answer: string | null } | null }> }>(holderPage, "sharing.dataLog", { page: 1 });
    expect(after.entries.find((e) => e.id === read!.id)?.question?.answer).toBe(reply);
    await holder.close();

    // Revoking needs a reason, and a revoked certificate shows as revoked and offers no second revocation.
    await page.getByRole("link", { name: "证照管理" }).click();
    await expect(page).toHaveURL(/\/data-office\/certificates$/);
    await page.getByLabel("证照编号").fill(number);
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page).toHaveURL(new RegExp(`number=${number}`));
    await expect(view.getByTestId("certificate-status")).toHaveText("状态：有效");
    const revoke = page.getByTestId("revoke-certificate-form");
    await revoke.getByRole("button", { name: "撤销证照" }).click();
    await expect(revoke.getByLabel("撤销理由")).toHaveAccessibleDescription(/请写明理由（至少4个字）。/);
    await revoke.getByLabel("撤销理由").fill("演示：证件已挂失作废");
    await revoke.getByRole("button", { name: "撤销证照" }).click();
    await expect(page.getByTestId("action-done")).toHaveText(new RegExp(`^证照 ${number} 已撤销，(没有依赖该证照的在办件|已通知 \\d+ 个在办件)。$`));
    await expect(page.getByTestId("certificate-status")).toHaveText("状态：已撤销");
    await expect(page.getByTestId("certificate-revocation-reason")).toHaveText("演示：证件已挂失作废");
    await expect(page.getByTestId("revoke-certificate-form")).toHaveCount(0);
  });
});

test.describe("signing keys", () => {
  test("the data office rotates a department's key; what the old key signed still verifies", async ({ page, browser }) => {
    // The demo enterprise's business licence, signed by market supervision's key before the rotation.
    const holder = await browser.newContext({ locale: "zh-CN" });
    const holderPage = await holder.newPage();
    await signedInForEnterprise(holderPage, "91130102MA0TB00118", demoPeople.zhao);
    await expect(holderPage).toHaveURL(/\/applicant$/);
    const mine = await trpcQuery<{ certificates: Array<{ typeCode: string; number: string }> }>(holderPage, "sharing.myCertificates");
    await holder.close();
    const licence = mine.certificates.find((c) => c.typeCode === "businessLicence");
    expect(licence, "the demo enterprise holds a business licence").toBeTruthy();

    await signInAs(page, "dataoffice", /\/data-office$/);
    await page.getByRole("link", { name: "证照管理" }).click();
    await expect(page.getByRole("heading", { name: "签名密钥", level: 2 })).toBeVisible();
    const row = page.getByTestId("key-row-market");
    const before = (await row.getByTestId("active-key-market").textContent()) ?? "";
    const retiredBefore = Number(await row.getByTestId("retired-keys-market").textContent());
    await expectNoSeriousAxeViolations(page);

    await row.getByRole("button", { name: /^轮换密钥/ }).click();
    await expect(row.getByRole("status")).toHaveText(/^已轮换：新密钥 [0-9a-f]{8} 已生效。$/);
    await expect(row.getByTestId("retired-keys-market")).toHaveText(String(retiredBefore + 1));
    await expect(row.getByTestId("active-key-market")).not.toHaveText(before);

    // The published keys show the windows: the retired key ends where the new one starts.
    const published = (await (await page.request.get("/api/open/department-keys")).json()) as Array<{
      keyId: string;
      departmentCode: string;
      validFrom: string;
      retiredAt: string | null;
    }>;
    const market = published.filter((k) => k.departmentCode === "market");
    const active = market.find((k) => k.retiredAt === null);
    expect(active?.keyId.startsWith((await row.getByTestId("active-key-market").textContent()) ?? "?")).toBe(true);
    expect(market.some((k) => k.retiredAt === active?.validFrom)).toBe(true);

    await page.getByLabel("证照编号").fill(licence!.number);
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.getByTestId("certificate-view").getByTestId("certificate-signature")).toHaveText("签名验证通过");
  });
});
