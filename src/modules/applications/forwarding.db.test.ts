import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExchangeClient } from "@/modules/exchange/client";
import { describeNode, type ExchangeNode } from "@/modules/exchange/node";
import { peerDirectory } from "@/modules/exchange/peers";
import { decodeEnvelope, ZRefusal } from "@/modules/exchange/protocol";
import { exchangeLog } from "@/modules/exchange/schema";
import type { Actor } from "@/modules/identity/model";
import { openForwarding } from "@/modules/recognition/forwarding-openings";
import { reviewTasks } from "@/modules/review/schema";
import { demoForwardingOpening } from "@/root/seed/forwarding-demo";
import { regionDemoEnterprises, seedRegionDemo, seedVisitingEnterprises } from "@/root/seed/region-demo";
import { ownDatabase } from "@/root/testing/database";
import { actorByLogin, withDemo } from "@/root/testing/fixtures";
import type { DatabaseHandle, Db } from "@/server/db/client";
import { deliverDueForwardings, forwardApplication, type ForwardApplicationInput } from "./forward-application";
import { answerForwarding, answerStatusUpdate, reportForwardedStatuses } from "./receive-forwarding";
import { applications, forwardedApplications, forwardings } from "./schema";

// 异地代收代办 across two nodes in one process: Hebei (the worker's database, the competent node)
// and Tianjin (a PGlite of its own with Tianjin's demo: its window clerk). Both hold the demo's
// opening of Hebei's food business licence to Tianjin's windows. Tianjin's clerk forwards a
// Tianjin enterprise's application over real HTTP; Hebei creates and accepts it, and reports its
// status back.

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
        const raw = Buffer.concat(chunks).toString("utf8");
        if (req.method === "GET" && req.url === "/api/exchange/node") {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(await describeNode(db, node())));
        } else if (req.method === "POST" && req.url === "/api/exchange/forwardings") {
          const answer = await answerForwarding(db, node(), raw);
          res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
        } else if (req.method === "POST" && req.url === "/api/exchange/status-updates") {
          const answer = await answerStatusUpdate(db, node(), raw);
          res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
        } else res.writeHead(404).end();
      })().catch((e: unknown) => res.writeHead(500).end(String(e)));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const pdf = Buffer.from("%PDF-1.4\n%copy of a business licence, original checked at the window\n").toString("base64");
const jingang = regionDemoEnterprises("tianjin")[0]!;

let hebeiDb: Db;
let tianjin: DatabaseHandle;
let hebeiServer: Running;
let tianjinServer: Running;
let hebeiNode: ExchangeNode;
let tianjinNode: ExchangeNode;
let clerk: Actor;

beforeAll(async () => {
  const { h } = await withDemo();
  hebeiDb = h.db;
  tianjin = await ownDatabase("migrated");
  await seedRegionDemo(tianjin.db, "tianjin");
  await seedVisitingEnterprises(hebeiDb, ["tianjin"]);
  await openForwarding(hebeiDb, demoForwardingOpening);
  await openForwarding(tianjin.db, demoForwardingOpening);
  hebeiServer = await serve(hebeiDb, () => hebeiNode);
  tianjinServer = await serve(tianjin.db, () => tianjinNode);
  hebeiNode = { region: "hebei", baseUrl: hebeiServer.url, peers: peerDirectory({ tianjin: tianjinServer.url }, { refreshFloorMs: 0, timeoutMs: 20_000 }) };
  tianjinNode = { region: "tianjin", baseUrl: tianjinServer.url, peers: peerDirectory({ hebei: hebeiServer.url }, { refreshFloorMs: 0, timeoutMs: 20_000 }) };
  clerk = await actorByLogin(tianjin.db, "clerk");
}, 240_000);

afterAll(async () => {
  hebeiServer?.server.close();
  tianjinServer?.server.close();
  await tianjin?.close();
});

/** Tianjin's client (to Hebei), or Hebei's (to Tianjin). */
function client(db: () => Db, node: () => ExchangeNode, options: ConstructorParameters<typeof ExchangeClient>[2] = {}) {
  return new ExchangeClient(db(), node(), { backoffBaseMs: 1, timeoutMs: 20_000, retries: 0, ...options });
}
const fromTianjin = (options: ConstructorParameters<typeof ExchangeClient>[2] = {}) =>
  client(
    () => tianjin.db,
    () => tianjinNode,
    options,
  );
const fromHebei = () =>
  client(
    () => hebeiDb,
    () => hebeiNode,
  );

function input(overrides: Partial<ForwardApplicationInput> = {}): ForwardApplicationInput {
  return {
    toRegion: "hebei",
    serviceCode: "foodBusinessLicensing",
    applicantKind: "enterprise",
    holderCode: jingang.creditCode,
    applicantName: jingang.name,
    identityChecked: true,
    situations: { applicantType: "individual", premises: "existingShop" },
    formData: { businessAddress: "河北省保定市竞秀区示例路 18 号", diningArea: "45" },
    files: [{ materialKey: "businessLicence", fileName: "licence.pdf", contentBase64: pdf }],
    ...overrides,
  };
}

async function forwarding(id: string) {
  const [row] = await tianjin.db.select().from(forwardings).where(eq(forwardings.id, id));
  return row!;
}

async function atHebei(forwardingId: string) {
  return hebeiDb
    .select({ app: applications, fwd: forwardedApplications })
    .from(forwardedApplications)
    .innerJoin(applications, eq(applications.id, forwardedApplications.applicationId))
    .where(and(eq(forwardedApplications.fromRegion, "tianjin"), eq(forwardedApplications.forwardingId, forwardingId)));
}

const hebeiApplicationsOf = async (holderCode: string) =>
  (await hebeiDb.select({ id: applications.id }).from(applications).where(eq(applications.holderCode, holderCode))).length;

describe("异地代收代办: Tianjin's window accepts for Hebei", () => {
  it("forwards: Hebei creates the application, accepts it through the usual path (tasks, clocks), marked as Tianjin's; the status flows back", async () => {
    const sent = await forwardApplication(tianjin.db, clerk, input(), { client: fromTianjin() });
    expect(sent.status).toBe("accepted");
    const row = await forwarding(sent.id);
    expect(row.remoteTrackingNumber).toMatch(/^\d{20}$/);

    const [created] = await atHebei(sent.id);
    expect(created!.app).toMatchObject({ trackingNumber: row.remoteTrackingNumber, holderCode: jingang.creditCode, status: "inReview" });
    expect(created!.app.acceptedAt).not.toBeNull();
    expect(created!.fwd).toMatchObject({ windowNameZh: "天津市政务服务中心综合窗口", clerk: expect.stringMatching(/^clerk$/i) });
    const tasks = await hebeiDb.select().from(reviewTasks).where(eq(reviewTasks.applicationId, created!.app.id));
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((t) => t.dueAt !== null)).toBe(true);

    // Both sides log the exchange.
    const [incoming] = await hebeiDb
      .select()
      .from(exchangeLog)
      .where(and(eq(exchangeLog.purpose, "forwarding"), eq(exchangeLog.applicationRef, row.remoteTrackingNumber!)));
    expect(incoming).toMatchObject({ direction: "incoming", peerRegion: "tianjin", outcome: "answered", holderCode: jingang.creditCode });

    // The status flows back, signed, and a repeat changes nothing.
    expect(await reportForwardedStatuses(hebeiDb, fromHebei())).toBeGreaterThanOrEqual(1);
    const updated = await forwarding(sent.id);
    expect(updated).toMatchObject({ remoteStatus: "inReview", remoteSequence: created!.app.version });
    const [again] = await atHebei(sent.id);
    expect(again!.fwd.sentSequence).toBe(created!.app.version);
    expect(await reportForwardedStatuses(hebeiDb, fromHebei())).toBe(0);
  });

  it("returns an invalid application with its coded reasons and creates nothing at Hebei", async () => {
    const before = await hebeiApplicationsOf(jingang.creditCode);
    // No floor area, and no business licence: the usual validation refuses both.
    const sent = await forwardApplication(tianjin.db, clerk, input({ formData: { businessAddress: "河北省保定市竞秀区示例路 18 号" }, files: [] }), {
      client: fromTianjin(),
    });
    expect(sent.status).toBe("returned");
    const row = await forwarding(sent.id);
    expect(row.reasons!.length).toBeGreaterThanOrEqual(1);
    expect(row.reasons!.every((r) => /^[A-Za-z][A-Za-z0-9_.]+$/.test(r.code))).toBe(true);
    expect(row.reasons).toEqual([
      { code: "validation.required", field: "formData.diningArea" },
      { code: "validation.material.certificate.missing", field: "materials.businessLicence" },
    ]);
    expect(await hebeiApplicationsOf(jingang.creditCode)).toBe(before);
    expect(await atHebei(sent.id)).toHaveLength(0);
  });

  it("an applicant Hebei does not know is returned with a reason", async () => {
    const sent = await forwardApplication(tianjin.db, clerk, input({ holderCode: "91120101MA0TB999X0", applicantName: "天津未知示例有限公司" }), {
      client: fromTianjin(),
    });
    expect(sent.status).toBe("returned");
    expect((await forwarding(sent.id)).reasons).toEqual([{ code: "applications.forwarding.errors.applicantUnknown", field: "holderCode" }]);
  });

  it("a retry after a lost answer creates nothing new: one application, the same tracking number", async () => {
    let dropped = false;
    // The first answer is lost on the way back (Hebei did the work; Tianjin sees the peer down).
    const lossy = fromTianjin({
      fetch: async (url, init) => {
        const res = await fetch(url, init);
        if (!dropped && String(url).endsWith("/api/exchange/forwardings")) {
          dropped = true;
          await res.text();
          throw new TypeError("fetch failed");
        }
        return res;
      },
    });
    const before = await hebeiApplicationsOf(jingang.creditCode);
    const sent = await forwardApplication(tianjin.db, clerk, input(), { client: lossy });
    expect(sent.status).toBe("waiting");
    expect(await forwarding(sent.id)).toMatchObject({ status: "waiting", attempts: 1, lastError: "unreachable" });
    expect(await hebeiApplicationsOf(jingang.creditCode)).toBe(before + 1);

    await deliverDueForwardings(tianjin.db, fromTianjin(), new Date(Date.now() + 60_000));
    const row = await forwarding(sent.id);
    expect(row.status).toBe("accepted");
    const [created] = await atHebei(sent.id);
    expect(row.remoteTrackingNumber).toBe(created!.app.trackingNumber);
    expect(await hebeiApplicationsOf(jingang.creditCode)).toBe(before + 1);
  });

  it("keeps it waiting while Hebei is down and delivers it once after backoff when Hebei is back", async () => {
    const down: ExchangeNode = { ...tianjinNode, peers: peerDirectory({ hebei: "http://127.0.0.1:9" }, { timeoutMs: 2_000 }) };
    const before = await hebeiApplicationsOf(jingang.creditCode);
    const sent = await forwardApplication(tianjin.db, clerk, input(), {
      client: new ExchangeClient(tianjin.db, down, { backoffBaseMs: 1, timeoutMs: 2_000, retries: 1 }),
    });
    expect(sent.status).toBe("waiting");
    const waiting = await forwarding(sent.id);
    expect(waiting).toMatchObject({ status: "waiting", attempts: 1 });
    expect(waiting.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await hebeiApplicationsOf(jingang.creditCode)).toBe(before);

    // Not due yet: the outbox leaves it alone.
    expect(await deliverDueForwardings(tianjin.db, fromTianjin(), new Date())).toBe(0);
    // Hebei is back and the backoff is over: delivered, once.
    expect(await deliverDueForwardings(tianjin.db, fromTianjin(), new Date(waiting.nextAttemptAt!.getTime() + 1))).toBe(1);
    expect((await forwarding(sent.id)).status).toBe("accepted");
    expect(await hebeiApplicationsOf(jingang.creditCode)).toBe(before + 1);
    expect(await deliverDueForwardings(tianjin.db, fromTianjin(), new Date(Date.now() + 3_600_000))).toBe(0);
  });

  it("Hebei refuses a service it has not opened to Tianjin (serviceNotForwardable), logged, nothing created", async () => {
    // Tianjin believes the signboard permit is open; Hebei has not opened it.
    await openForwarding(tianjin.db, {
      ...demoForwardingOpening,
      serviceCode: "outdoorSignboardPermit",
      nameZh: "户外招牌设置审批",
      nameEn: "Outdoor signboard permit",
    });
    const before = await hebeiApplicationsOf(jingang.creditCode);
    const sent = await forwardApplication(tianjin.db, clerk, input({ serviceCode: "outdoorSignboardPermit" }), { client: fromTianjin() });
    expect(sent.status).toBe("refused");
    expect((await forwarding(sent.id)).reasons).toEqual([{ code: "exchange.refusal.serviceNotForwardable", field: null }]);
    expect(await hebeiApplicationsOf(jingang.creditCode)).toBe(before);
    const refused = await hebeiDb
      .select()
      .from(exchangeLog)
      .where(and(eq(exchangeLog.purpose, "forwarding"), eq(exchangeLog.reason, "serviceNotForwardable")));
    expect(refused.length).toBeGreaterThanOrEqual(1);
  });

  it("refuses a tampered, replayed or unknown-peer forwarding and a status update for a forwarding never sent", async () => {
    let captured = "";
    const capture = fromTianjin({
      fetch: (url, init) => {
        if (typeof init?.body === "string" && String(url).endsWith("/forwardings")) captured = init.body;
        return fetch(url, init);
      },
    });
    await forwardApplication(tianjin.db, clerk, input({ formData: { businessAddress: "河北省保定市竞秀区示例路 28 号", diningArea: "30" } }), {
      client: capture,
    });
    const post = async (path: string, body: string) => {
      const res = await fetch(`${hebeiServer.url}${path}`, { method: "POST", body });
      return { status: res.status, code: decodeEnvelope(await res.text(), ZRefusal)?.payload.code };
    };
    const before = await hebeiApplicationsOf(jingang.creditCode);
    expect(await post("/api/exchange/forwardings", captured)).toEqual({ status: 409, code: "replayedNonce" });
    expect(await post("/api/exchange/forwardings", captured.replace("28 号", "29 号"))).toEqual({ status: 401, code: "badSignature" });
    expect(await post("/api/exchange/forwardings", captured.replace('"from":"tianjin"', '"from":"beijing"'))).toEqual({ status: 401, code: "unknownPeer" });
    expect(await post("/api/exchange/forwardings", `${captured} `)).toEqual({ status: 400, code: "malformed" });
    expect(await hebeiApplicationsOf(jingang.creditCode)).toBe(before);

    // Hebei reports a forwarding Tianjin never sent it: refused, nothing applied.
    const ghost = randomUUID();
    const res = await fromHebei().postSigned(
      "/api/exchange/status-updates",
      {
        v: 1,
        kind: "statusUpdate",
        from: "hebei",
        to: "tianjin",
        forwardingId: ghost,
        trackingNumber: "13060220261201000001",
        status: "approved",
        sequence: 9,
        certificateNumbers: [],
        timestamp: new Date().toISOString(),
        nonce: randomUUID().replaceAll("-", ""),
      },
      ZRefusal as never,
    );
    expect(res).toEqual({ status: "refused", code: "unknownForwarding" });
  });
});
