import { describe, expect, it } from "vitest";
import { landingPath, mayEnter, normalizeLogin, roles, type Role } from "./model";

describe("role areas", () => {
  const table: Array<[string, Role[]]> = [
    ["/applicant", ["enterprise", "citizen"]],
    ["/applicant/anything", ["enterprise", "citizen"]],
    ["/window", ["windowClerk"]],
    ["/review", ["reviewer"]],
    ["/review/tasks/1", ["reviewer"]],
    ["/data-office", ["dataOffice"]],
  ];
  it.each(table)("%s admits exactly %j", (path, allowed) => {
    for (const role of roles) expect(mayEnter(role, path)).toBe(allowed.includes(role));
    expect(mayEnter(undefined, path)).toBe(false);
  });
  it("leaves public pages open and does not match look-alike prefixes", () => {
    for (const path of ["/", "/sign-in", "/register", "/reviewers-guide", "/windows"]) {
      expect(mayEnter(undefined, path)).toBe(true);
    }
  });
  it("lands every role inside its own area", () => {
    for (const role of roles) expect(mayEnter(role, landingPath[role])).toBe(true);
  });
});

describe("logins", () => {
  it("normalises logins so case and spaces do not matter", () => {
    expect(normalizeLogin(" 91130102ma0tb0010x ")).toBe("91130102MA0TB0010X");
  });
});
