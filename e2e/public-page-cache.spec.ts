import { expect, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { screenshots } from "./helpers";
import { signedIn } from "./sessions";

/**
 * The public pages' copies (src/server/page-cache.ts) over HTTP against the built portal: an
 * anonymous visitor gets the page rendered once per language and catalog version, with a fresh
 * nonce and every security header, and no cookie; a catalog change by the data office shows at once.
 */

const publicPages = ["/", "/guides", "/guides/foodBusinessLicensing", "/track", "/verify", "/open-data"];

/** An anonymous GET with only the language cookie (or none): what a first-time visitor's browser sends. */
function anonymous(request: APIRequestContext, path: string, locale?: "zh-CN" | "en"): Promise<APIResponse> {
  return request.get(path, { headers: locale ? { cookie: `NEXT_LOCALE=${locale}` } : {}, maxRedirects: 0 });
}

function scriptNonces(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\snonce="([^"]+)"/g)].map((m) => m[1]!);
}

function trpcPost(page: Page, path: string, input: unknown) {
  return page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: new URL(page.url()).origin } });
}

test.describe("public pages are rendered once per language and catalog version", () => {
  test("an anonymous visitor gets the copy: a fresh nonce each time, the security headers, and no cookie", async ({ playwright }) => {
    const request = await playwright.request.newContext();
    for (const path of publicPages) {
      await anonymous(request, path); // the first answer renders the copy
      const [a, b] = [await anonymous(request, path), await anonymous(request, path)];
      for (const res of [a, b]) {
        expect(res.status(), path).toBe(200);
        expect(res.headers()["x-page-cache"], path).toMatch(/^(hit|stale)$/);
        expect(res.headers()["set-cookie"], path).toBeUndefined();
        expect(res.headers()["x-frame-options"], path).toBe("DENY");
        expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
        expect(res.headers()["referrer-policy"], path).toBe("same-origin");
        expect(res.headers()["x-request-id"], path).toBeTruthy();
      }
      const [htmlA, htmlB] = [await a.text(), await b.text()];
      const [cspA, cspB] = [a.headers()["content-security-policy"] ?? "", b.headers()["content-security-policy"] ?? ""];
      const nonceA = /'nonce-([^']+)'/.exec(cspA)?.[1];
      const nonceB = /'nonce-([^']+)'/.exec(cspB)?.[1];
      expect(nonceA, path).toBeTruthy();
      expect(nonceA, path).not.toBe(nonceB);
      expect(a.headers()["x-request-id"]).not.toBe(b.headers()["x-request-id"]);
      // Every script Next.js put on the page carries this answer's nonce, and no other.
      expect(scriptNonces(htmlA).length, path).toBeGreaterThan(0);
      expect(new Set(scriptNonces(htmlA)), path).toEqual(new Set([nonceA]));
      expect(new Set(scriptNonces(htmlB)), path).toEqual(new Set([nonceB]));
      expect(cspA.replaceAll(nonceA!, "N"), path).toBe(cspB.replaceAll(nonceB!, "N"));
      expect(cspA).toContain("'strict-dynamic'");
      expect(cspA).not.toContain("unsafe-inline");
    }
    await request.dispose();
  });

  test("the Chinese and the English copies never mix", async ({ playwright }) => {
    const request = await playwright.request.newContext();
    // Interleaved, so a copy kept under the wrong language would show.
    for (let round = 0; round < 3; round++) {
      for (const locale of ["zh-CN", "en", undefined] as const) {
        for (const path of ["/guides/foodBusinessLicensing", "/guides", "/"]) {
          const res = await anonymous(request, path, locale);
          const html = await res.text();
          const lang = locale ?? "zh-CN";
          expect(html, `${path} ${lang}`).toContain(`<html lang="${lang}"`);
          // The layout's own words and the service's name, in the page's language only (legal
          // bases are Chinese in both, so the name is looked for as a link's or heading's text).
          const [own, other] = lang === "en" ? ["Skip to main content", "跳到主要内容"] : ["跳到主要内容", "Skip to main content"];
          expect(html, `${path} ${lang}`).toContain(own);
          expect(html, `${path} ${lang}`).not.toContain(other);
          const name = lang === "en" ? "Food business licence" : "食品经营许可";
          const otherName = lang === "en" ? "食品经营许可" : "Food business licence";
          expect(html, `${path} ${lang}`).toMatch(new RegExp(`>${name}<`));
          expect(html, `${path} ${lang}`).not.toMatch(new RegExp(`>${otherName}<`));
        }
      }
    }
    await request.dispose();
  });

  test("in a browser the copy runs its scripts under the CSP, and switching the language shows the other copy", async ({ page }) => {
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    await page.goto("/guides");
    const again = await page.goto("/guides");
    expect(again?.headers()["x-page-cache"]).toMatch(/^(hit|stale)$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // React took the page over (hydration needs the nonce'd scripts): the language switch works.
    await page.getByTestId("language-switch").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.goto("/guides");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    expect(refused).toEqual([]);
    await screenshots(page, "guides-copy");
  });

  test("a signed-in visitor's public page is rendered for them, with their name", async ({ page }) => {
    await signedIn(page, "dataoffice");
    const res = await page.goto("/guides");
    expect(res?.headers()["x-page-cache"]).toBeUndefined();
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
  });

  test("the data office renames a service: the public guide and the guide list show the new name at once", async ({ page, playwright }) => {
    const code = `cacheRename${Date.now().toString(36)}`;
    // Neither name holds the other, so "the old name is gone" can fail.
    const before = { zh: `旧名称事项${code.slice(-6)}`, en: `Old name service ${code.slice(-6)}` };
    const after = { zh: `新名称事项${code.slice(-6)}`, en: `New name service ${code.slice(-6)}` };
    const service = {
      code,
      departmentCode: "housing",
      legalBasis: "《城市市容和环境卫生管理条例》第十一条",
      conditionsZh: "设置位置符合规划。",
      conditionsEn: "The site fits the plan.",
      statutoryDays: "20",
      promisedDays: "10",
      feeYuan: "0",
      applicantKinds: ["enterprise"],
      issuesCertificateType: "",
      registersEntity: false,
      autoAcceptance: false,
      deemedApprovalOnTimeout: false,
      published: true,
    };
    await signedIn(page, "dataoffice");
    expect((await trpcPost(page, "catalog.createService", { ...service, nameZh: before.zh, nameEn: before.en })).status()).toBe(200);

    const request = await playwright.request.newContext();
    for (const locale of ["zh-CN", "en"] as const) {
      await anonymous(request, `/guides/${code}`, locale);
      const kept = await anonymous(request, `/guides/${code}`, locale);
      expect(kept.headers()["x-page-cache"]).toBe("hit");
      expect(await kept.text()).toContain(locale === "en" ? before.en : before.zh);
    }
    await anonymous(request, "/guides");
    expect(await (await anonymous(request, "/guides")).text()).toContain(before.zh);

    const renamed = await trpcPost(page, "catalog.updateService", { ...service, nameZh: after.zh, nameEn: after.en });
    expect(renamed.status()).toBe(200);

    // No waiting: the save returned after this node read the new catalog version.
    for (const locale of ["zh-CN", "en"] as const) {
      const html = await (await anonymous(request, `/guides/${code}`, locale)).text();
      expect(html).toContain(locale === "en" ? after.en : after.zh);
      expect(html).not.toContain(locale === "en" ? before.en : before.zh);
    }
    const list = await (await anonymous(request, "/guides")).text();
    expect(list).toContain(after.zh);
    expect(list).not.toContain(before.zh);
    await request.dispose();
  });
});
