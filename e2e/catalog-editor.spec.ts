import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./helpers";
import { signedIn, signedInForEnterprise } from "./sessions";

const restaurantCompany = "91130602MA0TB002XR";
const qian = "130102199003070011";

type TrpcError = { error: { json: { data: { httpStatus: number; fieldErrors: Record<string, string[]> | null } } } };

/** A raw POST to a tRPC mutation with the page's session, from the portal's own origin (as a browser's). */
function trpcPost(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: new URL(page.url()).origin } });
}

test.describe("the data office edits the catalog in the portal", () => {
  // One long journey: the office's edits, then an enterprise's guide and application, then the window.
  test.describe.configure({ timeout: 180_000 });
  test("creates a service with two materials and a bundle, publishes them, and an enterprise reads their guides; bad input is refused on its fields", async ({
    page,
    browser,
  }) => {
    const suffix = Date.now().toString(36);
    const code = `advert${suffix}`;
    const bundleCode = `openShop${suffix}`;
    await signedIn(page, "dataoffice");
    await page.goto("/data-office/catalog");
    await expect(page.getByRole("heading", { name: "事项目录管理", level: 1 })).toBeVisible();
    const versionBefore = Number((await page.getByTestId("catalog-version").textContent())?.match(/\d+/)?.[0]);

    // A new service: first with what the province file refuses, then sound.
    await page.locator("summary", { hasText: "新建事项" }).click();
    const create = page.getByRole("form", { name: "新建事项" });
    await create.getByLabel("代码").fill("foodBusinessLicensing");
    await create.getByLabel("中文名称").fill("户外广告设施设置许可（测试）");
    await create.getByLabel("英文名称").fill("Outdoor advertising permit (test)");
    await create.getByLabel("实施部门").selectOption("housing");
    await create.getByLabel("法定时限（工作日）").fill("5");
    await create.getByLabel("承诺时限（工作日）").fill("10");
    await create.getByRole("button", { name: "新建" }).click();
    await expect(create.getByTestId("error-promisedDays")).toHaveText("承诺时限不能超过法定时限。");
    await create.getByLabel("承诺时限（工作日）").fill("3");
    await create.getByRole("button", { name: "新建" }).click();
    await expect(create.getByTestId("error-legalBasis")).toContainText("请填写法律依据");
    await create.getByLabel("设定依据（法律依据）").fill("《城市市容和环境卫生管理条例》第十一条");
    await create.getByLabel("受理条件（中文）").fill("设置位置符合户外广告设置规划。");
    await create.getByLabel("受理条件（英文）").fill("The site fits the outdoor advertising plan.");
    // Only the server knows the code is taken: its answer lands on the field.
    await create.getByRole("button", { name: "新建" }).click();
    await expect(create.getByTestId("error-code")).toHaveText("该代码已被使用，请换一个。");
    await create.getByLabel("代码").fill(code);
    await create.getByRole("button", { name: "新建" }).click();
    await expect(page).toHaveURL(new RegExp(`service=${code}`));

    const editor = page.getByRole("form", { name: "编辑事项：户外广告设施设置许可（测试）" });
    await expect(editor.getByLabel("承诺时限（工作日）")).toHaveValue("3");

    // Two materials; one without a legal basis and a key in use are refused first.
    const add = page.getByRole("form", { name: "添加申请材料" });
    await add.getByLabel("材料代码").fill("advertText");
    await add.getByLabel("材料名称（中文）").fill("广告内容");
    await add.getByLabel("材料名称（英文）").fill("Text of the advert");
    await add.getByLabel("填写方式").selectOption("textarea");
    await add.getByRole("button", { name: "添加材料" }).click();
    await expect(add.getByTestId("error-legalBasis")).toContainText("请填写法律依据");
    await add.getByLabel("法律依据").fill("《城市市容和环境卫生管理条例》第十一条");
    await add.getByRole("button", { name: "添加材料" }).click();
    await expect(page.getByRole("heading", { name: "申请材料（1 项）" })).toBeVisible();

    await add.getByLabel("材料代码").fill("advertText");
    await add.getByLabel("材料名称（中文）").fill("重复的材料");
    await add.getByLabel("材料名称（英文）").fill("Duplicate");
    await add.getByLabel("法律依据").fill("《城市市容和环境卫生管理条例》第十一条");
    await add.getByRole("button", { name: "添加材料" }).click();
    await expect(add.getByTestId("error-key")).toHaveText("该事项已有这个材料代码。");
    await add.getByLabel("材料代码").fill("siteDrawing");
    await add.getByLabel("材料名称（中文）").fill("设置位置效果图");
    await add.getByLabel("材料名称（英文）").fill("Drawing of the site");
    await add.getByLabel("提供方式").selectOption("upload");
    await add.getByLabel("法律依据").fill("《河北省城市市容和环境卫生条例》第二十条");
    await add.getByLabel("必需提交（不勾选则按情况提交）").uncheck();
    await add.getByRole("button", { name: "添加材料" }).click();
    await expect(add.getByTestId("error-conditionZh")).toHaveText("按情况提交的材料须写明何种情况下需要。");
    await add.getByLabel("何种情况下需要（中文）").fill("设置在建筑物外墙的");
    await add.getByLabel("何种情况下需要（英文）").fill("When it is put up on an outside wall");
    await add.getByRole("button", { name: "添加材料" }).click();
    await expect(page.getByRole("heading", { name: "申请材料（2 项）" })).toBeVisible();

    // Published, it is listed in the guides.
    await editor.getByLabel("公开发布").check();
    await editor.getByRole("button", { name: "保存" }).click();
    await expect(editor.getByRole("status")).toHaveText("已保存。");
    await expect(page.locator("#service-editor").getByRole("link", { name: "查看办事指南" })).toBeVisible();

    // A bundle of the new service and a published one.
    await page.locator("summary", { hasText: "新建“一件事”" }).click();
    const bundle = page.getByRole("form", { name: "新建“一件事”" });
    await bundle.getByLabel("代码").fill(bundleCode);
    await bundle.getByLabel("中文名称").fill("开店挂招牌“一件事”（测试）");
    await bundle.getByLabel("英文名称").fill("Open a shop with a sign (test)");
    await bundle.getByLabel("说明（中文）").fill("一次申请，户外广告和户外招牌同步审批。");
    await bundle.getByLabel("说明（英文）").fill("Apply once; the advert and the signboard are reviewed at once.");
    await bundle.getByRole("button", { name: "新建" }).click();
    await expect(bundle.getByTestId("error-leadDepartmentCode")).toBeVisible();
    await expect(bundle.getByTestId("error-steps")).toHaveText("“一件事”至少要有一个环节。");
    await bundle.getByLabel("牵头部门").selectOption("housing");
    await bundle.getByLabel(new RegExp(`户外广告设施设置许可（测试） ${code}`)).check();
    await bundle.getByLabel(/户外招牌设置审批 outdoorSignboardPermit/).check();
    await bundle.getByRole("button", { name: "新建" }).click();
    await expect(bundle.getByRole("status")).toContainText(bundleCode);
    const card = page.getByTestId(`bundle-${bundleCode}`);
    await page.waitForLoadState("networkidle");
    await card.getByRole("button", { name: "发布：开店挂招牌“一件事”（测试）" }).click();
    await expect(card.getByRole("button", { name: "撤回发布：开店挂招牌“一件事”（测试）" })).toBeVisible();

    // Every change made a version, listed with what it was about.
    const versions = page.getByTestId("catalog-versions");
    await expect(page.getByTestId("catalog-version")).toHaveText(`当前目录版本 ${versionBefore + 6}`);
    await expect(versions.getByRole("row", { name: new RegExp(`新建事项 ${code}`) })).toContainText("李管理");
    await expect(versions.getByRole("row", { name: new RegExp(`发布或撤回“一件事” ${bundleCode}`) })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // Through HTTP, as the signed-in office: a 400 with field errors, nothing written.
    const bad = await trpcPost(page, "catalog.createService", {
      code: `never${suffix}`,
      nameZh: "不应写入",
      nameEn: "Never",
      departmentCode: "noSuchDepartment",
      legalBasis: "",
      conditionsZh: "",
      conditionsEn: "",
      statutoryDays: "5",
      promisedDays: "10",
      feeYuan: "0",
      applicantKinds: ["enterprise"],
      issuesCertificateType: "",
      registersEntity: false,
      autoAcceptance: false,
      deemedApprovalOnTimeout: false,
      published: true,
    });
    expect(bad.status()).toBe(400);
    expect(Object.keys(((await bad.json()) as TrpcError).error.json.data.fieldErrors ?? {}).sort()).toEqual(["legalBasis", "promisedDays"]);
    const unknown = await trpcPost(page, "catalog.createService", {
      code: `never${suffix}`,
      nameZh: "不应写入",
      nameEn: "Never",
      departmentCode: "noSuchDepartment",
      legalBasis: "《测试》第一条",
      conditionsZh: "",
      conditionsEn: "",
      statutoryDays: "5",
      promisedDays: "5",
      feeYuan: "0",
      applicantKinds: ["enterprise"],
      registersEntity: false,
      autoAcceptance: false,
      deemedApprovalOnTimeout: false,
      published: true,
    });
    expect(unknown.status()).toBe(400);
    expect(((await unknown.json()) as TrpcError).error.json.data.fieldErrors).toEqual({ departmentCode: ["没有这个部门。"] });
    await page.reload();
    await expect(page.getByTestId("catalog-services")).not.toContainText(`never${suffix}`);

    // An enterprise reads the bundle's guide: both steps, each material with its legal basis.
    const context = await browser.newContext({ locale: "zh-CN" });
    const shop = await context.newPage();
    await signedInForEnterprise(shop, restaurantCompany, qian);
    await shop.goto("/guides");
    await shop.getByTestId("guide-bundles").getByRole("link", { name: "开店挂招牌“一件事”（测试）" }).click();
    await expect(shop.getByRole("heading", { level: 1 })).toHaveText("开店挂招牌“一件事”（测试）");
    const materials = shop.getByTestId("materials");
    await expect(materials.getByRole("row", { name: /广告内容/ })).toContainText("《城市市容和环境卫生管理条例》第十一条");
    await expect(materials.getByRole("row", { name: /设置位置效果图/ })).toContainText("《河北省城市市容和环境卫生条例》第二十条");
    await expect(shop.getByTestId("bundle-stages")).toContainText("户外招牌设置审批");
    await expect(shop.getByTestId("apply-online")).toHaveAttribute("href", `/apply/bundle/${bundleCode}`);
    await shop.goto(`/guides/${code}`);
    await expect(shop.getByTestId("promised-days")).toHaveText("3 个工作日");

    // It applies for the service: the application records the catalog version, shown to it and to the window.
    await shop.goto(`/apply/service/${code}`);
    await expect(shop).toHaveURL(/key=/);
    await shop.getByLabel(/广告内容/).fill("示例商店开业大吉");
    await shop.getByRole("button", { name: "提交申请" }).click();
    await expect(shop).toHaveURL(/\/applications\/[0-9a-f-]{36}\?submitted=1/);
    const applicationId = new URL(shop.url()).pathname.split("/").at(-1) ?? "";
    await expect(shop.getByTestId("catalog-version")).toHaveText(`目录版本 ${versionBefore + 6}`);
    await context.close();

    const clerkContext = await browser.newContext({ locale: "zh-CN" });
    const clerk = await clerkContext.newPage();
    await signedIn(clerk, "clerk");
    await clerk.goto(`/window/${applicationId}`);
    await expect(clerk.getByTestId("case-summary").getByTestId("catalog-version")).toHaveText(`目录版本 ${versionBefore + 6}`);
    await clerkContext.close();
  });
});
