import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { areaFor } from "@/modules/identity/model";
import { config } from "./proxy";

const appDir = path.join(import.meta.dirname, "app");
const publicDir = path.join(import.meta.dirname, "..", "public");

/** Every file under a folder, as paths relative to it. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full, base) : [path.relative(base, full)];
  });
}

/**
 * The URL of a page file, with a sample value in each dynamic segment: `applicant/certificates/[id]/page.tsx`
 * → `/applicant/certificates/sample`. Route groups `(name)` add nothing to the URL.
 */
function urlOf(pageFile: string): string {
  const segments = path
    .dirname(pageFile)
    .split(path.sep)
    .filter((s) => s !== "." && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[.*\]$/.test(s) ? "sample" : s));
  return `/${segments.join("/")}`;
}

/** Next.js runs the proxy on a path its matcher matches in full (a matcher is anchored at both ends). */
function proxyRunsOn(url: string): boolean {
  return config.matcher.some((m) => new RegExp(`^${m}$`).test(url));
}

const pages = walk(appDir).filter((f) => /(^|\/)(page|layout)\.tsx$/.test(f));
/** Pages that call the page-level guard (src/server/auth/guard.ts): they are meant for signed-in roles only. */
const guardedPages = pages.filter((f) => /\brequire(Role|Holder)\(/.test(readFileSync(path.join(appDir, f), "utf8")));

describe("the proxy covers every protected area", () => {
  it("finds the guarded pages (the scan still works)", () => {
    expect(guardedPages.length).toBeGreaterThan(10);
    expect(guardedPages).toContain(path.join("start-business", "page.tsx"));
  });

  it("runs on every page that calls the page-level guard, and that page lies in one of its protected areas", () => {
    const uncovered = guardedPages.map(urlOf).filter((url) => !proxyRunsOn(url) || !areaFor(url));
    expect(uncovered).toEqual([]);
  });

  it("keeps signed-out visitors out of /start-business and /inbox, as their pages do", () => {
    for (const url of ["/start-business", "/start-business/anything", "/inbox"]) {
      expect(proxyRunsOn(url), url).toBe(true);
      expect(areaFor(url), url).toBeDefined();
    }
  });

  it("leaves public pages open", () => {
    for (const url of ["/", "/guides", "/guides/sample", "/track", "/verify/sample", "/open-data", "/sign-in", "/register"]) {
      expect(areaFor(url), url).toBeUndefined();
    }
  });

  it("runs on pages and APIs but not on public/'s files, which need no session, nonce or limit", () => {
    for (const url of ["/", "/api/trpc/catalog.list", "/data-office", "/robots"]) expect(proxyRunsOn(url), url).toBe(true);
    const publicFiles = walk(publicDir).map((f) => `/${f.split(path.sep).join("/")}`);
    expect(publicFiles).toEqual(expect.arrayContaining(["/favicon.svg", "/manifest.webmanifest", "/robots.txt"]));
    expect(publicFiles.filter(proxyRunsOn)).toEqual([]);
  });
});
