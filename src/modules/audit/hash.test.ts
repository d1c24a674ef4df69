import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson } from "./hash";

const key = Buffer.from("a test audit key of at least thirty-two characters");

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
    const h = auditHash(base, "hmac-sha256", key);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...base, data: { a: 2, b: 1 } }, "hmac-sha256", key)).toBe(h);
    expect(auditHash({ ...base, data: { a: 2, b: 2 } }, "hmac-sha256", key)).not.toBe(h);
    expect(auditHash({ ...base, prevHash: "x" }, "hmac-sha256", key)).not.toBe(h);
    expect(auditHash({ ...base, at: new Date(base.at.getTime() + 1) }, "hmac-sha256", key)).not.toBe(h);
  });
  it("keys the hash: another key, or none, gives another hash", () => {
    const h = auditHash(base, "hmac-sha256", key);
    expect(auditHash(base, "hmac-sha256", Buffer.from("another key of at least thirty-two characters"))).not.toBe(h);
    // The legacy plain SHA-256 is what anyone could recompute; it is still checked for old events.
    expect(auditHash(base, "sha256", null)).toBe(
      createHash("sha256")
        .update(canonicalJson([base.streamId, base.at.toISOString(), null, null, "submit", "application", "s", null, "submitted", { a: 2, b: 1 }, null]))
        .digest("hex"),
    );
    expect(auditHash(base, "sha256", null)).not.toBe(h);
    expect(() => auditHash(base, "hmac-sha256", null)).toThrow(/audit key/);
  });
});
