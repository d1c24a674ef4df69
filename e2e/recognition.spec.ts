import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations, screenshots } from "./helpers";
import { contextSignedIn } from "./sessions";

const todayInChina = () => new Date(Date.now() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

interface RecognitionJson {
  region: string;
  generatedAt: string;
  entries: Array<{
    service: { code: string };
    foreignRegion: string;
    foreignCertificateType: { code: string; nameZh: string; nameEn: string };
    inPlaceOf: { code: string };
    legalBasis: string;
    validFrom: string;
    validUntil: string | null;
  }>;
}

test.describe("the recognition matrix (跨地区证照互认)", () => {
  test.describe.configure({ timeout: 180_000 });

  test("the data office adds an entry; the public page and the JSON show it; a duplicate is refused on its field; the entry is ended", async ({
    page,
    browser,
  }) => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const code = `testLicence${suffix}`;
    const nameZh = `测试营业执照${suffix}`;
    const legalBasis = "《国务院办公厅关于加快推进政务服务“跨省通办”的指导意见》（国办发〔2020〕35号）";

    const office = await contextSignedIn(browser, "dataoffice");
    const staff = await office.newPage();
    await staff.goto("/data-office");
    await staff.getByRole("link", { name: "跨地区证照互认目录" }).click();
    await expect(staff.getByRole("heading", { name: "跨地区证照互认目录", level: 1 })).toBeVisible();
    const fill = async () => {
      await staff.getByLabel("本地区事项").selectOption({ label: "食品经营许可" });
      await staff.getByLabel("签发地区").selectOption({ label: "北京市" });
      await staff.getByLabel("对方证照类型代码").fill(code);
      await staff.getByLabel("对方证照名称（中文）").fill(nameZh);
      await staff.getByLabel("对方证照名称（英文）").fill(`Test business licence ${suffix}`);
      await staff.getByLabel("替代本地区证照").selectOption({ label: "营业执照" });
      await staff.getByLabel("法律依据").fill(legalBasis);
      await staff.getByLabel("有效期起").fill(todayInChina());
    };
    // Hebei is this node's own region: not offered.
    await expect(staff.getByLabel("签发地区").locator("option", { hasText: "河北省" })).toHaveCount(0);
    await fill();
    await staff.getByRole("button", { name: "添加", exact: true }).click();
    await expect(staff.getByText("已添加，并已公开。")).toBeVisible();
    const item = staff.getByTestId("office-recognitions").locator(`[data-foreign-type="${code}"]`);
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute("data-status", "active");
    await expect(item).toContainText(nameZh);
    await expectNoSeriousAxeViolations(staff);
    await screenshots(staff, "recognition-office");

    // Public: the page (linked from the footer) and the JSON.
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: "跨地区证照互认" }).click();
    await expect(page.getByRole("heading", { name: "跨地区证照互认", level: 1 })).toBeVisible();
    const listed = page.getByTestId("recognitions").locator(`[data-foreign-type="${code}"]`);
    await expect(listed).toContainText(nameZh);
    await expect(listed).toContainText("北京市");
    await expect(listed).toContainText("食品经营许可");
    await expect(listed).toContainText(legalBasis);
    await expectNoSeriousAxeViolations(page);
    await screenshots(page, "recognition-public");
    const res = await page.request.get("/api/open/recognition.json");
    expect(res.status()).toBe(200);
    const json = (await res.json()) as RecognitionJson;
    expect(json.region).toBe("hebei");
    expect(Number.isNaN(Date.parse(json.generatedAt))).toBe(false);
    expect(json.entries).toContainEqual(
      expect.objectContaining({
        service: expect.objectContaining({ code: "foodBusinessLicensing" }),
        foreignRegion: "beijing",
        foreignCertificateType: expect.objectContaining({ code, nameZh }),
        inPlaceOf: expect.objectContaining({ code: "businessLicence" }),
        validFrom: todayInChina(),
        validUntil: null,
      }),
    );

    // The same entry again: refused on the foreign type's field, nothing added.
    await fill();
    await staff.getByRole("button", { name: "添加", exact: true }).click();
    await expect(staff.getByText("该事项已互认此地区的这一证照类型，不能重复添加。")).toBeVisible();
    await expect(staff.getByLabel("对方证照类型代码")).toHaveAttribute("aria-invalid", "true");
    await staff.reload();
    await expect(staff.getByTestId("office-recognitions").locator(`[data-foreign-type="${code}"]`)).toHaveCount(1);

    // Ended: kept for the data office, gone from the published matrix.
    await staff.getByTestId("office-recognitions").locator(`[data-foreign-type="${code}"]`).getByRole("button", { name: "终止" }).click();
    await expect(staff.getByTestId("office-recognitions").locator(`[data-foreign-type="${code}"]`)).toHaveAttribute("data-status", "ended");
    await expect(staff.getByTestId("office-recognitions").locator(`[data-foreign-type="${code}"]`)).toContainText("已终止");
    await office.close();
    const after = (await (await page.request.get("/api/open/recognition.json")).json()) as RecognitionJson;
    expect(after.entries.some((e) => e.foreignCertificateType.code === code)).toBe(false);
    await page.goto("/recognition");
    await expect(page.getByTestId("recognitions").locator(`[data-foreign-type="${code}"]`)).toHaveCount(0);
  });
});
