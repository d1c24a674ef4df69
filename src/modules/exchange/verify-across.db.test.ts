import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, inArray, like, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicKeys } from "@/modules/sharing/gate";
import { certificates } from "@/modules/sharing/registry-schema";
import { providerHealth } from "@/modules/sharing/provider-health-schema";
import { dataAccessLog, publicVerificationCounts } from "@/modules/sharing/schema";
import { signFacts } from "@/modules/sharing/signing";
import { seedDemoProvince } from "@/root/seed/demo";
import { ownDatabase } from "@/root/testing/database";
import { withDemo } from "@/root/testing/fixtures";
import type { DatabaseHandle, Db } from "@/server/db/client";
import { ExchangeClient } from "./client";
import { departmentKeyDirectory } from "./department-keys";
import { signAsNode } from "./keys";
import { describeNode, type ExchangeNode } from "./node";
import { peerDirectory } from "./peers";
import { decodeEnvelope, encodeEnvelope, ZRefusal, type VerificationRequest, type VerificationResponse } from "./protocol";
import { answerVerificationRequest } from "./receive-verification";
import { exchangeLog } from "./schema";
import { checkIssuerSignature, verifyAcrossRegions, type AcrossDeps } from "./verify-across";

// Cross-region verification with two region nodes in one process (as two-nodes.db.test.ts):
// Hebei (the worker's database) verifies certificates Beijing (a PGlite of its own, seeded with
// the demo province) issued, over real HTTP, checking the issuer's signature against the
// department keys Beijing publishes.

interface Running {
  url: string;
  server: Server;
}

function serve(db: Db, node: () => ExchangeNode): Promise<Running> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        if (req.method === "GET" && req.url === "/api/exchange/node") {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(await describeNode(db, node())));
        } else if (req.method === "GET" && req.url === "/api/open/department-keys") {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(await publicKeys(db)));
        } else if (req.method === "POST" && req.url === "/api/exchange/verifications") {
          const answer = await answerVerificationRequest(db, node(), Buffer.concat(chunks).toString("utf8"));
          res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
        } else res.writeHead(404).end();
      })().catch((e: unknown) => res.writeHead(500).end(String(e)));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

let hebeiDb: Db;
let beijing: DatabaseHandle;
let hebeiServer: Running;
let beijingServer: Running;
let hebeiNode: ExchangeNode;
let beijingNode: ExchangeNode;
let licenceNumber: string;
let tamperedNumber: string;

function deps(node: ExchangeNode = hebeiNode, peerRegions: string[] = ["beijing"]): AcrossDeps {
  const urls = { beijing: node.peers.url("beijing") ?? "" };
  return {
    node,
    client: new ExchangeClient(hebeiDb, node, { backoffBaseMs: 1, timeoutMs: 2_000, retries: 1 }),
    departmentKeys: departmentKeyDirectory(urls),
    peerRegions,
  };
}

beforeAll(async () => {
  const { h } = await withDemo();
  hebeiDb = h.db;
  beijing = await ownDatabase("migrated");
  await seedDemoProvince(beijing.db);
  hebeiServer = await serve(hebeiDb, () => hebeiNode);
  beijingServer = await serve(beijing.db, () => beijingNode);
  hebeiNode = { region: "hebei", baseUrl: hebeiServer.url, peers: peerDirectory({ beijing: beijingServer.url }) };
  beijingNode = { region: "beijing", baseUrl: beijingServer.url, peers: peerDirectory({ hebei: hebeiServer.url }, { refreshFloorMs: 0 }) };
  // A Beijing licence whose number Hebei does not hold.
  const [licence] = await beijing.db.select({ number: certificates.number }).from(certificates).where(eq(certificates.typeCode, "businessLicence")).limit(1);
  licenceNumber = licence!.number;
  // A Beijing certificate changed after it was signed.
  const [other] = await beijing.db
    .select({ number: certificates.number })
    .from(certificates)
    .where(and(ne(certificates.number, licenceNumber), like(certificates.holderCode, "9%")))
    .limit(1);
  tamperedNumber = other!.number;
  await beijing.db.update(certificates).set({ holderName: "北京冒名顶替有限公司" }).where(eq(certificates.number, tamperedNumber));
  // The numbers are Beijing's alone.
  expect(
    await hebeiDb
      .select()
      .from(certificates)
      .where(inArray(certificates.number, [licenceNumber, tamperedNumber])),
  ).toHaveLength(0);
}, 240_000);

afterAll(async () => {
  hebeiServer?.server.close();
  beijingServer?.server.close();
  await beijing?.close();
});

describe("verifying another region's certificate through its node", () => {
  it("shows a Beijing licence on the Hebei node as verified through the Beijing node, signature checked against Beijing's published keys", async () => {
    const result = await verifyAcrossRegions(hebeiDb, deps(), { number: licenceNumber, region: "beijing", reader: null });
    expect(result).toMatchObject({
      status: "found",
      through: { kind: "peer", code: "beijing", nameZh: "北京市", nameEn: "Beijing" },
      view: { number: licenceNumber, status: "valid", signature: { present: true, valid: true, inKeyWindow: true } },
    });
    // Both nodes log the exchange; Beijing counts an anonymous verification as its own page does, and writes no holder's read.
    const [outgoing] = await hebeiDb
      .select()
      .from(exchangeLog)
      .where(and(eq(exchangeLog.direction, "outgoing"), eq(exchangeLog.purpose, "publicVerification"), eq(exchangeLog.outcome, "answered")));
    expect(outgoing).toMatchObject({ peerRegion: "beijing", certificateCount: 1, holderCode: null });
    const [incoming] = await beijing.db.select().from(exchangeLog).where(eq(exchangeLog.nonce, outgoing!.nonce!));
    expect(incoming).toMatchObject({ direction: "incoming", peerRegion: "hebei", outcome: "answered", certificateCount: 1, purpose: "publicVerification" });
    const [cert] = await beijing.db
      .select({ id: certificates.id, holderCode: certificates.holderCode })
      .from(certificates)
      .where(eq(certificates.number, licenceNumber));
    const counts = await beijing.db.select().from(publicVerificationCounts).where(eq(publicVerificationCounts.certificateId, cert!.id));
    expect(counts.reduce((n, c) => n + c.count, 0)).toBeGreaterThanOrEqual(1);
    expect(await beijing.db.select().from(dataAccessLog).where(eq(dataAccessLog.peerRegion, "hebei"))).toHaveLength(0);
    expect(await hebeiDb.select().from(dataAccessLog).where(eq(dataAccessLog.holderCode, cert!.holderCode))).toHaveLength(0);
    // The Beijing node's health as a provider is recorded on Hebei.
    const [health] = await hebeiDb.select().from(providerHealth).where(eq(providerHealth.provider, "peer:beijing"));
    expect(health?.lastSuccessAt).not.toBeNull();
  });

  it("asks every configured peer when the link names no region", async () => {
    const result = await verifyAcrossRegions(hebeiDb, deps(), { number: licenceNumber, region: null, reader: null });
    expect(result).toMatchObject({ status: "found", through: { code: "beijing" } });
  });

  it("shows a certificate changed after signing as not genuine", async () => {
    const result = await verifyAcrossRegions(hebeiDb, deps(), { number: tamperedNumber, region: "beijing", reader: null });
    expect(result).toMatchObject({ status: "found", view: { holderName: "北京冒名顶替有限公司", signature: { present: true, valid: false } } });
  });

  it("does not trust the key the answer carries: a signature under a key Beijing does not publish fails", () => {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const facts = {
      number: "20261102000000001",
      typeCode: "businessLicence",
      holderCode: "91110105MA0V000001",
      holderName: "北京伪造示例有限公司",
      issuerDepartmentCode: "market",
      issuedOn: "2026-11-02",
      validUntil: null,
      fields: {},
    };
    const signed = {
      ...facts,
      issuerNameZh: "北京市市场监督管理局",
      issuerNameEn: "Beijing Administration for Market Regulation",
      status: "valid" as const,
      signature: signFacts(privateKey, facts),
      signedAt: "2026-11-02T01:00:00.000Z",
      issuerKey: {
        keyId: "0b5cc0a4-6f0e-4f4e-9d7f-2f1a8c1d3e11",
        publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
        validFrom: "2026-01-01T00:00:00.000Z",
        retiredAt: null,
      },
    };
    expect(checkIssuerSignature(signed, [])).toMatchObject({ present: true, valid: false, inKeyWindow: false });
    const published = [
      {
        keyId: signed.issuerKey.keyId,
        departmentCode: "market",
        publicKey: generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString(),
        validFrom: "2026-01-01T00:00:00.000Z",
        retiredAt: null,
      },
    ];
    expect(checkIssuerSignature(signed, published)).toMatchObject({ valid: false, inKeyWindow: true });
    expect(checkIssuerSignature(signed, [{ ...published[0]!, publicKey: signed.issuerKey.publicKey }])).toMatchObject({ valid: true });
    expect(checkIssuerSignature(signed, [{ ...published[0]!, publicKey: signed.issuerKey.publicKey, departmentCode: "tax" }])).toMatchObject({ valid: false });
  });

  it("says not found only when the issuing node answered so", async () => {
    expect(await verifyAcrossRegions(hebeiDb, deps(), { number: "20260101999999999", region: "beijing", reader: null })).toEqual({ status: "notFound" });
  });

  it("shows the Beijing node as unreachable when it is down, never as not found, and records the failure", async () => {
    const closed = await serve(beijing.db, () => beijingNode);
    const deadUrl = closed.url;
    await new Promise((resolve) => closed.server.close(resolve));
    const down: ExchangeNode = { region: "hebei", baseUrl: hebeiServer.url, peers: peerDirectory({ beijing: deadUrl }) };
    const result = await verifyAcrossRegions(hebeiDb, deps(down), { number: licenceNumber, region: "beijing", reader: null });
    expect(result).toEqual({ status: "unavailable", unreachable: [{ kind: "peer", code: "beijing", nameZh: "北京市", nameEn: "Beijing" }] });
    const [health] = await hebeiDb.select().from(providerHealth).where(eq(providerHealth.provider, "peer:beijing"));
    expect(health?.lastFailureReason).toBe("unreachable");
    const [logged] = await hebeiDb
      .select()
      .from(exchangeLog)
      .where(and(eq(exchangeLog.purpose, "publicVerification"), eq(exchangeLog.outcome, "down")));
    expect(logged).toMatchObject({ direction: "outgoing", peerRegion: "beijing", reason: "unreachable" });
  });
});

describe("the verification message: refusals", () => {
  function payload(overrides: Partial<VerificationRequest> = {}): VerificationRequest {
    return {
      v: 1,
      kind: "verificationRequest",
      from: "hebei",
      to: "beijing",
      number: licenceNumber,
      timestamp: new Date().toISOString(),
      nonce: randomBytes(18).toString("base64url"),
      ...overrides,
    };
  }
  async function post(raw: string) {
    const res = await fetch(`${beijingServer.url}/api/exchange/verifications`, { method: "POST", body: raw });
    const text = await res.text();
    return { status: res.status, code: decodeEnvelope(text, ZRefusal)?.payload.code ?? null, text };
  }
  const signed = async (p: VerificationRequest, region = "hebei", at = new Date(p.timestamp)) => encodeEnvelope(await signAsNode(hebeiDb, region, at, p));

  it("answers a well-formed request, then refuses the same bytes as a replay", async () => {
    const raw = await signed(payload());
    const first = await post(raw);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).payload).toMatchObject({ kind: "verificationResponse", to: "hebei" } satisfies Partial<VerificationResponse>);
    expect(await post(raw)).toMatchObject({ status: 409, code: "replayedNonce" });
  });

  it("refuses a tampered request, a stale one, one for another region and one from an unknown peer", async () => {
    const raw = await signed(payload());
    expect(await post(raw.replace(licenceNumber, "20260101000000001"))).toMatchObject({ status: 401, code: "badSignature" });
    expect(await post(raw.replace('"kind":"verificationRequest"', '"kind":"verificationRequest" '))).toMatchObject({ status: 400, code: "malformed" });
    const old = new Date(Date.now() - 10 * 60_000);
    expect(await post(await signed(payload({ timestamp: old.toISOString() }), "hebei", old))).toMatchObject({ status: 401, code: "staleTimestamp" });
    expect(await post(await signed(payload({ to: "tianjin" })))).toMatchObject({ status: 400, code: "wrongRecipient" });
    expect(await post(await signed(payload({ from: "tianjin" }), "tianjin"))).toMatchObject({ status: 401, code: "unknownPeer" });
    const refused = await beijing.db
      .select()
      .from(exchangeLog)
      .where(and(eq(exchangeLog.purpose, "publicVerification"), eq(exchangeLog.outcome, "refused")));
    expect(new Set(refused.map((r) => r.reason))).toEqual(
      new Set(["replayedNonce", "badSignature", "malformed", "staleTimestamp", "wrongRecipient", "unknownPeer"]),
    );
  });
});
