import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations, screenshots } from "./helpers";
import { signedIn } from "./sessions";

// The data office watches the certificate providers (issue 14 item 6): each provider's state,
// last success and failure, error rate and latency, in both languages, at phone width too.

test("the data office sees each certificate provider's health", async ({ page }) => {
  // A verification, so the local registry has a recent call (not found is an answer).
  await page.goto("/verify/99999999999999999");
  await expect(page.getByTestId("verify-not-found")).toBeVisible();

  await signedIn(page, "dataoffice");
  await page.goto("/data-office");
  await page.getByRole("link", { name: "数据源状态" }).first().click();
  await expect(page).toHaveURL(/\/data-office\/providers$/);
  await expect(page.getByRole("heading", { name: "证照数据源状态", level: 1 })).toBeVisible();
  const local = page.locator('[data-provider="local"]');
  await expect(local.getByRole("heading", { name: "本节点证照库" })).toBeVisible();
  await expect(local.getByTestId("provider-state")).toHaveText("正常");
  await expect(local).toContainText("耗时中位数（p50）");
  await expect(local.getByTestId("provider-error-rate")).toHaveText("0%");
  await expect(page.getByRole("navigation", { name: "数据共享管理" }).getByRole("link", { name: "数据源状态" })).toHaveAttribute("aria-current", "page");
  await expectNoSeriousAxeViolations(page);

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL(page.url()).origin }]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Certificate providers", level: 1 })).toBeVisible();
  await expect(local.getByTestId("provider-state")).toHaveText("Healthy");
  await expectNoSeriousAxeViolations(page);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: new URL(page.url()).origin }]);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshots(page, "providers");
});
