import { generateKeyPairSync, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeEnvelope, encodeEnvelope, signEnvelope, verifyEnvelope, ZForwardingRequest, ZStatusUpdate, type ForwardingRequest } from "./protocol";

// 异地代收代办's message kinds on the wire: canonical, strict, every byte signed.

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
const keyId = randomUUID();

const request: ForwardingRequest = {
  v: 1,
  kind: "forwardingRequest",
  from: "tianjin",
  to: "hebei",
  forwardingId: randomUUID(),
  service: "foodBusinessLicensing",
  window: { nameZh: "天津市政务服务中心综合窗口", nameEn: "Tianjin unified window", clerk: "clerk" },
  applicant: { kind: "enterprise", holderCode: "91120101MA0TB2017N", name: "天津津港示例贸易有限公司" },
  situations: { applicantType: "individual" },
  formData: { diningArea: "45" },
  materials: [
    {
      key: "businessLicence",
      fileName: "licence.pdf",
      mediaType: "application/pdf",
      sha256: "a".repeat(64),
      content: Buffer.from("%PDF-1.4").toString("base64"),
    },
  ],
  checkedAt: "2026-12-01T04:00:00.000Z",
  timestamp: "2026-12-01T04:00:01.000Z",
  nonce: "n".repeat(24),
};
const wire = encodeEnvelope(signEnvelope(privateKey, keyId, request));

describe("forwarding messages", () => {
  it("round-trip: decoded as sent, and the signature verifies", () => {
    const envelope = decodeEnvelope(wire, ZForwardingRequest, 1_000_000);
    expect(envelope?.payload).toEqual(request);
    expect(verifyEnvelope(pem, envelope!)).toBe(true);
  });

  it("a changed form value, file hash or applicant no longer verifies", () => {
    for (const [from, to] of [
      ['"diningArea":"45"', '"diningArea":"46"'],
      ["a".repeat(64), "b".repeat(64)],
      ["91120101MA0TB2017N", "91120101MA0TB2018L"],
    ] as const) {
      const tampered = decodeEnvelope(wire.replace(from, to), ZForwardingRequest, 1_000_000);
      expect(tampered).not.toBeNull();
      expect(verifyEnvelope(pem, tampered!)).toBe(false);
    }
  });

  it("refuses a non-canonical body, an extra field, a bad media type, or one over the size given", () => {
    expect(decodeEnvelope(`${wire} `, ZForwardingRequest, 1_000_000)).toBeNull();
    expect(decodeEnvelope(wire.replace('"kind":"forwardingRequest"', '"extra":1,"kind":"forwardingRequest"'), ZForwardingRequest, 1_000_000)).toBeNull();
    expect(decodeEnvelope(wire.replace("application/pdf", "text/html"), ZForwardingRequest, 1_000_000)).toBeNull();
    expect(decodeEnvelope(wire, ZForwardingRequest, 100)).toBeNull();
    // A forwarding request is not a status update.
    expect(decodeEnvelope(wire, ZStatusUpdate)).toBeNull();
  });
});
