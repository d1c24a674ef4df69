import { expect, test as setup } from "@playwright/test";
import { expectNoSeriousAxeViolations, signIn } from "./helpers";

/**
 * Runs before every journey: the data office enters the year after the last published one on
 * /data-office/calendar, through the page, as it would from the State Council's notice. The
 * year is the journeys' own test data (the source says so), in the e2e server's throwaway
 * database: it lets acceptance compute due dates that run past the official data's last year,
 * whatever the date the suite runs on. The official years are never touched.
 */
setup("the data office enters next year's holiday arrangements; wrong dates are refused and nothing is written", async ({ page }) => {
  await signIn(page, "dataoffice");
  await expect(page).toHaveURL(/\/data-office$/);
  await page.getByRole("link", { name: "法定工作日日历" }).first().click();
  await expect(page.getByRole("heading", { name: "法定工作日日历", level: 1 })).toBeVisible();

  const form = page.getByTestId("publish-year-form");
  const year = Number(await form.getAttribute("data-year"));
  expect(year).toBeGreaterThan(2025);
  await expect(page.getByRole("group", { name: `录入 ${year} 年的节假日安排` })).toBeVisible();
  // The official years are listed with their source and working days.
  await expect(page.getByTestId(`calendar-year-${year - 1}`)).toContainText("系统随附的官方数据");
  // Until it is entered, the year is computed from the holiday rules and marked provisional.
  const provisional = page.getByTestId(`provisional-year-${year}`);
  await expect(provisional).toContainText("暂定");
  await provisional.getByText(`查看 ${year} 年的日期`).click();
  await expect(provisional.getByTestId("holiday-runs")).toContainText(`${year}-05-01~05-02（2 天）`);
  await expectNoSeriousAxeViolations(page);

  // The first Saturday of February: a weekend day to be worked.
  const saturday = new Date(Date.UTC(year, 1, 1));
  while (saturday.getUTCDay() !== 6) saturday.setUTCDate(saturday.getUTCDate() + 1);
  const makeup = saturday.toISOString().slice(0, 10);

  await form.getByLabel("依据").fill(`端到端测试数据（非官方通知）${year}`);
  const holidays = form.getByLabel("放假日期");
  await holidays.fill(`${year}-01-01\n${year}-02-30`);
  await expect(page.getByTestId("calendar-preview")).toHaveText("日期有误，改正后显示预览。");
  // A make-up day on a weekday: refused on its field, nothing written.
  await holidays.fill(`${year}-01-01\n${year}-05-01~${year}-05-05`);
  const makeupField = form.getByLabel("调休上班日期");
  const monday = new Date(Date.UTC(year, 0, 4));
  while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() + 1);
  const mondayDay = monday.toISOString().slice(0, 10);
  await makeupField.fill(mondayDay);
  // Leaving the field checks it (the message appears under it before anything else is clicked).
  await makeupField.blur();
  await expect(makeupField).toHaveAccessibleDescription(new RegExp(`${mondayDay} 不是周六或周日：调休上班日只能是周末。`));
  await form.getByLabel("我已逐日核对以上日期与通知一致").check();
  await form.getByRole("button", { name: "录入" }).click();
  await expect(makeupField).toHaveAccessibleDescription(new RegExp(`${mondayDay} 不是周六或周日：调休上班日只能是周末。`));
  await expect(page.getByTestId(`calendar-year-${year}`)).toHaveCount(0);
  // Mended, but not confirmed: the box says so.
  await form.getByLabel("我已逐日核对以上日期与通知一致").uncheck();
  await makeupField.fill(makeup);
  await makeupField.blur();
  await expect(makeupField).not.toHaveAttribute("aria-invalid", "true");
  await form.getByRole("button", { name: "录入" }).click();
  await expect(form.getByTestId("error-confirmed")).toHaveText("请确认已核对日期。");

  await expect(page.getByTestId("calendar-preview")).toContainText("放假 6 天，调休上班 1 天，全年");
  await form.getByLabel("我已逐日核对以上日期与通知一致").check();
  await form.getByRole("button", { name: "录入" }).click();
  await expect(page.getByTestId("action-done")).toHaveText(`${year} 年的安排已录入：放假 6 天，调休上班 1 天。`);
  const entered = page.getByTestId(`calendar-year-${year}`);
  await expect(entered).toContainText(`端到端测试数据（非官方通知）${year}`);
  await expect(entered).toContainText("李管理");
  await entered.getByText(`查看 ${year} 年的日期`).click();
  await expect(entered.getByTestId("holiday-runs")).toContainText(`${year}-05-01~05-05（5 天）`);
  await expect(entered.getByTestId("makeup-runs")).toHaveText(makeup);
  // Entered, it is no longer provisional; the provisional years now start a year later.
  await expect(page.getByTestId(`provisional-year-${year}`)).toHaveCount(0);
  await expect(page.getByTestId(`provisional-year-${year + 1}`)).toContainText("暂定");
});
