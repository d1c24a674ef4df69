import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { cacheablePage, keepPage, PageCache, pageCacheHeader, pageFillHeader, visitorPreferences, withNonce } from "./page-cache";

describe("which requests the public-page copy answers", () => {
  it("takes the public pages, and the guides with their filters", () => {
    for (const url of ["/", "/track", "/verify", "/open-data", "/guides", "/guides?q=食品&for=enterprise", "/guides/foodBusinessLicensing"])
      expect(cacheablePage("GET", url, {})).toBe(url);
  });

  it("leaves personal and other pages, numbers, methods other than GET and client navigations to Next.js", () => {
    for (const url of ["/track?trackingNumber=1&queryCode=2", "/verify?number=X", "/verify/CERT-1", "/applicant", "/review", "/guides/a/b", "/guides/%3Cx%3E"])
      expect(cacheablePage("GET", url, {})).toBeNull();
    expect(cacheablePage("POST", "/guides", {})).toBeNull();
    expect(cacheablePage("HEAD", "/guides", {})).toBeNull();
    expect(cacheablePage("GET", "/guides", { rsc: "1" })).toBeNull();
    expect(cacheablePage("GET", "/guides?_rsc=abc", {})).toBeNull();
    expect(cacheablePage("GET", `/guides?q=${"x".repeat(300)}`, {})).toBeNull();
  });

  it("knows the visitor's language and senior mode, and refuses any session or unknown cookie", () => {
    expect(visitorPreferences(undefined)).toEqual({ locale: "zh-CN", senior: false });
    expect(visitorPreferences("NEXT_LOCALE=en; TONGBAN_SENIOR=on")).toEqual({ locale: "en", senior: true });
    expect(visitorPreferences("NEXT_LOCALE=fr; authjs.csrf-token=abc")).toEqual({ locale: "zh-CN", senior: false });
    expect(visitorPreferences("NEXT_LOCALE=en; authjs.session-token=eyJ")).toBeNull();
    expect(visitorPreferences("__Secure-authjs.session-token=eyJ")).toBeNull();
    expect(visitorPreferences("tongban_acting_for=x")).toBeNull();
  });
});

describe("a kept page", () => {
  const placeholder = "PLACEHOLDER+nonce==";
  const html = `<html><script nonce="${placeholder}">a</script><script nonce="${placeholder}">b</script></html>`;
  const headers: Array<[string, string]> = [
    ["content-type", "text/html; charset=utf-8"],
    ["content-security-policy", `script-src 'self' 'nonce-${placeholder}'`],
    ["x-request-id", "r1"],
    ["date", "Tue"],
  ];

  it("gets a fresh nonce in its body and CSP on every answer, and drops the answer's own headers", () => {
    const kept = keepPage(200, headers, html, placeholder, 0);
    expect(kept).not.toBeNull();
    const a = withNonce(kept!, "first");
    const b = withNonce(kept!, "second");
    expect(a.body.toString()).toBe(`<html><script nonce="first">a</script><script nonce="first">b</script></html>`);
    expect(b.body.toString()).not.toContain(placeholder);
    expect(Object.fromEntries(a.headers)).toEqual({ "content-type": "text/html; charset=utf-8", "content-security-policy": "script-src 'self' 'nonce-first'" });
  });

  it("is never one that sets a cookie, is not HTML, or is a redirect or an error", () => {
    expect(keepPage(200, [...headers, ["set-cookie", "a=b"]], html, placeholder, 0)).toBeNull();
    expect(keepPage(200, [["content-type", "application/json"]], "{}", placeholder, 0)).toBeNull();
    expect(keepPage(307, headers, html, placeholder, 0)).toBeNull();
    expect(keepPage(500, headers, html, placeholder, 0)).toBeNull();
    expect(keepPage(404, headers, html, placeholder, 0)).not.toBeNull();
  });
});

describe("PageCache behind a server", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  /** A server answering from the cache or else "rendering" (counting renderings, echoing the nonce header). */
  async function start(cache: () => PageCache) {
    const renders: Array<{ url: string; cookie?: string; fill?: string }> = [];
    server = createServer((req, res) => {
      void cache()
        .serve(req, res)
        .then((served) => {
          if (served) return;
          const fill = req.headers[pageFillHeader] as string | undefined;
          renders.push({ url: req.url ?? "", cookie: req.headers.cookie, fill });
          const nonce = fill ?? "random";
          const lang = /NEXT_LOCALE=en/.test(req.headers.cookie ?? "") ? "en" : "zh-CN";
          res.writeHead(200, { "content-type": "text/html", "content-security-policy": `script-src 'nonce-${nonce}'` });
          res.end(`<html lang="${lang}"><script nonce="${nonce}"></script>${renders.length}</html>`);
        });
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, renders };
  }

  it("renders once per key, answers with a fresh nonce each time, and keeps languages and versions apart", async () => {
    let version: number | null = 1;
    let now = 1000;
    let cache: PageCache | undefined = undefined;
    const { origin, renders } = await start(() => cache!);
    cache = new PageCache({ origin, ttlMs: 60_000, version: () => version, now: () => now });

    const get = (path: string, cookie?: string) => fetch(origin + path, { headers: cookie ? { cookie } : {} });
    const first = await get("/guides");
    const second = await get("/guides");
    expect(first.headers.get(pageCacheHeader)).toBe("miss");
    expect(second.headers.get(pageCacheHeader)).toBe("hit");
    const [b1, b2] = [await first.text(), await second.text()];
    const nonceOf = (body: string) => /nonce="([^"]+)"/.exec(body)?.[1];
    const withoutNonce = (body: string) => body.replace(/nonce="[^"]+"/, "");
    expect(withoutNonce(b1)).toBe(withoutNonce(b2)); // the same page …
    expect(nonceOf(b1)).not.toBe(nonceOf(b2)); // … with its own nonce each time
    expect(nonceOf(b1)).not.toBe(cache.placeholder);
    expect(second.headers.get("content-security-policy")).toBe(`script-src 'nonce-${nonceOf(b2)}'`);
    expect(renders).toHaveLength(1);
    expect(renders[0]?.fill).toBe(cache.placeholder);

    const en = await (await get("/guides", "NEXT_LOCALE=en")).text();
    expect(en).toContain('lang="en"');
    expect(await (await get("/guides")).text()).toContain('lang="zh-CN"');
    expect(renders).toHaveLength(2);

    // A new catalog version: rendered again.
    version = 2;
    expect((await get("/guides")).headers.get(pageCacheHeader)).toBe("miss");
    expect(renders).toHaveLength(3);

    // Past its time: the old copy once more while it is rendered again.
    now += 61_000;
    expect((await get("/guides")).headers.get(pageCacheHeader)).toBe("stale");
    await new Promise((r) => setTimeout(r, 50));
    expect(renders).toHaveLength(4);
    expect((await get("/guides")).headers.get(pageCacheHeader)).toBe("hit");

    // A session, a tracking number or an unknown version: rendered for the request.
    await get("/guides", "authjs.session-token=x");
    await get("/track?trackingNumber=1&queryCode=2");
    version = null;
    await get("/guides");
    expect(renders).toHaveLength(7);
    expect(renders.slice(4).every((r) => r.fill === undefined)).toBe(true);
  });

  it("renders a key once for many visitors at once, and ignores a client's own placeholder", async () => {
    let cache: PageCache | undefined = undefined;
    const { origin, renders } = await start(() => cache!);
    cache = new PageCache({ origin, ttlMs: 60_000, version: () => 7 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(`${origin}/open-data`)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(renders).toHaveLength(1);

    // A client naming a nonce of its choice does not get it: the header is dropped before rendering.
    await fetch(`${origin}/track?trackingNumber=1&queryCode=2`, { headers: { [pageFillHeader]: "chosen" } });
    expect(renders.at(-1)?.fill).toBeUndefined();
  });

  it("keeps at most its number of pages, the least recently used going first", async () => {
    let cache: PageCache | undefined = undefined;
    const { origin, renders } = await start(() => cache!);
    cache = new PageCache({ origin, ttlMs: 60_000, version: () => 1, maxEntries: 2 });
    for (const p of ["/", "/track", "/", "/verify", "/"]) await fetch(origin + p);
    expect(cache.size).toBe(2);
    expect(renders.map((r) => r.url)).toEqual(["/", "/track", "/verify"]);
  });
});
