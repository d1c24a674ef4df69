import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { departments } from "@/modules/identity/schema";
import { dataAccessLog } from "@/modules/sharing/schema";
import { grantForeignDepartment } from "@/modules/sharing/foreign-grants";
import { seedDemoProvince } from "@/root/seed/demo";
import { ownDatabase } from "@/root/testing/database";
import { listDataLog } from "@/modules/sharing/data-log";
import { actorByLogin, demoEnterprise, withDemo } from "@/root/testing/fixtures";
import type { DatabaseHandle, Db } from "@/server/db/client";
import { ExchangeClient, fetchForeignCertificates, type ForeignReadInput } from "./client";
import { rotateNodeKey } from "./keys";
import { describeNode, type ExchangeNode } from "./node";
import { peerDirectory } from "./peers";
import { decodeEnvelope, ZNodeDescription, ZRefusal } from "./protocol";
import { answerCertificateRequest } from "./receive";
import { exchangeLog } from "./schema";

// Two region nodes in one process: Hebei (the worker's database, PostgreSQL when the suite runs on
// it) and "Beijing" (a PGlite of its own, seeded with the demo province, so it holds the demo
// restaurant's licence), each behind a tiny node:http server around the same handlers as the
// route files, each with its own node keys. Hebei's client asks Beijing over real HTTP.

const restaurant = "91130602MA0TB002XR";

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
        } else if (req.method === "POST" && req.url === "/api/exchange/certificates") {
          const answer = await answerCertificateRequest(db, node(), Buffer.concat(chunks).toString("utf8"));
          res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
        } else res.writeHead(404).end();
      })().catch((e: unknown) => res.writeHead(500).end(String(e)));
    });
  });
  return listen(server);
}

function listen(server: Server): Promise<Running> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

let hebeiDb: Db;
let beijing: DatabaseHandle;
let hebeiServer: Running;
let beijingServer: Running;
let hebeiNode: ExchangeNode;
let beijingNode: ExchangeNode;
let market: { id: string; code: string };
const sentBodies: string[] = [];

beforeAll(async () => {
  const { h } = await withDemo();
  hebeiDb = h.db;
  beijing = await ownDatabase("migrated");
  await seedDemoProvince(beijing.db);
  hebeiServer = await serve(hebeiDb, () => hebeiNode);
  beijingServer = await serve(beijing.db, () => beijingNode);
  hebeiNode = { region: "hebei", baseUrl: hebeiServer.url, peers: peerDirectory({ beijing: beijingServer.url }) };
  beijingNode = { region: "beijing", baseUrl: beijingServer.url, peers: peerDirectory({ hebei: hebeiServer.url }, { refreshFloorMs: 0 }) };
  // Beijing's data office grants its business licences to Hebei's market regulation for the food licence.
  const office = await actorByLogin(beijing.db, "dataoffice");
  await grantForeignDepartment(beijing.db, office, {
    resourceCode: "certificate.businessLicence",
    consumerRegion: "hebei",
    consumerDepartmentCode: "market",
    serviceCodes: ["foodBusinessLicensing"],
    purpose: "《食品经营许可和备案管理办法》：核对申请人的营业执照",
  });
  const [m] = await hebeiDb.select({ id: departments.id, code: departments.code }).from(departments).where(eq(departments.code, "market"));
  market = m!;
}, 240_000);

afterAll(async () => {
  hebeiServer?.server.close();
  beijingServer?.server.close();
  await beijing?.close();
});

function client(options: ConstructorParameters<typeof ExchangeClient>[2] = {}, node: ExchangeNode = hebeiNode) {
  return new ExchangeClient(hebeiDb, node, {
    backoffBaseMs: 1,
    timeoutMs: 2_000,
    fetch: (input, init) => {
      if (typeof init?.body === "string") sentBodies.push(init.body);
      return fetch(input, init);
    },
    ...options,
  });
}

function read(overrides: Partial<ForeignReadInput> = {}): ForeignReadInput {
  return {
    reader: { departmentId: market.id, departmentCode: market.code, userId: null, role: "reviewer" },
    peerRegion: "beijing",
    serviceCode: "foodBusinessLicensing",
    applicationId: randomUUID(),
    applicationRef: `TB${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e6)}`,
    purpose: "食品经营许可审查：核对营业执照",
    legalBasis: "《食品经营许可和备案管理办法》第十五条",
    consentRef: "consent:demo-1",
    holderCode: restaurant,
    typeCodes: ["businessLicence"],
    ...overrides,
  };
}

async function post(raw: string) {
  const res = await fetch(`${beijingServer.url}/api/exchange/certificates`, { method: "POST", body: raw });
  return { status: res.status, refusal: decodeEnvelope(await res.text(), ZRefusal)?.payload ?? null };
}

describe("exchange between two region nodes", () => {
  it("publishes the node: region, endpoints, public keys with their windows, no private key", async () => {
    const res = await fetch(`${beijingServer.url}/api/exchange/node`);
    const text = await res.text();
    const node = ZNodeDescription.parse(JSON.parse(text));
    expect(node.region).toBe("beijing");
    expect(node.endpoints.certificates).toBe(`${beijingServer.url}/api/exchange/certificates`);
    expect(node.keys.length).toBeGreaterThanOrEqual(1);
    expect(node.keys.at(-1)!.retiredAt).toBeNull();
    expect(text).not.toMatch(/PRIVATE|sealed/i);
  });

  it("answers a granted request with the licence still signed by its issuer, and both nodes log the read", async () => {
    const input = read();
    const result = await fetchForeignCertificates(hebeiDb, client(), input);
    expect(result.status).toBe("answered");
    if (result.status !== "answered") return;
    expect(result.certificates).toHaveLength(1);
    const [licence] = result.certificates;
    expect(licence).toMatchObject({
      typeCode: "businessLicence",
      holderCode: restaurant,
      issuerDepartmentCode: "market",
      region: "beijing",
      signatureValid: true,
    });

    // Hebei: the holder sees that its market regulation read its Beijing licence, for this case.
    const asked = await hebeiDb
      .select()
      .from(dataAccessLog)
      .where(and(eq(dataAccessLog.holderCode, restaurant), eq(dataAccessLog.applicationId, input.applicationId!)));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ purpose: "crossRegion", peerRegion: "beijing", readerDepartmentId: market.id, outcome: "allowed", recordCount: 1 });
    // Beijing: the holder sees that Hebei's market regulation read it, with the legal basis.
    const [incoming] = await beijing.db.select().from(exchangeLog).where(eq(exchangeLog.applicationRef, input.applicationRef));
    expect(incoming).toMatchObject({ direction: "incoming", peerRegion: "hebei", outcome: "answered", certificateCount: 1, consentRef: "consent:demo-1" });
    const answered = await beijing.db
      .select()
      .from(dataAccessLog)
      .where(and(eq(dataAccessLog.holderCode, restaurant), eq(dataAccessLog.peerRegion, "hebei"), eq(dataAccessLog.outcome, "allowed")));
    expect(answered.some((r) => r.purpose === "crossRegion" && r.peerDepartmentCode === "market" && r.legalBasis === input.legalBasis)).toBe(true);
    const [outgoing] = await hebeiDb.select().from(exchangeLog).where(eq(exchangeLog.applicationRef, input.applicationRef));
    expect(outgoing).toMatchObject({ direction: "outgoing", peerRegion: "beijing", outcome: "answered", certificateCount: 1 });

    // The holder's own data log on each node shows the read, naming the other region.
    const inBeijing = await listDataLog(beijing.db, await demoEnterprise(beijing.db, restaurant), { page: 1, includeOwn: false });
    expect(inBeijing.entries.find((e) => e.purpose === "crossRegion" && e.outcome === "allowed")).toMatchObject({
      readerRole: "peer",
      peerRegion: "hebei",
      peerDepartmentCode: "market",
    });
    const inHebei = await listDataLog(hebeiDb, await demoEnterprise(hebeiDb, restaurant), { page: 1, includeOwn: false });
    expect(inHebei.entries.find((e) => e.purpose === "crossRegion" && e.outcome === "allowed")).toMatchObject({
      peerRegion: "beijing",
      departmentNameZh: "河北省市场监督管理局",
    });
  });

  it("refuses the same request again (replayed nonce), logged, nothing returned", async () => {
    await fetchForeignCertificates(hebeiDb, client(), read());
    const replay = await post(sentBodies.at(-1)!);
    expect(replay.status).toBe(409);
    expect(replay.refusal?.code).toBe("replayedNonce");
    const refusals = await beijing.db
      .select()
      .from(exchangeLog)
      .where(and(eq(exchangeLog.reason, "replayedNonce"), eq(exchangeLog.direction, "incoming")));
    expect(refusals.length).toBeGreaterThanOrEqual(1);
  });

  it("refuses a service or a type the grant does not cover, and logs the refusal in the holder's log on both nodes", async () => {
    const otherService = read({ serviceCode: "enterpriseEstablishment" });
    expect(await fetchForeignCertificates(hebeiDb, client(), otherService)).toEqual({ status: "refused", code: "purposeNotGranted" });
    const otherType = read({ typeCodes: ["businessLicence", "taxRegistration"] });
    expect(await fetchForeignCertificates(hebeiDb, client(), otherType)).toEqual({ status: "refused", code: "purposeNotGranted" });
    const refused = await beijing.db
      .select()
      .from(dataAccessLog)
      .where(and(eq(dataAccessLog.holderCode, restaurant), eq(dataAccessLog.peerRegion, "hebei"), eq(dataAccessLog.outcome, "refused")));
    expect(refused.map((r) => r.refusalReason)).toEqual(expect.arrayContaining(["sharing.refusal.peer.noGrant", "sharing.refusal.peer.requestRefused"]));
    expect(refused.every((r) => r.recordCount === 0)).toBe(true);
    const [asked] = await hebeiDb.select().from(dataAccessLog).where(eq(dataAccessLog.applicationId, otherService.applicationId!));
    expect(asked).toMatchObject({ outcome: "refused", refusalReason: "sharing.refusal.crossRegion.refused", peerRegion: "beijing" });
  });

  it("refuses a stale timestamp", async () => {
    const result = await client().requestCertificates(
      {
        department: "market",
        peerRegion: "beijing",
        service: "foodBusinessLicensing",
        application: "TBSTALE1",
        purpose: "p",
        legalBasis: "l",
        consent: "c",
        holder: restaurant,
        types: ["businessLicence"],
      },
      new Date(Date.now() - 10 * 60_000),
    );
    expect(result).toMatchObject({ status: "refused", code: "staleTimestamp" });
  });

  it("refuses a node that is not a peer (Tianjin is not in Beijing's PEERS)", async () => {
    const tianjin: ExchangeNode = { region: "tianjin", baseUrl: "http://127.0.0.1:9", peers: peerDirectory({ beijing: beijingServer.url }) };
    const result = await fetchForeignCertificates(hebeiDb, client({}, tianjin), read());
    expect(result).toEqual({ status: "refused", code: "unknownPeer" });
  });

  it("property: a request with any byte changed is refused with a code, and nothing is returned", async () => {
    await fetchForeignCertificates(hebeiDb, client(), read());
    const original = Buffer.from(sentBodies.at(-1)!, "utf8");
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: original.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const tampered = Buffer.from(original);
        tampered[at] = tampered[at]! ^ xor;
        const answer = await answerCertificateRequest(beijing.db, beijingNode, tampered.toString("utf8"));
        const refusal = decodeEnvelope(answer.body, ZRefusal);
        return answer.status >= 400 && answer.status < 500 && refusal !== null && !answer.body.includes("certificates");
      }),
      { numRuns: 40 },
    );
  });

  it("keeps working after Hebei rotates its node key (Beijing reads the new key from Hebei's node)", async () => {
    await rotateNodeKey(hebeiDb, "hebei", new Date());
    const result = await fetchForeignCertificates(hebeiDb, client(), read());
    expect(result.status).toBe("answered");
  });
});

describe("a peer that is down", () => {
  it("is down, never 'no certificates': unreachable, then the breaker opens, then it comes back", async () => {
    const urls: Record<string, string> = { beijing: "http://127.0.0.1:1" };
    const node: ExchangeNode = { region: "hebei", baseUrl: hebeiServer.url, peers: peerDirectory(urls) };
    let calls = 0;
    const c = new ExchangeClient(hebeiDb, node, {
      retries: 1,
      backoffBaseMs: 1,
      failureThreshold: 2,
      coolDownMs: 1_500,
      fetch: (input, init) => {
        calls += 1;
        return fetch(input, init);
      },
    });
    const input = read();
    expect(await fetchForeignCertificates(hebeiDb, c, input)).toEqual({ status: "down", reason: "unreachable" });
    expect(calls).toBe(2); // one retry
    expect(await fetchForeignCertificates(hebeiDb, c, read())).toEqual({ status: "down", reason: "unreachable" });
    expect(c.peerState("beijing")).toBe("open");
    const before = calls;
    expect(await fetchForeignCertificates(hebeiDb, c, read())).toEqual({ status: "down", reason: "breakerOpen" });
    expect(calls).toBe(before);
    const [logged] = await hebeiDb.select().from(dataAccessLog).where(eq(dataAccessLog.applicationId, input.applicationId!));
    expect(logged).toMatchObject({ outcome: "refused", refusalReason: "sharing.refusal.crossRegion.down", recordCount: 0 });

    // Beijing comes back: after the cool-down one trial request goes through and closes the breaker.
    urls.beijing = beijingServer.url;
    await new Promise((r) => setTimeout(r, 1_600));
    expect(c.peerState("beijing")).toBe("halfOpen");
    expect((await fetchForeignCertificates(hebeiDb, c, read())).status).toBe("answered");
    expect(c.peerState("beijing")).toBe("closed");
  });

  it("treats garbage and a too-slow answer as down", async () => {
    const garbage = await listen(createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"certificates":[]}')));
    const slow = await listen(createServer((_req, res) => setTimeout(() => res.writeHead(200).end("{}"), 500)));
    try {
      const g = new ExchangeClient(hebeiDb, { region: "hebei", baseUrl: hebeiServer.url, peers: peerDirectory({ beijing: garbage.url }) }, { retries: 0 });
      expect(await fetchForeignCertificates(hebeiDb, g, read())).toEqual({ status: "down", reason: "garbage" });
      const s = new ExchangeClient(
        hebeiDb,
        { region: "hebei", baseUrl: hebeiServer.url, peers: peerDirectory({ beijing: slow.url }) },
        { retries: 1, timeoutMs: 100, backoffBaseMs: 1 },
      );
      expect(await fetchForeignCertificates(hebeiDb, s, read())).toEqual({ status: "down", reason: "timeout" });
    } finally {
      garbage.server.close();
      slow.server.close();
    }
  });
});
