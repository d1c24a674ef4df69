import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

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

  test("is kept out of other roles' pages, and they out of its", async ({ page }) => {
    await signIn(page, "dataoffice");
    await expect(page).toHaveURL(/\/data-office$/);
    await page.goto("/admin");
    await expect(page).not.toHaveURL(/\/admin$/);
  });
});
