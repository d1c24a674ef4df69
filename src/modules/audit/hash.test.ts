import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson } from "./hash";

const base = {
  streamId: "s",
  at: new Date("2026-01-05T00:00:00.000Z"),
  actorUserId: null,
  actorRole: null,
  action: "submit",
  entityType: "application",
  entityId: "s",
  fromState: null,
  toState: "submitted",
  data: { b: 1, a: 2 },
  prevHash: null,
};

describe("audit hash", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: undefined } })).toBe('{"a":{"d":[{"x":2,"y":1}]},"b":1}');
  });
  it("does not depend on key order but on every field", () => {
    const h = auditHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...base, data: { a: 2, b: 1 } })).toBe(h);
    expect(auditHash({ ...base, data: { a: 2, b: 2 } })).not.toBe(h);
    expect(auditHash({ ...base, prevHash: "x" })).not.toBe(h);
    expect(auditHash({ ...base, at: new Date(base.at.getTime() + 1) })).not.toBe(h);
  });
});
