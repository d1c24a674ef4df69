import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvelopeError, open, seal } from "./envelope";
import { kekId } from "./keys";

const kekOf = (key: Buffer) => ({ id: kekId(key), key });

describe("envelope encryption", () => {
  const kek = kekOf(randomBytes(32));
  const secret = Buffer.from("-----BEGIN PRIVATE KEY-----\nnot a real key\n-----END PRIVATE KEY-----\n");

  it("opens what it sealed, and the sealed form holds none of it", () => {
    const sealed = seal(secret, kek, "row-1");
    expect(open(sealed, kek, "row-1").equals(secret)).toBe(true);
    expect(sealed.kekId).toBe(kek.id);
    expect(JSON.stringify(sealed)).not.toContain("PRIVATE KEY");
    expect(Buffer.from(sealed.ciphertext, "base64").equals(secret)).toBe(false);
    // Each seal has its own data key and nonces.
    expect(seal(secret, kek, "row-1").wrappedKey).not.toBe(sealed.wrappedKey);
  });

  it("refuses a wrong KEK, an unknown KEK, another row, and changed bytes", () => {
    const sealed = seal(secret, kek, "row-1");
    expect(() => open(sealed, { id: kek.id, key: randomBytes(32) }, "row-1")).toThrow(EnvelopeError);
    expect(() => open(sealed, kekOf(randomBytes(32)), "row-1")).toThrow(/not configured/);
    expect(() => open(sealed, kek, "row-2")).toThrow(EnvelopeError);
    const flipped = Buffer.from(sealed.ciphertext, "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => open({ ...sealed, ciphertext: flipped.toString("base64") }, kek, "row-1")).toThrow(EnvelopeError);
    expect(() => open({ ...sealed, tag: randomBytes(16).toString("base64") }, kek, "row-1")).toThrow(EnvelopeError);
  });

  it("opens with the KEK named among several, so a KEK can rotate", () => {
    const next = kekOf(randomBytes(32));
    const sealed = seal(secret, kek, "row-1");
    expect(open(sealed, [next, kek], "row-1").equals(secret)).toBe(true);
  });
});
