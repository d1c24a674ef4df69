import { expect, test } from "@playwright/test";
import { demoPeople, expectNoSeriousAxeViolations, freshCreditCode, screenshots } from "./helpers";
import { contextSignedIn, signedInForEnterprise } from "./sessions";

// The demo trading company (赵示例 is its legal representative).
const tradingCompany = "91130102MA0TB00118";
const todayInChina = () => new Date(Date.now() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

test.describe("credit records, objection and correction", () => {
  test.describe.configure({ timeout: 240_000 });

  test("a department records a penalty; it is on /credit/<code> and its JSON; the enterprise objects; the department corrects; the subject sees both versions, the public only the current one", async ({
    page,
    browser,
  }) => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const title = `未按规定公示年度报告 ${suffix}`;
    const oldContent = `警告并处罚款人民币二千元（${suffix}）。`;
    const newContent = `警告并处罚款人民币一千元（${suffix}）。`;

    // Market regulation records a penalty on its credit page.
    const market = await contextSignedIn(browser, "reviewer.market");
    const staff = await market.newPage();
    await staff.goto("/review/credit");
    await expect(staff.getByRole("heading", { name: "信用记录管理" })).toBeVisible();
    await staff.getByLabel("类别").selectOption({ label: "行政处罚" });
    await staff.getByLabel("主体代码（统一社会信用代码或身份证号码）").fill(tradingCompany);
    await staff.getByLabel("事由").fill(title);
    await staff.getByLabel("内容").fill(oldContent);
    await staff.getByLabel("法律依据").fill("《企业信息公示暂行条例》第十八条");
    await staff.getByLabel("文书号").fill(`冀市监罚〔2026〕${suffix}号`);
    await staff.getByLabel("失信程度").selectOption({ label: "一般失信" });
    await staff.getByLabel("决定日期").fill(todayInChina());
    await staff.getByRole("button", { name: "录入", exact: true }).click();
    await expect(staff.getByTestId("department-recorded")).toContainText(title);
    await expectNoSeriousAxeViolations(staff);
    await screenshots(staff, "credit-department");

    // The public page and its JSON show it; a malformed code is a 400, an unknown one a 404.
    await page.goto(`/credit/${tradingCompany}`);
    await expect(page.getByTestId("public-credit-records")).toContainText(title);
    await expectNoSeriousAxeViolations(page);
    const open = await page.request.get(`/api/open/credit/${tradingCompany}`);
    expect(open.status()).toBe(200);
    const json = (await open.json()) as { records: Array<{ title: string; content: string }> };
    expect(json.records.filter((r) => r.title === title).map((r) => r.content)).toEqual([oldContent]);
    expect((await page.request.get("/api/open/credit/not-a-code")).status()).toBe(400);
    expect((await page.request.get(`/api/open/credit/${freshCreditCode()}`)).status()).toBe(404);

    // The enterprise objects to it.
    await signedInForEnterprise(page, tradingCompany, demoPeople.zhao);
    await page.goto("/applicant/credit");
    const card = page.getByTestId("credit-record").filter({ hasText: title });
    await expect(card).toHaveCount(1);
    await card.getByLabel("异议理由").fill("罚款金额记载错误，应为一千元。");
    await card.getByRole("button", { name: "提出异议" }).click();
    await expect(card.getByText("异议处理中")).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // The department corrects the record.
    await staff.goto("/review/credit");
    const objection = staff
      .getByTestId("department-objections")
      .getByRole("listitem")
      .filter({ hasText: title })
      .filter({ has: staff.getByRole("button", { name: "提交答复" }) });
    await objection.getByLabel("处理结果").selectOption({ label: "更正记录（生成新版本，旧版本保留）" });
    await objection.getByLabel("答复理由").fill("经核实，金额记载有误，予以更正。");
    await objection.getByLabel("更正后的内容（不改可留空）").fill(newContent);
    await objection.getByRole("button", { name: "提交答复" }).click();
    // Answered: the objection leaves the list of those awaiting an answer, and the outcome stays on screen.
    await expect(objection).toHaveCount(0);
    await expect(staff.getByRole("status").filter({ hasText: "已答复。" })).toBeVisible();
    await market.close();

    // The subject sees both versions; the public only the current one.
    await page.goto("/applicant/credit");
    const versions = page.getByTestId("credit-record").filter({ hasText: title });
    await expect(versions).toHaveCount(2);
    await expect(versions.and(page.locator('[data-record-version="2"]'))).toContainText(newContent);
    await expect(versions.and(page.locator('[data-record-version="1"]'))).toContainText("已更正（旧版本）");
    await expect(versions.getByTestId("objection").filter({ hasText: "罚款金额记载错误" })).toContainText("已更正");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "credit-applicant");

    const after = (await (await page.request.get(`/api/open/credit/${tradingCompany}`)).json()) as {
      records: Array<{ title: string; content: string; recordVersion: number }>;
    };
    expect(after.records.filter((r) => r.title === title).map((r) => [r.content, r.recordVersion])).toEqual([[newContent, 2]]);
    await page.goto(`/credit/${tradingCompany}`);
    const publicRecords = page.getByTestId("public-credit-records");
    await expect(publicRecords).toContainText(newContent);
    await expect(publicRecords).not.toContainText(oldContent);
    await screenshots(page, "credit-public");
  });
});
