import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

describe("safeCallbackPath", () => {
  it.each([
    ["/applicant", "/applicant"],
    ["/applications/5b1c?tab=notices#top", "/applications/5b1c?tab=notices#top"],
    ["/review/tasks/1", "/review/tasks/1"],
    ["/track?trackingNumber=13010220260302000017", "/track?trackingNumber=13010220260302000017"],
    ["/a/../data-office", "/data-office"],
    // Decoded twice it would be `//evil.host`, but the browser decodes a path once: it stays here.
    ["/%252F%252Fevil.host", "/%252F%252Fevil.host"],
  ])("keeps the same-origin path %s", (given, kept) => {
    expect(safeCallbackPath(given)).toBe(kept);
  });

  // Each of these, followed by a browser, would leave the portal (or run script).
  it.each([
    ["the issue's own: an encoded slash, tab, slash", "%2F%09%2Fevil.host"],
    ["a decoded tab between slashes", "/\t/evil.host"],
    ["a newline between slashes", "/\n/evil.host"],
    ["a carriage return", "/\r/evil.host"],
    ["an encoded tab after the first slash", "/%09/evil.host"],
    ["an encoded newline", "/%0a/evil.host"],
    ["a protocol-relative URL", "//evil.host"],
    ["a protocol-relative URL with a path", "//evil.host/applicant"],
    ["three slashes", "///evil.host"],
    ["a backslash", "/\\evil.host"],
    ["an encoded backslash", "/%5Cevil.host"],
    ["an encoded second slash", "/%2Fevil.host"],
    ["an absolute https URL", "https://evil.host/"],
    ["an absolute URL to this site's look-alike", "http://tongban.invalid.evil.host/"],
    ["javascript:", "javascript:alert(1)"],
    ["a data URL", "data:text/html,<script>alert(1)</script>"],
    ["a relative path without a slash", "evil.host"],
    ["a NUL byte", "/applicant\u0000"],
    ["a right-to-left override", "/applicant\u202e"],
    ["a space after the slash", "/ /evil.host"],
    ["a malformed escape", "/%E0%A4%A"],
    ["nothing", ""],
    ["too long", `/${"a".repeat(3000)}`],
  ])("refuses %s", (_why, attack) => {
    expect(safeCallbackPath(attack)).toBe("/me");
  });

  it("falls back to what the caller names", () => {
    expect(safeCallbackPath(null, "/")).toBe("/");
    expect(safeCallbackPath("//evil.host", "/applicant")).toBe("/applicant");
  });
});
