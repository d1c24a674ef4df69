import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations, screenshots } from "./helpers";
import { signedIn } from "./sessions";

test.describe("the catalog refuses needless and circular certificates", () => {
  test("the data office reads the catalog check: no findings, and where each service gets its materials", async ({ page }) => {
    await signedIn(page, "dataoffice");
    await page.goto("/data-office/catalog");
    await page.getByRole("link", { name: "目录体检（奇葩证明和循环证明）" }).click();
    await expect(page).toHaveURL(/\/data-office\/catalog\/lint$/);
    await expect(page.getByRole("heading", { name: "目录体检：奇葩证明和循环证明", level: 1 })).toBeVisible();
    await expect(page.getByTestId("lint-none")).toBeVisible();
    // 户口簿 for birth registration and the project approval for the land-use permit come from the registry.
    await expect(page.getByTestId("shared-birthRegistration")).toContainText("户口簿");
    await expect(page.getByTestId("uploaded-birthRegistration")).toHaveText("0");
    await expect(page.getByTestId("shared-landUsePlanningPermit")).toContainText("项目批准、核准或者备案文件");
    await expect(page.getByTestId("uploaded-landUsePlanningPermit")).toContainText("国有土地使用权出让合同");
    await expect(page.getByTestId("supply-report").getByRole("columnheader", { name: /告知承诺/ })).toBeVisible();
    // 告知承诺: the signboard permit's owner consent may be replaced by a commitment, and is not counted as uploaded.
    await expect(page.getByTestId("commitment-outdoorSignboardPermit")).toContainText("建筑物所有权人同意");
    await expect(page.getByTestId("uploaded-outdoorSignboardPermit")).not.toContainText("建筑物所有权人同意");
    await expect(page.locator("#commitment-note")).toContainText("可以告知承诺代替");
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "catalog-lint");
  });

  test("an edit that would make two services need each other's certificates is refused, naming the circle; nothing is saved", async ({ page }) => {
    await signedIn(page, "dataoffice");
    await page.goto("/data-office/catalog?service=landUsePlanningPermit#service-editor");
    const add = page.getByRole("form", { name: "添加申请材料" });
    // The engineering planning permit needs the land-use permit; the land-use permit asking for
    // the engineering planning permit would close the circle.
    await add.getByLabel("材料代码").fill("engineeringPlanningPermit");
    await add.getByLabel("材料名称（中文）").fill("建设工程规划许可证");
    await add.getByLabel("材料名称（英文）").fill("Engineering planning permit");
    await add.getByLabel("法律依据").fill("《中华人民共和国城乡规划法》第四十条");
    await add.getByLabel("提供方式").selectOption("certificate");
    await add.getByLabel("证照类型").selectOption("engineeringPlanningPermit");
    await add.getByRole("button", { name: "添加材料" }).click();
    await expect(add.getByTestId("error-certificateType")).toHaveText(
      "循环证明：建设工程规划许可 —（建设用地规划许可证）→ 建设用地规划许可 —（建设工程规划许可证）→ 建设工程规划许可。",
    );
    await expectNoSeriousAxeViolations(page);
    await page.goto("/data-office/catalog/lint");
    await expect(page.getByTestId("lint-none")).toBeVisible();
    await expect(page.getByTestId("shared-landUsePlanningPermit")).not.toContainText("建设工程规划许可证");
  });
});
