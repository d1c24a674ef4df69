import http from "node:http";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { demoPeople, freshIdNumber, signIn } from "./helpers";
import { signedInForEnterprise } from "./sessions";

// The browser tests' server trusts one proxy hop (TRUST_PROXY=1 in playwright.config.ts), so a
// test can play a client of its own address with X-Forwarded-For and exhaust that address's
// limits without slowing the other journeys, which all come from 127.0.0.1.
let addressCounter = Math.floor(Math.random() * 200);
const freshAddress = () => `203.0.113.${(addressCounter = (addressCounter + 1) % 250) + 1}`;

const tradingCompany = "91130102MA0TB00118";

function origin(baseURL: string | undefined): string {
  return new URL(baseURL ?? "http://127.0.0.1:3100").origin;
}

async function trpcPost(request: APIRequestContext, baseURL: string | undefined, path: string, input: unknown, headers: Record<string, string> = {}) {
  return request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: origin(baseURL), ...headers } });
}

type TrpcError = { error: { json: { message: string; data: { httpStatus: number; fieldErrors: Record<string, string[]> | null } } } };

test.describe("validation reaches the user as field errors, never a 500", () => {
  test("an incomplete application, through the browser and through HTTP, is a 400 with field errors", async ({ page, baseURL }) => {
    await signedInForEnterprise(page, tradingCompany, demoPeople.zhao);
    await expect(page).toHaveURL(/\/applicant$/);
    await page.goto("/apply/service/foodBusinessLicensing");
    await expect(page).toHaveURL(/key=/);
    // The situation questions answered, every data field filled, but the required uploads left
    // out: only the server can tell.
    for (const question of await page.locator('[data-testid^="situation-"]').all()) await question.locator('input[type="radio"]').first().check();
    const data = page.getByTestId("apply-data");
    for (const input of await data.locator('input[type="text"]:not([readonly])').all()) {
      await input.fill((await input.getAttribute("inputmode")) === "decimal" ? "120" : "保定市竞秀区示例路 1 号");
    }
    for (const input of await data.locator('input[type="date"]').all()) await input.fill("2026-03-01");
    for (const area of await data.locator("textarea").all()) await area.fill("餐饮服务");
    for (const select of await data.locator("select").all()) {
      const value = await select.locator("option").nth(1).getAttribute("value");
      if (value) await select.selectOption(value);
    }
    await page.getByLabel(/我同意本次申请使用政府已有/).check();
    const answer = page.waitForResponse((r) => r.url().includes("/api/trpc/applications.submit"));
    await page.getByRole("button", { name: "提交申请" }).click();
    const response = await answer;
    expect(response.status()).toBe(400);
    await expect(page.locator('[data-testid^="error-materials."]').first()).toBeVisible();
    await expect(page).toHaveURL(/\/apply\//);
    await expect(page.getByText("系统出现问题")).toHaveCount(0);

    // The same through a raw POST to the endpoint, as the signed-in company.
    const key = new URL(page.url()).searchParams.get("key") ?? `e2e-${Date.now()}`;
    const raw = await trpcPost(page.request, baseURL, "applications.submit", {
      subject: { kind: "service", code: "foodBusinessLicensing" },
      idempotencyKey: key,
      // The situations answered (without them the server cannot tell which materials apply).
      situations: { applicantType: "company", premises: "newShop" },
      formData: {},
      materials: {},
      consent: false,
    });
    expect(raw.status()).toBe(400);
    const body = (await raw.json()) as TrpcError;
    const fields = Object.keys(body.error.json.data.fieldErrors ?? {});
    expect(fields.some((f) => f.startsWith("formData."))).toBe(true);
    expect(fields.some((f) => f.startsWith("materials."))).toBe(true);

    // Without the situations, the answer names them: a field error, not a 500.
    const noSituations = await trpcPost(page.request, baseURL, "applications.submit", {
      subject: { kind: "service", code: "foodBusinessLicensing" },
      idempotencyKey: `${key}-2`,
      formData: {},
      materials: {},
      consent: false,
    });
    expect(noSituations.status()).toBe(400);
    const noSituationsBody = (await noSituations.json()) as TrpcError;
    expect(Object.keys(noSituationsBody.error.json.data.fieldErrors ?? {}).some((f) => f.startsWith("situations."))).toBe(true);
  });

  test("a NUL byte in a registering citizen's name is a 400 with an error on the name", async ({ request, baseURL }) => {
    const response = await trpcPost(request, baseURL, "identity.registerCitizen", {
      name: "褚\u0000测试",
      idNumber: freshIdNumber(),
      phone: "13900000012",
      password: "Browser2026",
      confirmPassword: "Browser2026",
    });
    expect(response.status()).toBe(400);
    const body = (await response.json()) as TrpcError;
    expect(body.error.json.data.fieldErrors?.name?.[0]).toContain("控制字符");
    expect(JSON.stringify(body)).not.toMatch(/Failed query|params|scrypt/);
  });
});

test.describe("request limits", () => {
  test("a tRPC body over 1 MiB is refused with 413, declared or chunked", async ({ request, baseURL }) => {
    const big = await request.post("/api/trpc/identity.registerCitizen", {
      headers: { origin: origin(baseURL), "content-type": "application/json" },
      data: JSON.stringify({ json: { name: "x".repeat(2 * 1024 * 1024) } }),
    });
    expect(big.status()).toBe(413);

    // Chunked: no Content-Length, so only counting while reading can stop it.
    const url = new URL("/api/trpc/identity.registerCitizen", baseURL);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        url,
        { method: "POST", headers: { origin: url.origin, "content-type": "application/json", "transfer-encoding": "chunked" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      for (let i = 0; i < 8; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });

  test("a path with broken percent-encoding is refused with 400, not a 500", async ({ baseURL }) => {
    // Playwright's request client would re-encode the path: send it raw.
    const url = new URL(baseURL ?? "http://localhost");
    for (const path of ["/guides/%E0%A4%A", "/%", "/track/%ZZ?x=1"]) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, path, method: "GET" }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
      expect(status, path).toBe(400);
    }
  });

  test("a batch of more than 20 calls is refused with 400", async ({ request }) => {
    const calls = Array.from({ length: 21 }, () => "catalog.guides").join(",");
    const response = await request.get(`/api/trpc/${calls}?batch=1&input=${encodeURIComponent("{}")}`);
    expect(response.status()).toBe(400);
  });

  test("tracking answers 429 with Retry-After once an address has asked too often, page and procedure alike", async ({ request }) => {
    const address = freshAddress();
    const headers = { "x-forwarded-for": address };
    let refused = null as Awaited<ReturnType<typeof request.get>> | null;
    for (let i = 0; i < 25 && !refused; i++) {
      const r = await request.get(`/track?trackingNumber=13010220260302000017&queryCode=NOPE${i}`, { headers });
      if (r.status() === 429) refused = r;
      else expect(r.status()).toBe(200);
    }
    expect(refused, "the page is refused within 25 tries").not.toBeNull();
    expect(Number(refused!.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await refused!.text()).toContain("请求过于频繁");

    const procedure = await request.get(
      `/api/trpc/applications.track?input=${encodeURIComponent(JSON.stringify({ json: { trackingNumber: "13010220260302000017", queryCode: "NOPE" } }))}`,
      { headers: { "x-forwarded-for": freshAddress() } },
    );
    expect(procedure.status()).toBe(404);
    // Another address is not affected.
    expect((await request.get("/track?trackingNumber=13010220260302000017&queryCode=OTHER", { headers: { "x-forwarded-for": freshAddress() } })).status()).toBe(
      200,
    );
  });

  test("password sign-ins answer 429 with Retry-After past 60 a minute from one address, and the form says when to come back", async ({
    browser,
    request,
    baseURL,
  }) => {
    const address = freshAddress();
    let status = 0;
    let retryAfter = "";
    for (let i = 0; i < 61; i++) {
      const r = await request.post("/api/auth/callback/credentials", {
        headers: { origin: origin(baseURL), "x-forwarded-for": address, "x-auth-return-redirect": "1" },
        form: { login: `nobody.${i}`, password: "Wrong2026x", csrfToken: "none" },
      });
      status = r.status();
      retryAfter = r.headers()["retry-after"] ?? "";
    }
    expect(status).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);

    // The same address in a browser: the form explains instead of failing silently.
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
    const page = await context.newPage();
    await signIn(page, "clerk");
    await expect(page.getByTestId("form-error")).toHaveText("尝试次数过多，请 1 分钟后再试。");
    await context.close();
  });
});

test.describe("the edges of the web", () => {
  test("before the page's script runs, the sign-in form cannot be sent (a browser GET would put the password in the address)", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto("/sign-in");
    const form = page.locator("form").filter({ has: page.getByLabel("密码", { exact: true }) });
    await expect(form).toHaveAttribute("method", "post");
    await expect(page.getByLabel("密码", { exact: true })).toBeDisabled();
    await expect(page.getByRole("button", { name: "登录" })).toBeDisabled();
    await context.close();
  });

  test("a callback URL that leaves the portal is refused after sign-in", async ({ page }) => {
    await page.goto("/sign-in?callbackUrl=%2F%09%2Fevil.host");
    await page.getByLabel("账号", { exact: true }).fill("clerk");
    await page.getByLabel("密码", { exact: true }).fill("Tongban2026");
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page).toHaveURL(/\/window$/);
    expect(new URL(page.url()).hostname).toBe("127.0.0.1");
  });

  test("a request from another site cannot sign out, mutate or post a form", async ({ request, baseURL }) => {
    for (const [path, data] of [
      ["/sign-out", undefined],
      ["/acting-for", undefined],
      ["/api/trpc/notifications.markAllRead", { json: null }],
      ["/api/uploads", undefined],
    ] as const) {
      const foreign = await request.post(path, { headers: { origin: "https://evil.example" }, data });
      expect(foreign.status(), path).toBe(403);
      const none = await request.post(path, { data });
      expect(none.status(), `${path} without Origin`).toBe(403);
    }
    // From the portal's own origin the sign-out goes through.
    expect((await request.post("/sign-out", { headers: { origin: origin(baseURL) }, maxRedirects: 0 })).status()).toBe(303);
  });

  test("pages carry a nonce CSP and the security headers; the API answers no-store", async ({ request }) => {
    const page = await request.get("/sign-in");
    const h = page.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("same-origin");
    expect(h["permissions-policy"]).toContain("camera=()");
    expect(h["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    // Plain HTTP: no HSTS (it is sent only over TLS).
    expect(h["strict-transport-security"]).toBeUndefined();
    const api = await request.get(`/api/trpc/catalog.guides?input=${encodeURIComponent("{}")}`);
    expect(api.headers()["cache-control"]).toBe("no-store");
    // A well-formed request id is kept, a malformed one replaced.
    expect((await request.get("/api/health", { headers: { "x-request-id": "abc-123-def-456" } })).headers()["x-request-id"]).toBe("abc-123-def-456");
    expect((await request.get("/api/health", { headers: { "x-request-id": "bad id <script>" } })).headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("the content security policy blocks nothing of the portal's own", async ({ page }) => {
    const violations: string[] = [];
    const watch = (p: Page) => {
      p.on("console", (m) => {
        if (m.type() === "error" && /Content Security Policy|Refused to (load|execute|apply|frame|connect)/i.test(m.text()))
          violations.push(`${p.url()}: ${m.text()}`);
      });
      p.on("pageerror", (e) => violations.push(`${p.url()}: ${e.message}`));
    };
    watch(page);
    await page.goto("/");
    await page.getByTestId("senior-switch").click();
    await expect(page.locator("html")).toHaveAttribute("data-senior", "true");
    await page.getByTestId("senior-switch").click();
    await expect(page.locator("html")).toHaveAttribute("data-senior", "false");
    await page.goto("/guides");
    await page.goto("/credit-codes");
    await signedInForEnterprise(page, tradingCompany, demoPeople.zhao);
    await expect(page).toHaveURL(/\/applicant$/);
    await page.goto("/apply/service/foodBusinessLicensing");
    await expect(page).toHaveURL(/key=/);
    await expect(page.getByRole("button", { name: "提交申请" })).toBeEnabled();
    await page.goto("/applicant/certificates");
    await page.locator('a[href^="/applicant/certificates/"]').first().click();
    const qr = page.locator('[data-testid="printable-certificate"] svg[role="img"]');
    await expect(qr).toBeVisible();
    await page.goto("/open-data");
    expect(violations).toEqual([]);
  });
});
