import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, originVerdict } from "./security-headers";

describe("the Origin check", () => {
  const post = (origin: string | null, host = "portal.example:3000", secFetchSite: string | null = null) => ({ method: "POST", origin, host, secFetchSite });

  it("lets reads through", () => {
    expect(originVerdict({ method: "GET", origin: null, secFetchSite: null, host: null })).toEqual({ ok: true });
    expect(originVerdict({ method: "HEAD", origin: "https://evil.example", secFetchSite: "cross-site", host: null }).ok).toBe(true);
  });

  it("lets a post from the portal's own pages through", () => {
    expect(originVerdict(post("http://portal.example:3000")).ok).toBe(true);
    expect(originVerdict(post(null, "portal.example:3000", "same-origin")).ok).toBe(true);
  });

  it.each([
    ["another site", post("https://evil.example")],
    ["another host of the same site", post("http://files.portal.example:3000")],
    ["another port", post("http://portal.example:4000")],
    ["an opaque origin (sandboxed frame, data: URL)", post("null")],
    ["no Origin and a same-site fetch", post(null, "portal.example:3000", "same-site")],
    ["no Origin and no Sec-Fetch-Site", post(null)],
    ["a malformed Origin", post("::not a url")],
  ])("refuses a post from %s", (_what, request) => {
    expect(originVerdict(request).ok).toBe(false);
  });

  it("compares with AUTH_URL's origin when set, scheme included", () => {
    expect(originVerdict(post("https://tongban.hebei.gov.cn", "10.0.0.5:3000"), "https://tongban.hebei.gov.cn/").ok).toBe(true);
    expect(originVerdict(post("http://tongban.hebei.gov.cn", "tongban.hebei.gov.cn"), "https://tongban.hebei.gov.cn").ok).toBe(false);
  });
});

describe("the content security policy", () => {
  it("allows scripts only by nonce, no framing, no base or plugin tricks", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("unsafe-inline");
    for (const d of ["frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'", "form-action 'self'", "img-src 'self' data:", "connect-src 'self'"])
      expect(csp).toContain(d);
  });

  it("lets the sign-in form post on to the identity platform when one is configured", () => {
    expect(contentSecurityPolicy("n", { formTargets: ["https://sso.hebei.gov.cn"] })).toContain("form-action 'self' https://sso.hebei.gov.cn");
  });
});
