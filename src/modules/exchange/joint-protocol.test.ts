import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jointOutboxMachine, jointRetryDelayMs, nextJointOutboxStatus, refusalHttpStatus } from "./model";
import { decodeEnvelope, encodeEnvelope, signEnvelope, verifyEnvelope, ZJointOpen, ZJointUpdate, type JointOpen, type JointUpdate } from "./protocol";

// 多地联办's messages (issue 14): canonical, signed, strict and bounded like the others.

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
const keyId = "0b5cc0a4-6f0e-4f4e-9d7f-2f1a8c1d3e11";

function open(overrides: Partial<JointOpen> = {}): JointOpen {
  return {
    v: 1,
    kind: "jointOpen",
    messageId: randomUUID(),
    from: { region: "hebei", department: "market" },
    to: "beijing",
    bundle: "jointFoodBundle",
    application: "13010220261201000001",
    step: "beijingPart",
    service: "foodBusinessLicensing",
    holder: "91130602MA0TB002XR",
    holderName: "示例餐饮有限公司",
    title: "餐饮店开业一件事",
    timestamp: "2026-11-30T08:00:00.000Z",
    nonce: randomBytes(18).toString("base64url"),
    ...overrides,
  };
}

function update(event: JointUpdate["event"]): JointUpdate {
  return {
    v: 1,
    kind: "jointUpdate",
    messageId: randomUUID(),
    from: "beijing",
    to: "hebei",
    application: "13010220261201000001",
    step: "beijingPart",
    event,
    timestamp: "2026-11-30T08:00:00.000Z",
    nonce: randomBytes(18).toString("base64url"),
  };
}

const acceptsOpen = (raw: string) => {
  const envelope = decodeEnvelope(raw, ZJointOpen);
  return envelope !== null && verifyEnvelope(pem, envelope);
};

describe("jointOpen", () => {
  it("is accepted signed and canonical; any changed byte is refused", () => {
    const wire = encodeEnvelope(signEnvelope(privateKey, keyId, open()));
    expect(acceptsOpen(wire)).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: wire.length - 1 }), fc.integer({ min: 32, max: 126 }), (at, code) => {
        if (wire.charCodeAt(at) === code) return;
        const tampered = wire.slice(0, at) + String.fromCharCode(code) + wire.slice(at + 1);
        expect(acceptsOpen(tampered)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses an unknown field, a bad holder code and a text with control characters", () => {
    const bad = [{ ...open(), extra: 1 }, open({ holder: "not-a-code" }), open({ title: "一件事\u0007" })];
    for (const payload of bad) expect(decodeEnvelope(encodeEnvelope(signEnvelope(privateKey, keyId, payload as JointOpen)), ZJointOpen)).toBeNull();
  });
});

describe("jointUpdate", () => {
  it("carries a supplement request, a decision or an issued certificate, and nothing else", () => {
    const ok: JointUpdate["event"][] = [
      { type: "supplementRequested", items: [{ kind: "document", text: "请补充场所平面图", legalBasis: "《食品经营许可和备案管理办法》第十二条" }] },
      { type: "decided", outcome: "denied", reason: "不符合法定条件" },
      {
        type: "certificateIssued",
        number: "JY11101020000001",
        typeCode: "foodLicence",
        issuerDepartmentCode: "market",
        signature: "c2ln",
        signedAt: "2026-11-30T08:00:00.000Z",
      },
    ];
    for (const event of ok) expect(decodeEnvelope(encodeEnvelope(signEnvelope(privateKey, keyId, update(event))), ZJointUpdate)).not.toBeNull();
    const bad = [{ type: "supplementRequested", items: [] }, { type: "decided", outcome: "maybe", reason: null }, { type: "cancelled" }];
    for (const event of bad) expect(decodeEnvelope(encodeEnvelope(signEnvelope(privateKey, keyId, update(event as never))), ZJointUpdate)).toBeNull();
  });
});

describe("the joint outbox", () => {
  it("moves pending → sent | refused, and nothing leaves a final state", () => {
    expect(nextJointOutboxStatus("pending", "deliver")).toBe("sent");
    expect(nextJointOutboxStatus("pending", "refuse")).toBe("refused");
    expect(() => nextJointOutboxStatus("sent", "refuse")).toThrow();
    expect(Object.keys(jointOutboxMachine.refused)).toEqual([]);
  });

  it("backs off doubling from 10 s to at most 10 minutes", () => {
    expect([1, 2, 3, 10].map(jointRetryDelayMs)).toEqual([10_000, 20_000, 40_000, 600_000]);
  });

  it("answers an unknown service or part with 404", () => {
    expect(refusalHttpStatus("unknownService")).toBe(404);
    expect(refusalHttpStatus("unknownPart")).toBe(404);
  });
});
