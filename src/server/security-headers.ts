/**
 * The portal's security headers, in one place: the proxy (src/proxy.ts) sets them on every page
 * and API answer, and next.config.ts on the static files the proxy does not see.
 */

/** Headers that are the same on every answer. */
export const staticSecurityHeaders: ReadonlyArray<readonly [string, string]> = [
  // Files are what their type says, never sniffed into scripts or pages.
  ["X-Content-Type-Options", "nosniff"],
  // Addresses hold query codes and tracking numbers (/track?…): other sites learn nothing of them.
  ["Referrer-Policy", "same-origin"],
  // The portal uses none of these powers; a script that got in cannot either.
  ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"],
  // For browsers without CSP's frame-ancestors: no page of the portal in another's frame.
  ["X-Frame-Options", "DENY"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
];

/** One year, as HSTS preload lists ask; only ever sent on answers that came over TLS. */
export const strictTransportSecurity = "max-age=31536000; includeSubDomains";

/**
 * The content security policy of a page. Scripts run only with this request's nonce (Next.js
 * puts it on its own scripts, reading it from the request's CSP header) and what they load
 * (`strict-dynamic`); nothing may frame the portal, change the base URL or post forms elsewhere,
 * except to the province's identity platform when it is configured (the OIDC sign-in redirects
 * a form post there, and form-action governs redirects too).
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean; formTargets?: readonly string[] } = {}): string {
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    // 'unsafe-eval' only in development: React's development build needs it for its stacks.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    // In development the bundler injects <style> elements without a nonce (hot reloading).
    ["style-src", "'self'", options.dev ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    // The QR code is inline SVG; images are the portal's own or data: URLs.
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...(options.dev ? ["ws:"] : [])],
    ["frame-ancestors", "'none'"],
    ["frame-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'", ...(options.formTargets ?? [])],
    ["object-src", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether a request may change something: any method but GET, HEAD and OPTIONS must come from
 * the portal's own pages, as the browser tells by `Origin` (or, without it, by
 * `Sec-Fetch-Site: same-origin`). A page on another site, even one of the same site's other
 * hosts, cannot sign users out, post a mutation or a form here. Compared with `AUTH_URL`'s origin
 * when it is set, else with the Host the request was sent to.
 */
export function originVerdict(
  request: { method: string; origin: string | null; secFetchSite: string | null; host: string | null },
  publicUrl?: string,
): OriginVerdict {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase())) return { ok: true };
  if (request.origin && request.origin !== "null") {
    let origin: URL;
    try {
      origin = new URL(request.origin);
    } catch {
      return { ok: false, reason: "malformed Origin" };
    }
    if (publicUrl) {
      return origin.origin === new URL(publicUrl).origin ? { ok: true } : { ok: false, reason: `Origin ${origin.origin} is not ${new URL(publicUrl).origin}` };
    }
    return request.host && origin.host === request.host.toLowerCase()
      ? { ok: true }
      : { ok: false, reason: `Origin ${origin.host} is not ${request.host ?? "this host"}` };
  }
  if (request.secFetchSite === "same-origin") return { ok: true };
  return { ok: false, reason: request.origin === "null" ? "opaque Origin" : "no Origin or Sec-Fetch-Site: same-origin" };
}
