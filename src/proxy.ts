import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import { localeCookie, resolveLocale } from "@/i18n/locales";
import { translateServerMessage } from "@/i18n/messages";
import { areaFor, landingPath, mayEnter } from "@/modules/identity/model";
import { isRole } from "@/server/auth/config";
import { clientAddressOf } from "@/server/client-address";
import { log } from "@/server/log";
import { pageFillHeader } from "@/server/public-pages";
import { consumeLimit, type LimitName } from "@/server/rate-limit";
import { newRequestId, requestIdHeader, wellFormedRequestId } from "@/server/request-context";
import { contentSecurityPolicy, originVerdict, staticSecurityHeaders, strictTransportSecurity } from "@/server/security-headers";

/**
 * Next 16's proxy (formerly middleware), on every request but static files, in this order:
 * 1. the Origin check: a request that changes something must come from the portal's own pages;
 * 2. per-address limits of the public pages and open APIs (procedures limit themselves in tRPC);
 * 3. each role kept to its own area;
 * 4. the security headers, with a fresh CSP nonce that Next.js puts on its own scripts (or the
 *    placeholder of the public pages' copies, replaced on each answer: src/server/page-cache.ts).
 *
 * It only *reads* the session cookie. Auth.js's own middleware wrapper re-issues the cookie on
 * every request, and a request still in flight when the user signs out (a prefetch, say) would
 * then bring the session back to life; reading without writing cannot.
 */
/** The exchange's endpoints for peer nodes: each request is a signed message (docs/exchange.md). */
const signedExchangeEndpoints = new Set([
  "/api/exchange/certificates",
  "/api/exchange/verifications",
  "/api/exchange/forwardings",
  "/api/exchange/status-updates",
  "/api/exchange/joint",
]);

export async function proxy(req: NextRequest) {
  const requestId = wellFormedRequestId(req.headers.get(requestIdHeader)) ?? newRequestId();
  const { pathname, search } = req.nextUrl;
  const tls = req.headers.get("x-forwarded-proto") === "https" || process.env.AUTH_URL?.startsWith("https:") === true;
  const locale = () => resolveLocale(req.cookies.get(localeCookie)?.value);

  // A peer node's request carries no cookie and no Origin: it is authenticated by its signature
  // (docs/exchange.md), so the cross-site check does not apply to it.
  const verdict = signedExchangeEndpoints.has(pathname)
    ? ({ ok: true } as const)
    : originVerdict(
        { method: req.method, origin: req.headers.get("origin"), secFetchSite: req.headers.get("sec-fetch-site"), host: req.headers.get("host") },
        process.env.AUTH_URL,
      );
  if (!verdict.ok) {
    log.warn({ method: req.method, path: pathname, reason: verdict.reason }, "refused by the Origin check");
    return secured(
      Response.json({ error: "origin", message: translateServerMessage(locale(), "errors.origin"), reason: verdict.reason }, { status: 403 }),
      requestId,
      tls,
    );
  }

  const limit = limitFor(req.method, pathname, req.nextUrl.searchParams);
  if (limit) {
    const counted = await consumeLimit(limit, clientAddressOf(req.headers));
    if (!counted.ok) return secured(tooManyRequests(pathname, counted.retryAfterSeconds, locale()), requestId, tls);
  }

  const area = areaFor(pathname);
  if (area) {
    const secret = process.env.AUTH_SECRET;
    const token = secret ? ((await getToken({ req, secret, secureCookie: true })) ?? (await getToken({ req, secret, secureCookie: false }))) : null;
    const role = isRole(token?.role) ? token.role : undefined;
    if (!mayEnter(role, pathname)) {
      if (!role) {
        const signIn = new URL("/sign-in", req.nextUrl);
        signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
        return secured(NextResponse.redirect(signIn), requestId, tls);
      }
      return secured(NextResponse.redirect(new URL(landingPath[role], req.nextUrl)), requestId, tls);
    }
  }

  // The server's own rendering of a public page for its copies brings the placeholder nonce that
  // each answer from the copy replaces with a fresh one (src/server/page-cache.ts); the server
  // removes the header from every client's request, so nobody else chooses a page's nonce.
  const nonce = req.headers.get(pageFillHeader) ?? Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", formTargets: oidcOrigin() });
  const headers = new Headers(req.headers);
  headers.set(requestIdHeader, requestId);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  return secured(res, requestId, tls);
}

/** Which per-address limit a request counts against (see `limits` in src/server/rate-limit.ts). */
function limitFor(method: string, pathname: string, params: URLSearchParams): LimitName | undefined {
  if (pathname.startsWith("/api/open/")) return "openApi";
  if (method !== "GET") return undefined;
  if (pathname === "/track" && (params.has("trackingNumber") || params.has("queryCode"))) return "tracking";
  if (pathname.startsWith("/verify/")) return "verification";
  return undefined;
}

/** 429 with Retry-After: JSON for the APIs, a short page in the reader's language for pages. */
function tooManyRequests(pathname: string, retryAfterSeconds: number, locale: ReturnType<typeof resolveLocale>): Response {
  const headers = { "retry-after": String(retryAfterSeconds), "cache-control": "no-store" };
  const minutes = Math.ceil(retryAfterSeconds / 60);
  if (pathname.startsWith("/api/")) return Response.json({ error: "rateLimited", retryAfterSeconds }, { status: 429, headers });
  const title = translateServerMessage(locale, "errors.tooManyRequests");
  const hint = translateServerMessage(locale, `errors.tooManyRequestsHint|${JSON.stringify({ minutes })}`);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(hint)}</p><p><a href="/">通办 · Tongban</a></p></body></html>`;
  return new Response(html, {
    status: 429,
    headers: {
      ...headers,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function oidcOrigin(): string[] {
  const issuer = process.env.OIDC_ISSUER;
  if (!issuer || !process.env.OIDC_CLIENT_ID) return [];
  try {
    return [new URL(issuer).origin];
  } catch {
    return [];
  }
}

/** The headers every answer carries (HSTS only over TLS: on plain HTTP it would mean nothing, or lock out a test host). */
function secured<T extends Response>(res: T, requestId: string, tls: boolean): T {
  for (const [name, value] of staticSecurityHeaders) res.headers.set(name, value);
  if (tls) res.headers.set("strict-transport-security", strictTransportSecurity);
  res.headers.set(requestIdHeader, requestId);
  return res;
}

export const config = {
  // Every route, pages and APIs, but not the build's static files and public/'s icons, manifest and
  // robots.txt (next.config.ts gives those their headers). Keep in step with public/ (a test checks).
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|favicon\\.svg|icon-192\\.png|icon-512\\.png|manifest\\.webmanifest|robots\\.txt).*)"],
};
