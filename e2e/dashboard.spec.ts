import { expect, test, type Page } from "@playwright/test";
import { acceptByApi, approveByApi } from "./api";
import { demoPeople, expectNoSeriousAxeViolations, fillApplyForm, reviewerByDepartment, screenshots } from "./helpers";
import { contextSignedIn, signedInForEnterprise } from "./sessions";

// The demo restaurant company, which holds a business licence in the registry.
const restaurantCompany = "91130602MA0TB002XR";

const figure = async (page: Page, kind: string) => Number((await page.getByTestId(`figure-${kind}-value`).innerText()).trim());

test.describe("the data office's dashboard", () => {
  test.describe.configure({ timeout: 300_000 });

  test("shows today's submissions as they happen, with every chart's data one click away; other roles are refused", async ({ page, browser }) => {
    const office = await contextSignedIn(browser, "dataoffice");
    const board = await office.newPage();
    await board.goto("/data-office");
    // The home shows today's figures; the dashboard is the first of the data office's links.
    await expect(board.getByTestId("dashboard-headline")).toBeVisible();
    await board.getByRole("link", { name: "数据看板", exact: true }).click();
    await expect(board).toHaveURL(/\/data-office\/dashboard$/);
    await expect(board.getByRole("heading", { level: 1 })).toHaveText("数据看板");
    const before = await figure(board, "submitted");
    const acceptedBefore = await figure(board, "accepted");

    // An enterprise submits an application.
    await signedInForEnterprise(page, restaurantCompany, demoPeople.qian);
    await page.goto("/apply/bundle/openRestaurant");
    await expect(page).toHaveURL(/key=/);
    await fillApplyForm(page);
    await page.getByLabel(/我同意本次申请使用政府已有/).check();
    await page.getByRole("button", { name: "提交申请" }).click();
    await expect(page).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const trackingNumber = (await page.getByTestId("tracking-number").innerText()).trim();
    const caseUrl = page.url().split("?")[0] ?? "";

    // Today's count has risen by it (other journeys running at once may add theirs).
    await board.reload();
    expect(await figure(board, "submitted")).toBeGreaterThanOrEqual(before + 1);
    // The daily chart is drawn on the server, named for what it shows, and its table is one click away: today's row counts the submission.
    const chart = board.getByTestId("chart-volumes");
    await expect(chart.getByRole("img", { name: "近30天每日办件量" })).toBeVisible();
    await expect(chart.locator("svg")).toHaveCount(1);
    const table = chart.getByRole("table");
    await expect(table).toBeHidden();
    await chart.getByText("数据表").click();
    await expect(table).toBeVisible();
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());
    const todayRow = table.getByRole("row").filter({ has: board.getByRole("rowheader", { name: today }) });
    expect(Number((await todayRow.getByRole("cell").first().innerText()).trim())).toBeGreaterThanOrEqual(before + 1);
    await expect(table.getByRole("row")).toHaveCount(31);

    // Accepted at the window: the departments' tasks run, and the department chart shows them.
    // The window and the departments act through the API (their pages are walked by parallel-review.spec.ts).
    await acceptByApi(trackingNumber);
    await board.reload();
    expect(await figure(board, "accepted")).toBeGreaterThanOrEqual(acceptedBefore + 1);
    expect(await figure(board, "tasks-open")).toBeGreaterThanOrEqual(1);
    await expect(board.getByTestId("chart-departments").getByRole("img", { name: "各部门在办与超期任务" })).toBeVisible();
    await screenshots(board, "data-office-dashboard-running");

    // Every department approves, one after the other: the case is granted, and its bundle has a bottleneck.
    await page.goto(caseUrl);
    const departments = [...new Set((await page.locator('[data-testid^="timeline-"] p.font-semibold').allInnerTexts()).map((n) => n.trim()))];
    expect(departments.length).toBeGreaterThan(1);
    for (const department of departments) await approveByApi(reviewerByDepartment[department] ?? "", trackingNumber);
    await board.reload();
    const bottlenecks = board.getByTestId("chart-bottlenecks");
    await expect(bottlenecks.getByRole("img", { name: "各“一件事”瓶颈部门的占比" })).toBeVisible();
    await bottlenecks.getByText("数据表").click();
    const restaurant = bottlenecks.getByRole("row").filter({ has: board.getByRole("rowheader", { name: "开办餐饮店“一件事”" }) });
    await expect(restaurant).toHaveCount(1);
    // The bottleneck is one of the case's departments (other journeys running at once may have granted cases of the bundle too).
    expect(departments).toContain((await restaurant.getByRole("cell").first().innerText()).trim());
    // The follow-ups lead to the pages that list them.
    await board.getByTestId("figure-late-publications").click();
    await expect(board).toHaveURL(/\/data-office\/disclosure$/);
    await board.goto("/data-office/dashboard");
    await expectNoSeriousAxeViolations(board);
    await screenshots(board, "data-office-dashboard");
    await office.close();

    // Other roles: a window clerk is sent to their own page, and the procedures answer 403.
    const clerk = await contextSignedIn(browser, "clerk");
    const clerkPage = await clerk.newPage();
    await clerkPage.goto("/data-office/dashboard");
    await expect(clerkPage).toHaveURL(/\/window$/);
    const refused = await clerkPage.request.get("/api/trpc/dashboard.volumes");
    expect(refused.status()).toBe(403);
    await clerk.close();
    // Signed out: to sign in, and back.
    const anonymous = await browser.newContext();
    const anonymousPage = await anonymous.newPage();
    await anonymousPage.goto("/data-office/dashboard");
    await expect(anonymousPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fdata-office%2Fdashboard/);
    await anonymous.close();
  });
});
