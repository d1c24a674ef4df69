import { expect, test } from "@playwright/test";

// public/'s files are served as they are, outside the proxy (see its matcher), with the static
// security headers of next.config.ts; the pages link the icon and the manifest.
test.describe("the files a browser and a crawler ask for", () => {
  test("the favicon, the manifest and its icons, and robots.txt are served", async ({ request }) => {
    const icon = await request.get("/favicon.svg");
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
    expect(icon.headers()["x-content-type-options"]).toBe("nosniff");
    expect(await icon.text()).toContain("<svg");

    const manifest = await request.get("/manifest.webmanifest");
    expect(manifest.status()).toBe(200);
    const body = (await manifest.json()) as { name: string; start_url: string; display: string; icons: Array<{ src: string; type: string }> };
    expect(body).toMatchObject({ name: "通办 Tongban", start_url: "/", display: "standalone" });
    for (const i of body.icons) {
      const served = await request.get(i.src);
      expect(served.status(), i.src).toBe(200);
      expect(served.headers()["content-type"], i.src).toContain(i.type);
    }

    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(robots.headers()["content-type"]).toContain("text/plain");
    const text = await robots.text();
    for (const line of ["Disallow: /api/", "Disallow: /applicant", "Disallow: /start-business", "Allow: /guides", "Allow: /verify"])
      expect(text).toContain(line);
  });

  test("a page links the icon, the manifest and the theme colour, and its CSP lets them load", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page.locator('link[rel="icon"][href="/favicon.svg"]')).toHaveCount(1);
    await expect(page.locator('link[rel="manifest"][href="/manifest.webmanifest"]')).toHaveCount(1);
    await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", "#1b378a");
    // The browser fetches the manifest under the page's CSP (manifest-src falls back to default-src).
    const fetched = await page.evaluate(async () => (await fetch("/manifest.webmanifest")).status);
    expect(fetched).toBe(200);
  });
});
