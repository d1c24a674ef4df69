import { generateKeyPairSync, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../audit/hash";
import { backoffMs, breakerMachine, isPeerDown, nextBreakerState, refusalHttpStatus, withinSkew } from "./model";
import { parsePeers } from "@/lib/peers";
import { isRegionCode } from "@/lib/regions";
import { ZEnv } from "@/server/env";
import {
  decodeEnvelope,
  encodeEnvelope,
  keyFor,
  signEnvelope,
  verifyEnvelope,
  ZCertificateRequest,
  type CertificateRequest,
  type PublishedKey,
} from "./protocol";

const pair = () => {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return { publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(), privateKey };
};
const keyId = "0b5cc0a4-6f0e-4f4e-9d7f-2f1a8c1d3e11";

function request(overrides: Partial<CertificateRequest> = {}): CertificateRequest {
  return {
    v: 1,
    kind: "certificateRequest",
    from: { region: "hebei", department: "market" },
    to: "beijing",
    service: "foodBusinessLicensing",
    application: "TB2026000123",
    purpose: "食品经营许可审查：核对营业执照",
    legalBasis: "《食品经营许可和备案管理办法》第十五条",
    consent: "consent:7f1c",
    holder: "91130602MA0TB002XR",
    types: ["businessLicence"],
    timestamp: "2026-11-30T08:00:00.000Z",
    nonce: randomBytes(18).toString("base64url"),
    ...overrides,
  };
}

/** Decodes the wire text and checks its signature: what a receiving node does before anything else. */
function accepts(publicKey: string, raw: string): boolean {
  const envelope = decodeEnvelope(raw, ZCertificateRequest);
  return envelope !== null && verifyEnvelope(publicKey, envelope);
}

describe("exchange protocol: signed messages", () => {
  const node = pair();

  it("signs canonical JSON of the payload and verifies it under the sender's key only", () => {
    const wire = encodeEnvelope(signEnvelope(node.privateKey, keyId, request()));
    expect(wire).toBe(canonicalJson(JSON.parse(wire)));
    expect(accepts(node.publicKey, wire)).toBe(true);
    expect(accepts(pair().publicKey, wire)).toBe(false);
  });

  it("refuses a message not in canonical form, with extra fields, or a payload that does not parse", () => {
    const envelope = signEnvelope(node.privateKey, keyId, request());
    const wire = encodeEnvelope(envelope);
    expect(decodeEnvelope(JSON.stringify(envelope, null, 1), ZCertificateRequest)).toBeNull();
    expect(decodeEnvelope(JSON.stringify({ signature: envelope.signature, payload: envelope.payload, keyId }), ZCertificateRequest)).toBeNull();
    expect(decodeEnvelope(canonicalJson({ ...envelope, extra: 1 }), ZCertificateRequest)).toBeNull();
    expect(decodeEnvelope(canonicalJson({ ...envelope, payload: { ...envelope.payload, extra: 1 } }), ZCertificateRequest)).toBeNull();
    expect(decodeEnvelope(canonicalJson({ ...envelope, payload: { ...envelope.payload, types: [] } }), ZCertificateRequest)).toBeNull();
    expect(decodeEnvelope(canonicalJson({ ...envelope, payload: { ...envelope.payload, purpose: "a\u0000b" } }), ZCertificateRequest)).toBeNull();
    expect(decodeEnvelope(wire.slice(0, -1), ZCertificateRequest)).toBeNull();
    expect(decodeEnvelope("x".repeat(300_000), ZCertificateRequest)).toBeNull();
  });

  it("refuses a signature in non-canonical base64 even when it decodes to the same bytes", () => {
    const envelope = signEnvelope(node.privateKey, keyId, request());
    // The last character before "==" carries 4 unused bits: changing them keeps the bytes.
    const last = envelope.signature[85]!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const sibling = alphabet[(alphabet.indexOf(last) & ~0x0f) | ((alphabet.indexOf(last) + 1) & 0x0f)]!;
    const twin = { ...envelope, signature: `${envelope.signature.slice(0, 85)}${sibling}==` };
    expect(Buffer.from(twin.signature, "base64").equals(Buffer.from(envelope.signature, "base64"))).toBe(true);
    expect(verifyEnvelope(node.publicKey, twin)).toBe(false);
  });

  it("property: any changed byte of a signed request is refused", () => {
    const wire = Buffer.from(encodeEnvelope(signEnvelope(node.privateKey, keyId, request())), "utf8");
    fc.assert(
      fc.property(fc.nat({ max: wire.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const tampered = Buffer.from(wire);
        tampered[at] = tampered[at]! ^ xor;
        return !accepts(node.publicKey, tampered.toString("utf8"));
      }),
      { numRuns: 2000 },
    );
  });

  it("property: any changed field of the payload, re-encoded canonically, fails the signature", () => {
    const envelope = signEnvelope(node.privateKey, keyId, request());
    const fields = ["service", "application", "purpose", "legalBasis", "consent", "holder", "timestamp", "nonce"] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.string({ minLength: 1, maxLength: 20 }), (field, suffix) => {
        const changed = { ...envelope, payload: { ...envelope.payload, [field]: `${envelope.payload[field]}${suffix}` } };
        return !accepts(node.publicKey, canonicalJson(changed));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.constantFrom("beijing", "tianjin", "shanghai"), fc.constantFrom("market", "tax", "health"), (region, department) => {
        const from = { region, department };
        return !accepts(node.publicKey, canonicalJson({ ...envelope, payload: { ...envelope.payload, from } }));
      }),
    );
  });

  it("checks a key's window: a key vouches only for what it signed while it was valid", () => {
    const keys: PublishedKey[] = [
      { keyId, algorithm: "Ed25519", publicKey: node.publicKey, validFrom: "2026-01-01T00:00:00.000Z", retiredAt: "2026-06-01T00:00:00.000Z" },
    ];
    expect(keyFor(keys, keyId, new Date("2026-03-01T00:00:00Z"))).not.toBeNull();
    expect(keyFor(keys, keyId, new Date("2026-06-01T00:00:00Z"))).toBeNull();
    expect(keyFor(keys, keyId, new Date("2025-12-31T23:59:59Z"))).toBeNull();
    expect(keyFor(keys, "6f5cc0a4-6f0e-4f4e-9d7f-2f1a8c1d3e11", new Date("2026-03-01T00:00:00Z"))).toBeNull();
  });
});

describe("exchange protocol: rules", () => {
  it("allows a clock skew of ±120 s, and not a millisecond more", () => {
    const now = new Date("2026-11-30T08:00:00.000Z");
    expect(withinSkew(new Date(now.getTime() - 120_000), now)).toBe(true);
    expect(withinSkew(new Date(now.getTime() + 120_000), now)).toBe(true);
    expect(withinSkew(new Date(now.getTime() - 120_001), now)).toBe(false);
    expect(withinSkew(new Date(now.getTime() + 120_001), now)).toBe(false);
  });

  it("answers refusals with 4xx, never 5xx", () => {
    for (const code of ["malformed", "unknownPeer", "wrongRecipient", "badSignature", "staleTimestamp", "replayedNonce", "purposeNotGranted"] as const) {
      expect(refusalHttpStatus(code)).toBeGreaterThanOrEqual(400);
      expect(refusalHttpStatus(code)).toBeLessThan(500);
    }
  });

  it("backs off by doubling, capped", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 200))).toEqual([200, 400, 800, 1600]);
    expect(backoffMs(20, 200)).toBe(5_000);
  });

  it("walks the breaker: trip, cool down, fail again, succeed", () => {
    expect(nextBreakerState("closed", "trip")).toBe("open");
    expect(nextBreakerState("open", "coolDown")).toBe("halfOpen");
    expect(nextBreakerState("halfOpen", "fail")).toBe("open");
    expect(nextBreakerState("halfOpen", "succeed")).toBe("closed");
    expect(() => nextBreakerState("open", "succeed")).toThrow();
    expect(Object.keys(breakerMachine).filter((s) => isPeerDown(s as keyof typeof breakerMachine))).toEqual(["open", "halfOpen"]);
  });

  it("parses PEERS: region=URL, known regions, once each, plain http(s)", () => {
    expect(parsePeers("beijing=http://127.0.0.1:3001/, tianjin=https://tj.example.gov.cn", isRegionCode)).toEqual({
      beijing: "http://127.0.0.1:3001",
      tianjin: "https://tj.example.gov.cn",
    });
    expect(parsePeers(undefined, isRegionCode)).toEqual({});
    expect(() => parsePeers("shanghai=http://x", isRegionCode)).toThrow(/known region/);
    expect(() => parsePeers("beijing=http://a,beijing=http://b", isRegionCode)).toThrow(/twice/);
    expect(() => parsePeers("beijing=ftp://a", isRegionCode)).toThrow(/http/);
    expect(() => parsePeers("beijing=http://u:p@a", isRegionCode)).toThrow(/credentials/);
    expect(() => parsePeers("beijing", isRegionCode)).toThrow();
  });

  it("validates PEERS in the environment, naming the setting", () => {
    expect(ZEnv.parse({ PEERS: "beijing=http://127.0.0.1:3001" }).PEERS).toEqual({ beijing: "http://127.0.0.1:3001" });
    expect(ZEnv.parse({}).PEERS).toEqual({});
    const bad = ZEnv.safeParse({ PEERS: "shanghai=http://127.0.0.1:3009" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["PEERS"] });
  });
});
