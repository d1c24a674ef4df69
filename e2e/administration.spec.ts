import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations, signIn, screenshots } from "./helpers";
import { signedIn } from "./sessions";

type TrpcError = { error: { json: { data: { httpStatus: number; fieldErrors: Record<string, string[]> | null } } } };

/** A raw POST to a tRPC mutation with the page's session, from the portal's own origin (as a browser's). */
function trpcPost(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: new URL(page.url()).origin } });
}

test.describe("the administrator", () => {
  test("creates a department and a reviewer in it; a code or login in use and an unknown department are refused on their fields", async ({ page }) => {
    const suffix = Date.now().toString(36);
    await signIn(page, "admin");
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: "组织与账号管理", level: 1 })).toBeVisible();

    const department = page.locator("form").filter({ has: page.getByRole("group", { name: "新建部门" }) });
    await department.getByLabel("部门代码").fill(`marketSjz${suffix}`);
    await department.getByLabel("中文名称").fill("石家庄市市场监督管理局（测试）");
    await department.getByLabel("英文名称").fill("Shijiazhuang Market Regulation (test)");
    await department.getByLabel("层级").selectOption("city");
    await department.getByLabel("行政区划代码").fill("130100");
    await department.getByRole("button", { name: "新建部门" }).click();
    await expect(department.getByRole("status")).toContainText(`marketSjz${suffix}`);

    await department.getByLabel("部门代码").fill(`marketSjz${suffix}`);
    await department.getByLabel("中文名称").fill("重复的部门");
    await department.getByLabel("英文名称").fill("Duplicate");
    await department.getByLabel("行政区划代码").fill("130100");
    await department.getByRole("button", { name: "新建部门" }).click();
    await expect(department.getByText("已有使用该代码的部门。")).toBeVisible();

    const account = page.locator("form").filter({ has: page.getByRole("group", { name: "新建工作人员账号" }) });
    await account.getByLabel("登录名").fill(`reviewer.sjz${suffix}`);
    await account.getByLabel("姓名（显示名）").fill("石家庄审查员");
    await account.getByLabel("角色").selectOption("reviewer");
    await account.getByLabel("所属部门代码").fill("noSuchDepartment");
    await account.getByRole("button", { name: "新建账号" }).click();
    await expect(account.getByText("没有这个部门。")).toBeVisible();

    await account.getByLabel("所属部门代码").fill(`marketSjz${suffix}`);
    await account.getByRole("button", { name: "新建账号" }).click();
    await expect(account.getByRole("status")).toContainText(`REVIEWER.SJZ${suffix.toUpperCase()}`);

    await account.getByLabel("登录名").fill("clerk");
    await account.getByLabel("姓名（显示名）").fill("又一个窗口");
    await account.getByLabel("角色").selectOption("windowClerk");
    await account.getByRole("button", { name: "新建账号" }).click();
    await expect(account.getByText("该登录名已被使用，请换一个。")).toBeVisible();
  });

  test("lists every department and edits one, bad input refused on its field (over HTTP too: a 400, not a 500); resets a new account's password", async ({
    page,
    browser,
  }) => {
    const suffix = Date.now().toString(36);
    const code = `edit${suffix}`;
    await signIn(page, "admin");
    await expect(page).toHaveURL(/\/admin$/);
    expect(
      (
        await trpcPost(page, "identity.createDepartment", { code, nameZh: "测试编辑局", nameEn: "Edit test bureau", level: "city", divisionCode: "130100" })
      ).status(),
    ).toBe(200);
    const login = `reviewer.edit${suffix}`;
    expect(
      (await trpcPost(page, "identity.createStaffAccount", { login, displayName: "编辑测试审查员", role: "reviewer", departmentCode: code })).status(),
    ).toBe(200);
    await page.reload();

    const table = page.getByTestId("departments");
    await expect(table.getByTestId("department-market")).toContainText("河北省市场监督管理局");
    const row = table.getByTestId(`department-${code}`);
    await expect(row.getByRole("cell")).toHaveText([/^测试编辑局Edit test bureau$/, "市级", "石家庄市 130100", "1", `编辑 ${code}`]);
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "admin");

    await row.getByRole("button", { name: `编辑 ${code}` }).click();
    const edit = page.getByRole("form", { name: `编辑部门 ${code}` });
    await expect(edit.getByLabel("中文名称")).toBeFocused();
    await edit.getByLabel("中文名称").fill("长".repeat(101));
    await edit.getByRole("button", { name: "保存部门" }).click();
    await expect(edit.getByText("内容太长，最多 100 个字。")).toBeVisible();
    await edit.getByLabel("中文名称").fill("石家庄市测试编辑局");
    await edit.getByLabel("行政区划代码").fill("999999");
    await edit.getByRole("button", { name: "保存部门" }).click();
    await expect(edit.getByText("没有这个行政区划代码（六位数字，GB/T 2260）。")).toBeVisible();
    await expect(row.getByRole("cell").first()).toHaveText(/^测试编辑局/);
    await edit.getByLabel("行政区划代码").fill("130102");
    await edit.getByLabel("层级").selectOption("county");
    await edit.getByRole("button", { name: "保存部门" }).click();
    await expect(edit.getByRole("status")).toHaveText(`部门 ${code} 已保存。`);
    await expect(row.getByRole("cell")).toHaveText([/^石家庄市测试编辑局/, "县级", /130102/, "1", `编辑 ${code}`]);
    await screenshots(page, "admin-edit");

    // The same refusals as raw posts: field errors with a 400, nothing written.
    const bad = await trpcPost(page, "identity.updateDepartment", { code, nameZh: "长".repeat(101), nameEn: "", level: "nation", divisionCode: "130102" });
    expect(bad.status()).toBe(400);
    expect(Object.keys(((await bad.json()) as TrpcError).error.json.data.fieldErrors ?? {}).sort()).toEqual(["level", "nameEn", "nameZh"]);
    const unknown = await trpcPost(page, "identity.updateDepartment", { code, nameZh: "某局", nameEn: "Some bureau", level: "city", divisionCode: "999999" });
    expect(unknown.status()).toBe(400);
    expect(((await unknown.json()) as TrpcError).error.json.data.fieldErrors).toEqual({ divisionCode: ["没有这个行政区划代码（六位数字，GB/T 2260）。"] });
    const nowhere = await trpcPost(page, "identity.updateDepartment", {
      code: `none${suffix}`,
      nameZh: "某局",
      nameEn: "Some bureau",
      level: "city",
      divisionCode: "130102",
    });
    expect(nowhere.status()).toBe(404);
    await page.reload();
    await expect(table.getByTestId(`department-${code}`).getByRole("cell").first()).toHaveText(/^石家庄市测试编辑局/);

    // The new reviewer's account is listed; the administrator sets its password, and it signs in with it.
    const account = page.getByTestId(`staff-${login.toUpperCase()}`);
    await expect(account).toContainText("编辑测试审查员");
    await account.getByLabel("新密码").fill("Edit2026pass");
    await account.getByRole("button", { name: `重置密码 ${login.toUpperCase()}` }).click();
    await expect(account.getByRole("status")).toHaveText("已保存，结束了 0 处登录。");
    const ctx = await browser.newContext();
    const reviewer = await ctx.newPage();
    await signIn(reviewer, login, "Edit2026pass");
    await expect(reviewer).toHaveURL(/\/review$/);

    // A reviewer without a department is refused; made a window clerk, the account's session ends.
    await page.reload();
    await account.getByLabel("所属部门").selectOption("");
    await account.getByRole("button", { name: `保存角色和部门 ${login.toUpperCase()}` }).click();
    await expect(page.getByTestId("staff-error")).toHaveText("审查人员必须属于一个部门。");
    await account.getByLabel("角色").selectOption("windowClerk");
    await account.getByRole("button", { name: `保存角色和部门 ${login.toUpperCase()}` }).click();
    await expect(account.getByRole("status")).toHaveText("已保存，结束了 1 处登录。");
    await expect(account).toContainText("综合窗口工作人员");
    await reviewer.goto("/review");
    await expect(reviewer).not.toHaveURL(/\/review$/);
    await ctx.close();
  });

  test("the data office may neither edit a department nor change a staff account (403)", async ({ page }) => {
    await signedIn(page, "dataoffice");
    const update = await trpcPost(page, "identity.updateDepartment", {
      code: "market",
      nameZh: "改名",
      nameEn: "Renamed",
      level: "province",
      divisionCode: "130000",
    });
    expect(update.status()).toBe(403);
    const staff = await trpcPost(page, "identity.updateStaffAccount", { userId: "00000000-0000-4000-8000-000000000000", active: false });
    expect(staff.status()).toBe(403);
  });

  test("is kept out of other roles' pages, and they out of its", async ({ page }) => {
    await signIn(page, "dataoffice");
    await expect(page).toHaveURL(/\/data-office$/);
    await page.goto("/admin");
    await expect(page).not.toHaveURL(/\/admin$/);
  });
});
