import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departmentSystemProvider, type TrustedDepartmentKey } from "./department-system-provider";
import { signFacts } from "./signing";

// The adapter for a department's own certificate system, against a small real HTTP server that
// answers as such a system would — and as a broken one would.

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const keyId = "6a1f7c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
const trusted: TrustedDepartmentKey[] = [
  {
    keyId,
    departmentCode: "market",
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
    validFrom: new Date("2026-01-01T00:00:00Z"),
    retiredAt: null,
  },
];
const facts = {
  number: "20261102000000042",
  typeCode: "foodBusinessLicence",
  holderCode: "91130602MA0TB002XR",
  holderName: "石家庄通办示范餐饮有限公司",
  issuerDepartmentCode: "market",
  issuedOn: "2026-11-02",
  validUntil: "2031-11-01",
  fields: { premises: "石家庄市长安区示范路 1 号" },
};
const certificate = {
  ...facts,
  typeNameZh: "食品经营许可证",
  typeNameEn: "Food business licence",
  status: "valid",
  revokedAt: null,
  revocationReason: null,
  signature: signFacts(privateKey, facts),
  signedAt: "2026-11-02T02:00:00.000Z",
  keyId,
};

/** What the system answers, by number. */
const routes: Record<string, (res: ServerResponse) => void> = {
  [facts.number]: (res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ certificate })),
  "20261102000000043": (res) =>
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ certificate: { ...certificate, number: "20261102000000043", holderName: "冒名有限公司" } })),
  "20261102000000044": (res) => res.writeHead(200, { "content-type": "application/json" }).end("<html>not json</html>"),
  "20261102000000045": (res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ certificate: { ...certificate, extra: 1 } })),
  "20261102000000046": () => undefined, // never answers
  "20261102000000047": (res) => res.writeHead(503).end(),
  "20261102000000048": (res) =>
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ certificate: { ...certificate, number: "20261102000000048", issuerDepartmentCode: "tax" } })),
};

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const number = decodeURIComponent((req.url ?? "").replace(/^\/api\/certificates\//, ""));
    const route = routes[number];
    if (route) route(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const provider = (keys: TrustedDepartmentKey[] = trusted) =>
  departmentSystemProvider({
    departmentCode: "market",
    nameZh: "河北省市场监督管理局",
    nameEn: "Hebei Administration for Market Regulation",
    baseUrl: url,
    keys: async () => keys,
    timeoutMs: 300,
  });
const now = new Date("2026-11-30T08:00:00Z");

describe("a department's own certificate system as a provider", () => {
  it("answers with the certificate, its issuer signature checked against this node's key for the department", async () => {
    const answer = await provider().verify(facts.number, now);
    expect(answer).toMatchObject({
      status: "found",
      through: { kind: "department", code: "market" },
      view: { number: facts.number, holderName: facts.holderName, status: "valid", signature: { present: true, valid: true, inKeyWindow: true, keyId } },
    });
    expect(provider().id).toBe("department:market");
  });

  it("shows a certificate whose facts no longer match the signature as not genuine, and one under an unknown key too", async () => {
    expect(await provider().verify("20261102000000043", now)).toMatchObject({ status: "found", view: { signature: { present: true, valid: false } } });
    expect(await provider([]).verify(facts.number, now)).toMatchObject({ status: "found", view: { signature: { valid: false, inKeyWindow: false } } });
  });

  it("says not found on 404, and down with a code for garbage, extra fields, another issuer, a server error, a timeout, no server", async () => {
    expect(await provider().verify("20261102000000099", now)).toEqual({ status: "notFound" });
    expect(await provider().verify("20261102000000044", now)).toEqual({ status: "down", reason: "garbage" });
    expect(await provider().verify("20261102000000045", now)).toEqual({ status: "down", reason: "garbage" });
    expect(await provider().verify("20261102000000048", now)).toEqual({ status: "down", reason: "garbage" });
    expect(await provider().verify("20261102000000047", now)).toEqual({ status: "down", reason: "serverError" });
    const started = Date.now();
    expect(await provider().verify("20261102000000046", now)).toEqual({ status: "down", reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(2_000);
    const nowhere = departmentSystemProvider({ departmentCode: "market", nameZh: "x", nameEn: "x", baseUrl: "http://127.0.0.1:1", keys: async () => trusted });
    expect(await nowhere.verify(facts.number, now)).toEqual({ status: "down", reason: "unreachable" });
  });

  it("says the keys are unavailable when this node's department keys cannot be read", async () => {
    const broken = departmentSystemProvider({
      departmentCode: "market",
      nameZh: "x",
      nameEn: "x",
      baseUrl: url,
      keys: () => Promise.reject(new Error("db down")),
    });
    expect(await broken.verify(facts.number, now)).toEqual({ status: "down", reason: "keysUnavailable" });
  });
});
