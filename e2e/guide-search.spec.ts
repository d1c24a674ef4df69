import { expect, test } from "@playwright/test";

// 事项检索: from the home page by keyword, 个人办事 / 法人办事, and a theme; a bad query string is
// told, not a 500, and filters nothing.
test("a visitor finds a service by keyword, by who applies and by theme", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "关键词" }).fill("食品 经营");
  await page.getByRole("button", { name: "检索" }).click();
  await expect(page).toHaveURL(/\/guides\?q=/);
  await expect(page.getByTestId("guide-search-count")).toHaveText("找到 1 项“一件事”、1 个单项事项。");
  await expect(page.getByRole("link", { name: "食品经营许可" })).toBeVisible();
  await expect(page.getByRole("link", { name: "出生登记" })).toHaveCount(0);

  await page.goto("/");
  await page.getByRole("link", { name: "个人办事" }).click();
  await expect(page.getByRole("link", { name: "出生登记" })).toBeVisible();
  await expect(page.getByRole("link", { name: "食品经营许可" })).toHaveCount(0);
  await expect(page.getByLabel("申请对象")).toHaveValue("citizen");

  // A theme and a department together, chosen in the form.
  await page.getByLabel("申请对象").selectOption("");
  await page.getByLabel("主题（一件事）").selectOption({ label: "开办餐饮店“一件事”" });
  await page.getByLabel("实施部门", { exact: true }).selectOption({ label: "河北省住房和城乡建设厅" });
  await page.getByRole("button", { name: "检索" }).click();
  await expect(page.getByRole("link", { name: "城镇污水排入排水管网许可" })).toBeVisible();
  await expect(page.getByRole("link", { name: "食品经营许可" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "建筑工程施工许可" })).toHaveCount(0);

  await page.getByRole("searchbox", { name: "关键词" }).fill("没有这样的事项");
  await page.getByRole("button", { name: "检索" }).click();
  await expect(page.getByText("没有符合条件的事项，请换个关键词或放宽条件。").first()).toBeVisible();
});

test("a query string that is not a filter is told and filters nothing", async ({ page, request }) => {
  for (const [query, message] of [
    ["for=martian", "申请对象只能是个人或法人。"],
    [`q=${encodeURIComponent("许".repeat(41))}`, "关键词最多 40 个字。"],
    [`q=${encodeURIComponent("<script>")}`, "关键词不能包含"],
    [`theme=${encodeURIComponent("../x")}`, "主题代码无效。"],
  ] as const) {
    const response = await request.get(`/guides?${query}`);
    expect(response.status(), query).toBe(200);
    await page.goto(`/guides?${query}`);
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
    await expect(page.getByRole("link", { name: "出生登记" })).toBeVisible();
  }
});
