/**
 * The public pages at the speed of the framework (issue 15 item 2): the home page, the guides,
 * the tracking and verification forms (without a number) and open data are the same for every
 * visitor of a language who is not signed in. The HTTP server (src/scripts/server.ts) answers
 * those visitors from a copy rendered once per page, language, senior mode and catalog version;
 * everybody else, and every other page, is rendered by Next.js as before.
 *
 * **Why a copy in the server, not Next.js's static generation.** The language is a cookie (links
 * stay the same in both languages), the root layout reads it and the session, and every page
 * carries a fresh CSP nonce from the proxy: all three make Next.js render per request, and a
 * static page would need `'unsafe-inline'` scripts or a hash per page in the CSP. Here the copy is
 * rendered by Next.js itself, through the proxy, with a placeholder nonce known only to this
 * process; each answer replaces the placeholder, in the body and in the CSP header, with a fresh
 * random nonce. The CSP stays exactly as strict as on a rendered page: an injected script has
 * no way to learn either nonce.
 *
 * **Who gets the copy.** A GET of one of the pages, with no cookie but the language, senior mode
 * and Auth.js's CSRF and callback cookies (so no session: a signed-in visitor's header, with name
 * and inbox, is always rendered for them), and none of Next.js's client-navigation headers (those
 * ask for the RSC payload, not the HTML). The copy sets no cookie: an answer that sets one is not kept.
 *
 * **When it is rendered again.** The key holds the catalog's version (src/server/public-pages.ts):
 * a change by the data office on this node is seen before its save returns, on another node
 * within a second. What is not the catalog (open data's figures, the guides' measured durations,
 * department names) is rendered again after `PUBLIC_PAGE_CACHE_SECONDS` (60): the stale copy is
 * served while one new rendering runs. One rendering per key at a time; a first visitor waits for it.
 */
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { type Locale, localeCookie, resolveLocale, seniorCookie } from "@/i18n/locales";
import { log } from "./log";
import { currentPublicVersion, pageFillHeader } from "./public-pages";
import { strictTransportSecurity } from "./security-headers";

export { pageFillHeader };
/** Says whether an answer came from the copy (`hit`, `stale`); absent on rendered pages. */
export const pageCacheHeader = "x-page-cache";

const maxSearchLength = 256;
const guideCode = /^[A-Za-z0-9_-]{1,64}$/;
/** Pages whose query string is part of what they show (search filters, 办理情形). */
const withSearch = (path: string) => path === "/guides" || path.startsWith("/guides/");
/** Pages shown only without a query: with one, /track looks up a case and /verify goes on to a number. */
const fixedPages = new Set(["/", "/track", "/verify", "/open-data"]);
/** Next.js's client navigation and server actions: these ask for something other than the page's HTML. */
const clientNavigationHeaders = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch", "next-action"];
/** Cookies that do not change a public page: Auth.js's CSRF token and callback address before sign-in. */
const harmlessCookies = new Set(["authjs.csrf-token", "__Host-authjs.csrf-token", "authjs.callback-url", "__Secure-authjs.callback-url"]);
/** Not kept with the copy: said anew on each answer (or by Node), or never allowed in a copy. */
const perAnswerHeaders = new Set([
  "set-cookie",
  "x-request-id",
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "strict-transport-security",
  pageCacheHeader,
]);

/** The path and query the copy is kept under, or null when this request must be rendered. */
export function cacheablePage(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): string | null {
  if (method !== "GET" || !url) return null;
  if (clientNavigationHeaders.some((h) => headers[h] !== undefined)) return null;
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const search = q < 0 ? "" : url.slice(q + 1);
  if (fixedPages.has(path)) return search === "" ? path : null;
  if (!withSearch(path) || search.length > maxSearchLength || /(^|&)_rsc=/.test(search)) return null;
  if (path !== "/guides" && !guideCode.test(path.slice("/guides/".length))) return null;
  return search === "" ? path : `${path}?${search}`;
}

/** The visitor's language and senior mode, or null when a cookie may change the page (a session, above all). */
export function visitorPreferences(cookieHeader: string | undefined): { locale: Locale; senior: boolean } | null {
  let locale: string | undefined;
  let senior = false;
  for (const part of (cookieHeader ?? "").split(";")) {
    const pair = part.trim();
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? "" : pair.slice(eq + 1);
    if (name === localeCookie) locale = value;
    else if (name === seniorCookie) senior = value === "on";
    else if (!harmlessCookies.has(name)) return null;
  }
  return { locale: resolveLocale(locale), senior };
}

/** One kept page: its status, headers and body, each cut at the placeholder nonce. */
export interface KeptPage {
  status: number;
  headers: Array<[name: string, parts: string[]]>;
  body: Buffer[];
  bytes: number;
  builtAt: number;
}

/** Cuts a rendered answer at the placeholder; null when it may not be kept (a cookie set, not HTML, another status). */
export function keepPage(status: number, headers: Iterable<[string, string]>, body: string, placeholder: string, now: number): KeptPage | null {
  if (status !== 200 && status !== 404) return null;
  const kept: KeptPage["headers"] = [];
  let html = false;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === "set-cookie") return null;
    if (lower === "content-type") html = value.startsWith("text/html");
    if (!perAnswerHeaders.has(lower)) kept.push([lower, value.split(placeholder)]);
  }
  if (!html) return null;
  const parts = body.split(placeholder).map((p) => Buffer.from(p, "utf8"));
  return { status, headers: kept, body: parts, bytes: parts.reduce((n, p) => n + p.length, 0), builtAt: now };
}

/** The kept page with `nonce` where the placeholder was. */
export function withNonce(page: KeptPage, nonce: string): { headers: Array<[string, string]>; body: Buffer } {
  const n = Buffer.from(nonce, "utf8");
  const chunks: Buffer[] = [];
  page.body.forEach((part, i) => {
    if (i > 0) chunks.push(n);
    chunks.push(part);
  });
  return { headers: page.headers.map(([name, parts]) => [name, parts.join(nonce)]), body: Buffer.concat(chunks) };
}

export interface PageCacheOptions {
  /** Where the server itself is reached, for its own renderings. */
  origin: string;
  ttlMs: number;
  maxEntries?: number;
  maxBytes?: number;
  /** The catalog's version; null turns the copy off until it is known. */
  version?: () => number | null;
  now?: () => number;
  render?: (url: string, headers: Record<string, string>) => Promise<Response>;
}

export class PageCache {
  /** The placeholder nonce: random per process, never sent to a client. */
  readonly placeholder = randomBytes(16).toString("base64");
  private readonly pages = new Map<string, KeptPage>();
  private readonly renderings = new Map<string, Promise<KeptPage | null>>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly version: () => number | null;
  private readonly now: () => number;
  private readonly render: (url: string, headers: Record<string, string>) => Promise<Response>;

  constructor(private readonly options: PageCacheOptions) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.version = options.version ?? (() => currentPublicVersion());
    this.now = options.now ?? Date.now;
    this.render = options.render ?? ((url, headers) => fetch(`${options.origin}${url}`, { headers, redirect: "manual", signal: AbortSignal.timeout(60_000) }));
  }

  get size(): number {
    return this.pages.size;
  }

  /**
   * Answers the request from the copy when it may, and says so; false leaves the request to
   * Next.js. A client's own `x-tongban-page-fill` header is removed here, so only this server's
   * renderings choose their nonce.
   */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const fill = req.headers[pageFillHeader];
    if (fill !== undefined) {
      if (fill === this.placeholder) return false;
      delete req.headers[pageFillHeader];
    }
    if (this.options.ttlMs <= 0) return false;
    const page = cacheablePage(req.method, req.url, req.headers);
    if (!page) return false;
    const prefs = visitorPreferences(req.headers.cookie);
    if (!prefs) return false;
    const version = this.version();
    if (version === null) return false;
    const key = `${version}|${prefs.locale}|${prefs.senior ? "senior" : "-"}|${page}`;

    let kept = this.pages.get(key);
    let state: "hit" | "stale" | "miss" = "hit";
    if (kept) {
      // Most recently used last: the Map's order is the eviction order.
      this.pages.delete(key);
      this.pages.set(key, kept);
      if (this.now() - kept.builtAt > this.options.ttlMs) {
        state = "stale";
        void this.rendered(key, page, prefs);
      }
    } else {
      state = "miss";
      kept = (await this.rendered(key, page, prefs)) ?? undefined;
      if (!kept) return false;
    }
    const { headers, body } = withNonce(kept, randomBytes(16).toString("base64"));
    for (const [name, value] of headers) res.setHeader(name, value);
    // As the proxy does: HSTS only over TLS.
    if (req.headers["x-forwarded-proto"] === "https" || process.env.AUTH_URL?.startsWith("https:"))
      res.setHeader("strict-transport-security", strictTransportSecurity);
    res.setHeader(pageCacheHeader, state);
    res.setHeader("content-length", body.length);
    res.writeHead(kept.status);
    res.end(body);
    return true;
  }

  /** The page rendered once for this key (a second caller waits for the same rendering), kept unless it may not be. */
  private rendered(key: string, page: string, prefs: { locale: Locale; senior: boolean }): Promise<KeptPage | null> {
    const running = this.renderings.get(key);
    if (running) return running;
    const cookie = `${localeCookie}=${prefs.locale}${prefs.senior ? `; ${seniorCookie}=on` : ""}`;
    const rendering = (async () => {
      try {
        const res = await this.render(page, { cookie, [pageFillHeader]: this.placeholder, "accept-encoding": "identity" });
        const kept = keepPage(res.status, res.headers.entries(), await res.text(), this.placeholder, this.now());
        if (!kept) {
          log.debug({ page, status: res.status }, "public page not kept");
          return null;
        }
        this.store(key, kept);
        return kept;
      } catch (error) {
        log.warn({ err: error, page }, "public page rendering failed");
        return null;
      } finally {
        this.renderings.delete(key);
      }
    })();
    this.renderings.set(key, rendering);
    return rendering;
  }

  private store(key: string, kept: KeptPage): void {
    const old = this.pages.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.pages.delete(key);
    }
    this.pages.set(key, kept);
    this.bytes += kept.bytes;
    for (const [oldest, page] of this.pages) {
      if (this.pages.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.pages.delete(oldest);
      this.bytes -= page.bytes;
    }
  }
}
