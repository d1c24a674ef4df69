import { describe, expect, it } from "vitest";
import { afterFailure, isLocked, landingPath, mayEnter, normalizeLogin, roles, type Role } from "./model";

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

describe("lockout", () => {
  const t0 = new Date("2026-03-02T01:00:00Z");
  it("locks on the fifth failure for fifteen minutes", () => {
    let state = afterFailure(undefined, t0);
    for (let i = 2; i <= 4; i++) state = afterFailure(state, t0);
    expect(state).toEqual({ failedCount: 4, lockedUntil: null });
    state = afterFailure(state, t0);
    expect(state.lockedUntil?.toISOString()).toBe("2026-03-02T01:15:00.000Z");
    expect(isLocked(state, new Date("2026-03-02T01:14:59Z"))).toBe(true);
    expect(isLocked(state, new Date("2026-03-02T01:15:00Z"))).toBe(false);
  });
  it("starts a fresh count once a lock has run out", () => {
    const expired = { failedCount: 5, lockedUntil: new Date("2026-03-02T00:59:00Z") };
    expect(afterFailure(expired, t0)).toEqual({ failedCount: 1, lockedUntil: null });
  });
  it("normalises logins so case and spaces do not matter", () => {
    expect(normalizeLogin(" 91130102ma0tb0010x ")).toBe("91130102MA0TB0010X");
  });
});
