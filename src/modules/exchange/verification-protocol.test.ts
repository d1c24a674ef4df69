import { generateKeyPairSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decodeEnvelope,
  encodeEnvelope,
  signEnvelope,
  verifyEnvelope,
  ZVerificationRequest,
  ZVerificationResponse,
  type VerificationRequest,
} from "./protocol";

// The verification message (issue 14): canonical, signed, strict and bounded like the others.

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
const keyId = "0b5cc0a4-6f0e-4f4e-9d7f-2f1a8c1d3e11";

function request(overrides: Partial<VerificationRequest> = {}): VerificationRequest {
  return {
    v: 1,
    kind: "verificationRequest",
    from: "hebei",
    to: "beijing",
    number: "20261102000000042",
    timestamp: "2026-11-30T08:00:00.000Z",
    nonce: randomBytes(18).toString("base64url"),
    ...overrides,
  };
}

const accepts = (raw: string) => {
  const envelope = decodeEnvelope(raw, ZVerificationRequest);
  return envelope !== null && verifyEnvelope(pem, envelope);
};

describe("verification request", () => {
  it("is accepted signed and canonical, refused when a byte of it changed", () => {
    const wire = encodeEnvelope(signEnvelope(privateKey, keyId, request()));
    expect(accepts(wire)).toBe(true);
    expect(accepts(wire.replace("20261102000000042", "20261102000000043"))).toBe(false);
    expect(accepts(wire.replace('"to":"beijing"', '"to":"tianjin"'))).toBe(false);
    expect(accepts(wire.replace("{", "{ "))).toBe(false);
  });

  it("is strict and bounded: no extra field, no long or odd number, a UTC timestamp with milliseconds", () => {
    const signed = (p: unknown) => encodeEnvelope(signEnvelope(privateKey, keyId, p as VerificationRequest));
    expect(accepts(signed({ ...request(), holder: "91130602MA0TB002XR" }))).toBe(false);
    expect(accepts(signed(request({ number: "1".repeat(65) })))).toBe(false);
    expect(accepts(signed(request({ number: "2026 11" })))).toBe(false);
    expect(accepts(signed(request({ timestamp: "2026-11-30T08:00:00Z" })))).toBe(false);
    expect(accepts(signed(request({ nonce: "short" })))).toBe(false);
  });

  it("answers not found with a null certificate, and a found one only with its public view and signed facts", () => {
    const base = {
      v: 1,
      kind: "verificationResponse",
      from: "beijing",
      to: "hebei",
      inReplyTo: randomBytes(18).toString("base64url"),
      timestamp: "2026-11-30T08:00:00.000Z",
    };
    expect(ZVerificationResponse.safeParse({ ...base, certificate: null }).success).toBe(true);
    expect(ZVerificationResponse.safeParse({ ...base, certificate: { view: {}, signed: {} } }).success).toBe(false);
    expect(ZVerificationResponse.safeParse({ ...base, certificate: null, extra: true }).success).toBe(false);
  });
});
