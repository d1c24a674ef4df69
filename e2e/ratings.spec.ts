import { expect, test, type Browser } from "@playwright/test";
import { acceptByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm, reviewerByDepartment, screenshots } from "./helpers";
import { contextSignedIn, signedInForEnterprise } from "./sessions";

// The demo restaurant company, which holds a business licence in the registry.
const restaurantCompany = "91130602MA0TB002XR";

type TrpcError = { error: { json: { data: { httpStatus: number; fieldErrors: Record<string, string[]> | null } } } };

async function deny(browser: Browser, login: string, trackingNumber: string) {
  const ctx = await contextSignedIn(browser, login);
  const page = await ctx.newPage();
  await page.goto("/review");
  await page.getByRole("link", { name: trackingNumber }).first().click();
  await page.getByRole("button", { name: "认领", exact: true }).click();
  await expect(page.getByRole("button", { name: "认领", exact: true })).toHaveCount(0);
  await page.getByLabel("不予许可的理由").fill("经营场所与住宅楼相连，不符合《食品经营许可管理办法》规定的场所条件");
  await page.getByLabel("我已核对以上内容，确认不予许可").check();
  await page.getByRole("button", { name: "不予许可", exact: true }).click();
  await expect(page.getByText("已作出不予许可决定。")).toBeVisible();
  await ctx.close();
}

type IndexValue = { nameZh: string; cases: number; inputs: Record<string, number>; indicators: Array<{ code: string; subIndex: number | null }> };

/** The data office computes the index now; the department's values for this month, as the open JSON publishes them. */
async function departmentMonthNow(browser: Browser, department: string): Promise<IndexValue | undefined> {
  const ctx = await contextSignedIn(browser, "dataoffice");
  const page = await ctx.newPage();
  await page.goto("/data-office/service-index");
  await page.getByRole("button", { name: "立即计算今日指数" }).click();
  await expect(page.getByTestId("snapshot-now-result")).toContainText("已计算并公布");
  const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).format(new Date());
  const res = await page.request.get(`/api/open/service-index.json?kind=department&period=${month}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { values: IndexValue[] };
  await ctx.close();
  return body.values.find((v) => v.nameZh === department);
}

test.describe("ratings (好差评) and the rectification of a bad one", () => {
  test.describe.configure({ timeout: 240_000 });

  test("the applicant rates a finished case 不满意, the department replies, the applicant sees the reply; bad input is a 400 on its field", async ({
    page,
    browser,
  }) => {
    await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
    await page.goto("/apply/bundle/openRestaurant");
    await expect(page).toHaveURL(/key=/);
    await fillApplyForm(page);
    await page.getByLabel(/我同意本次申请使用政府已有/).check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    const caseUrl = page.url().split("?")[0] ?? "";
    const applicationId = caseUrl.split("/").at(-1) ?? "";
    // Not finished: nothing to rate yet.
    await expect(page.getByTestId("case-ratings")).toHaveCount(0);
    await acceptByApi(trackingNumber);

    // A department with one step of the bundle denies; the case is finished (denied).
    await page.goto(caseUrl);
    const names = await page.locator('[data-testid^="timeline-"] p.font-semibold').allInnerTexts();
    const steps = new Map<string, number>();
    for (const n of names) steps.set(n.trim(), (steps.get(n.trim()) ?? 0) + 1);
    const [department] = [...steps.entries()].find(([, n]) => n === 1) ?? [];
    expect(department).toBeTruthy();
    await deny(browser, reviewerByDepartment[department ?? ""] ?? "", trackingNumber);

    // The denial's decision number, from the case's documents (for 双公示 below).
    await page.goto(caseUrl);
    await page.getByTestId("case-documents").getByRole("link", { name: "不予行政许可决定书" }).click();
    const decisionNumber = (await page.getByTestId("document-number").innerText()).trim();
    expect(decisionNumber).toMatch(/^BYXK-[A-Za-z]+-\d{4}-\d{6}$/);
    // The department's index this month before the rating: the decided task counts, no rating yet of this case.
    const before = await departmentMonthNow(browser, department ?? "");
    expect(before).toBeDefined();

    await page.goto(caseUrl);
    const ratingsSection = page.getByTestId("case-ratings");
    await expect(ratingsSection).toBeVisible();

    // Bad input through HTTP: an unknown level and a comment too long are a 400 with field errors; nothing is written.
    const origin = new URL(page.url()).origin;
    const bad = await page.request.post("/api/trpc/ratings.rate", {
      data: { json: { applicationId, level: "excellent", tags: ["price"], comment: "慢".repeat(501) } },
      headers: { origin },
    });
    expect(bad.status()).toBe(400);
    const body = (await bad.json()) as TrpcError;
    expect(Object.keys(body.error.json.data.fieldErrors ?? {})).toEqual(expect.arrayContaining(["level", "comment"]));
    await page.reload();
    await expect(ratingsSection.getByTestId("given-rating")).toHaveCount(0);

    // The department is rated 不满意, with a tag and a comment, in the browser.
    const card = ratingsSection.getByRole("article", { name: department });
    await card.getByLabel("评价等级").selectOption({ label: "不满意" });
    await card.getByLabel("办理速度").check();
    await card.getByLabel("意见建议（可选）").fill("现场核查安排得太晚");
    await card.getByRole("button", { name: "提交评价" }).click();
    await expect(card.getByText("评价已保存。")).toBeVisible();
    await expect(card.getByTestId("given-rating")).toContainText("不满意");
    await expect(card.getByTestId("rectification-reply")).toContainText("部门正在核实整改");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "case-rated");

    // The department answers; the list shows what answering needs, never the applicant.
    const ctx = await contextSignedIn(browser, reviewerByDepartment[department ?? ""] ?? "");
    const staff = await ctx.newPage();
    await staff.goto("/review");
    await staff.getByRole("link", { name: "差评整改" }).click();
    await expect(staff).toHaveURL(/\/review\/rectification$/);
    const item = staff.getByTestId("rectification-items").locator("li").filter({ hasText: trackingNumber });
    await expect(item).toContainText("现场核查安排得太晚");
    await expect(staff.locator("main")).not.toContainText("保定市云帆示例餐饮有限公司");
    await expect(staff.locator("main")).not.toContainText("钱通办");
    await expectNoSeriousAxeViolations(staff);
    await screenshots(staff, "review-rectification");
    // A reply without a classification: the field says so.
    await item.getByLabel("核实理由").fill("现场核查排期确实较晚");
    await item.getByLabel("答复申请人").fill("已调整核查排期，今后三个工作日内安排");
    await item.getByRole("button", { name: "提交答复" }).click();
    await expect(item.getByText("请选择核实结论（属实或不属实）。")).toBeVisible();
    await item.getByLabel("核实结论").selectOption({ label: "属实" });
    await item.getByLabel("整改措施（可选）").fill("增加现场核查人员");
    await item.getByRole("button", { name: "提交答复" }).click();
    await expect(staff.getByText("答复已提交。")).toBeVisible();
    await ctx.close();

    // The index computed now counts the rating (not satisfied) and the rectification answered on
    // time in the department's month inputs. Other journeys may rate the same department meanwhile: at least ours.
    const after = await departmentMonthNow(browser, department ?? "");
    const count = (v: IndexValue | undefined, name: string) => v?.inputs[name] ?? 0;
    expect(count(after, "ratings")).toBeGreaterThanOrEqual(count(before, "ratings") + 1);
    expect(count(after, "rectificationsDue")).toBeGreaterThanOrEqual(count(before, "rectificationsDue") + 1);
    expect(count(after, "rectificationsOnTime")).toBeGreaterThanOrEqual(count(before, "rectificationsOnTime") + 1);
    const satisfaction = (v: IndexValue | undefined) => v?.indicators.find((i) => i.code === "satisfaction")?.subIndex ?? null;
    if ((after?.cases ?? 0) >= 5) {
      // Enough cases for a value: a first rating, or one more that is not satisfied, changes it
      // (unless it was already at the floor, as after an earlier try of this journey).
      expect(satisfaction(after)).not.toBeNull();
      if (satisfaction(before) !== 0) expect(satisfaction(after)).not.toBe(satisfaction(before));
    } else {
      // 数据不足: the counts are published, no sub-index is.
      expect(satisfaction(after)).toBeNull();
    }

    // The applicant sees the reply, and may appeal once.
    await page.goto(caseUrl);
    const reply = page.getByTestId("case-ratings").getByRole("article", { name: department }).getByTestId("rectification-reply");
    await expect(reply.getByTestId("reply-text")).toHaveText("已调整核查排期，今后三个工作日内安排");
    await expect(reply).toContainText("属实");
    await expect(reply).toContainText("增加现场核查人员");
    const appealCard = page.getByTestId("case-ratings").getByRole("article", { name: department });
    await appealCard.getByLabel("申诉理由").fill("整改措施没有说明何时落实");
    await appealCard.getByRole("button", { name: "提交申诉" }).click();
    await expect(appealCard.getByText("申诉已提交，由数据局处理。")).toBeVisible();
    await page.reload();
    // Once: the appeal form is gone.
    await expect(page.getByRole("button", { name: "提交申诉" })).toHaveCount(0);

    // The data office sees the appeal with the department's answer, and decides it.
    const office = await contextSignedIn(browser, "dataoffice");
    const officePage = await office.newPage();
    await officePage.goto("/data-office");
    await officePage.getByRole("link", { name: "好差评与差评整改" }).click();
    await expect(officePage).toHaveURL(/\/data-office\/rectification$/);
    const appeal = officePage.getByTestId("rectification-appealed").locator("li").filter({ hasText: trackingNumber });
    await expect(appeal).toContainText("整改措施没有说明何时落实");
    await expectNoSeriousAxeViolations(officePage);
    await screenshots(officePage, "data-office-rectification");
    await appeal.getByLabel("处理结果").selectOption({ label: "申诉驳回" });
    await appeal.getByLabel("理由", { exact: true }).fill("部门已说明整改措施和排期");
    await appeal.getByRole("button", { name: "提交处理结果" }).click();
    // Decided, the appeal leaves the list on the page's refresh, and the outcome stays on screen.
    await expect(appeal).toHaveCount(0);
    await expect(officePage.getByRole("status").filter({ hasText: "申诉已处理。" })).toBeVisible();
    await office.close();

    await page.goto(caseUrl);
    await expect(page.getByTestId("case-ratings").getByRole("article", { name: department }).getByTestId("rectification-reply")).toContainText(
      "部门已说明整改措施和排期",
    );

    // 双公示: the data office publishes now; the public finds the denial by the enterprise's name,
    // with the decision's number and the department that decided it.
    const publisher = await contextSignedIn(browser, "dataoffice");
    const publisherPage = await publisher.newPage();
    await publisherPage.goto("/data-office/disclosure");
    await expectNoSeriousAxeViolations(publisherPage);
    await screenshots(publisherPage, "data-office-disclosure");
    await publisherPage.getByRole("button", { name: "立即公示待公示的决定" }).click();
    await expect(publisherPage.getByTestId("publish-now-result")).toContainText("本次公示");
    await publisher.close();
    const reader = await browser.newContext();
    const pub = await reader.newPage();
    await pub.goto("/disclosure");
    await pub.getByLabel("行政相对人名称").fill("保定市云帆示例餐饮");
    await pub.getByRole("button", { name: "查询", exact: true }).click();
    const record = pub.getByTestId("disclosure-records").locator("li").filter({ hasText: decisionNumber });
    await expect(record).toContainText("不予许可");
    await expect(record).toContainText("保定市云帆示例餐饮有限公司");
    await expect(record).toContainText(department ?? "");
    await expectNoSeriousAxeViolations(pub);
    await screenshots(pub, "disclosure-search");
    // By its credit code too.
    await pub.goto(`/disclosure?code=${restaurantCompany}`);
    await expect(pub.getByTestId("disclosure-records").locator("li").filter({ hasText: decisionNumber })).toContainText(department ?? "");
    await reader.close();
  });
});
