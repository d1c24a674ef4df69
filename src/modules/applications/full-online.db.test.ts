import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExchangeClient } from "@/modules/exchange/client";
import { PeerRateLimiter } from "@/modules/exchange/limits";
import { describeNode, type ExchangeNode } from "@/modules/exchange/node";
import { peerDirectory } from "@/modules/exchange/peers";
import { answerCertificateRequest } from "@/modules/exchange/receive";
import { exchangeLog } from "@/modules/exchange/schema";
import type { Actor } from "@/modules/identity/model";
import { listDataLog } from "@/modules/sharing/data-log";
import { dataAccessLog } from "@/modules/sharing/schema";
import { regionDemoEnterprises, seedRegionDemo, seedVisitingEnterprises } from "@/root/seed/region-demo";
import { ownDatabase } from "@/root/testing/database";
import { actorByLogin, demoEnterprise, withDemo } from "@/root/testing/fixtures";
import type { DatabaseHandle, Db } from "@/server/db/client";
import { getApplication } from "./get-application";
import { ZSubmitApplicationInput } from "./inputs";
import { prefillCertificates } from "./prefill";
import { applicationMaterials, foreignSupplies } from "./schema";
import { submitApplication } from "./submit-application";
import { uploadFile } from "./upload-file";

// 全程网办 across two nodes in one process: Hebei (the worker's database) and Beijing (a PGlite of
// its own with Beijing's demo: its enterprise, that enterprise's licence, and its grant to Hebei's
// market regulation). The Beijing enterprise applies on the Hebei node for the food licence
// without uploading its business licence; Hebei asks Beijing over real HTTP.

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
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const pdf = new Uint8Array([...Buffer.from("%PDF-1.4\n%copy of a licence\n")]);
const food = { kind: "service" as const, code: "foodBusinessLicensing" };
const jingtong = regionDemoEnterprises("beijing")[0]!;

let hebeiDb: Db;
let beijing: DatabaseHandle;
let hebeiServer: Running;
let beijingServer: Running;
let hebeiNode: ExchangeNode;
let beijingNode: ExchangeNode;
let applicant: Actor;

beforeAll(async () => {
  const { h } = await withDemo();
  hebeiDb = h.db;
  beijing = await ownDatabase("migrated");
  await seedRegionDemo(beijing.db, "beijing");
  await seedVisitingEnterprises(hebeiDb, ["beijing"]);
  hebeiServer = await serve(hebeiDb, () => hebeiNode);
  beijingServer = await serve(beijing.db, () => beijingNode);
  // Generous timeouts: the suite shares a loaded machine, and a slow answer here is not what is tested.
  hebeiNode = { region: "hebei", baseUrl: hebeiServer.url, peers: peerDirectory({ beijing: beijingServer.url }, { timeoutMs: 20_000 }) };
  beijingNode = { region: "beijing", baseUrl: beijingServer.url, peers: peerDirectory({ hebei: hebeiServer.url }, { refreshFloorMs: 0, timeoutMs: 20_000 }) };
  applicant = await demoEnterprise(hebeiDb, jingtong.creditCode);
}, 240_000);

afterAll(async () => {
  hebeiServer?.server.close();
  beijingServer?.server.close();
  await beijing?.close();
});

function exchange(node: ExchangeNode = hebeiNode) {
  return { client: new ExchangeClient(hebeiDb, node, { backoffBaseMs: 1, timeoutMs: 20_000, retries: 0 }) };
}

function submitFood(materials: Record<string, unknown> = {}, ex = exchange(), consent = true) {
  return submitApplication(
    hebeiDb,
    applicant,
    ZSubmitApplicationInput.parse({
      subject: food,
      idempotencyKey: randomUUID(),
      situations: { applicantType: "individual", premises: "existingShop" },
      formData: { businessAddress: "河北省保定市竞秀区示例路 8 号", diningArea: "60" },
      materials,
      consent,
    }),
    new Date(),
    { exchange: ex },
  );
}

describe("全程网办: a Beijing enterprise applies on the Hebei node", () => {
  it("the form says the licence will be obtained from the Beijing node", async () => {
    const prefill = await prefillCertificates(hebeiDb, applicant, food, new Date(), exchange());
    expect(prefill.certificates.find((c) => c.typeCode === "businessLicence")).toMatchObject({
      status: "missing",
      obtainFrom: { region: "beijing", reachable: true },
    });
    // Without the exchange (a node without peers) nothing is promised.
    const alone = await prefillCertificates(hebeiDb, applicant, food, new Date());
    expect(alone.certificates.find((c) => c.typeCode === "businessLicence")?.obtainFrom).toBeNull();
  });

  it("submits without uploading the business licence: Beijing supplies it, signed by its issuer, and both nodes log the read", async () => {
    const app = await submitFood();
    expect(app.trackingNumber).toMatch(/^\d{20}$/);
    const [supply] = await hebeiDb.select().from(foreignSupplies).where(eq(foreignSupplies.applicationId, app.id));
    expect(supply).toMatchObject({
      materialKey: "businessLicence",
      peerRegion: "beijing",
      typeCode: "businessLicence",
      outcome: "supplied",
      signatureValid: true,
      issuerDepartmentCode: "market",
      issuerNameZh: "北京市市场监督管理局",
    });
    expect(supply!.certificateNumber).toBeTruthy();
    expect(supply!.certificate).toMatchObject({ holderCode: jingtong.creditCode, signature: expect.any(String), issuerKey: expect.any(Object) });
    const [material] = await hebeiDb
      .select()
      .from(applicationMaterials)
      .where(and(eq(applicationMaterials.applicationId, app.id), eq(applicationMaterials.materialKey, "businessLicence")));
    expect(material).toMatchObject({ foreignSupplyId: supply!.id, uploadId: null, certificateId: null });

    // Hebei's log names the tracking number; Beijing's the same, with Hebei's market regulation.
    const [outgoing] = await hebeiDb.select().from(exchangeLog).where(eq(exchangeLog.applicationRef, app.trackingNumber));
    expect(outgoing).toMatchObject({ direction: "outgoing", peerRegion: "beijing", outcome: "answered", departmentCode: "market", certificateCount: 1 });
    const [incoming] = await beijing.db.select().from(exchangeLog).where(eq(exchangeLog.applicationRef, app.trackingNumber));
    expect(incoming).toMatchObject({ direction: "incoming", peerRegion: "hebei", outcome: "answered", serviceCode: "foodBusinessLicensing" });
    expect(incoming!.consentRef).toMatch(new RegExp(`^consent\\.${app.trackingNumber}\\.`));

    // The holder's data log on both nodes.
    const inHebei = await listDataLog(hebeiDb, applicant, { page: 1, includeOwn: false });
    expect(inHebei.entries.find((e) => e.purpose === "crossRegion" && e.outcome === "allowed")).toMatchObject({ peerRegion: "beijing" });
    const inBeijing = await listDataLog(beijing.db, await demoEnterprise(beijing.db, jingtong.creditCode), { page: 1, includeOwn: false });
    expect(inBeijing.entries.find((e) => e.purpose === "crossRegion" && e.outcome === "allowed")).toMatchObject({
      peerRegion: "hebei",
      peerDepartmentCode: "market",
    });

    // Staff see it verified through the exchange, with issuer and number.
    const view = await getApplication(hebeiDb, await actorByLogin(hebeiDb, "clerk"), app.id);
    expect(view.materials.find((m) => m.key === "businessLicence")?.exchange).toMatchObject({
      supplied: true,
      region: "beijing",
      certificateNumber: supply!.certificateNumber,
      signatureValid: true,
    });
  });

  it("asks nothing without the applicant's consent", async () => {
    const before = await hebeiDb.select().from(exchangeLog).where(eq(exchangeLog.holderCode, jingtong.creditCode));
    await expect(submitFood({}, exchange(), false)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["consent"] })] });
    const after = await hebeiDb.select().from(exchangeLog).where(eq(exchangeLog.holderCode, jingtong.creditCode));
    expect(after).toHaveLength(before.length);
  });

  it("a Beijing node that is down: the field says so, the upload goes through, and staff see a copy not verified", async () => {
    const down: ExchangeNode = { region: "hebei", baseUrl: hebeiServer.url, peers: peerDirectory({ beijing: "http://127.0.0.1:9" }) };
    const ex = exchange(down);
    const key = randomUUID();
    const input = (materials: Record<string, unknown>) =>
      ZSubmitApplicationInput.parse({
        subject: food,
        idempotencyKey: key,
        situations: { applicantType: "individual", premises: "existingShop" },
        formData: { businessAddress: "河北省保定市竞秀区示例路 8 号", diningArea: "60" },
        materials,
        consent: true,
      });
    await expect(submitApplication(hebeiDb, applicant, input({}), new Date(), { exchange: ex })).rejects.toMatchObject({
      issues: [
        expect.objectContaining({ path: ["materials", "businessLicence"], message: expect.stringMatching(/^applications\.validation\.foreign\.down\|/) }),
      ],
    });
    // The read that failed is on record (the holder sees it was tried), though nothing was submitted.
    const tried = await hebeiDb
      .select()
      .from(dataAccessLog)
      .where(and(eq(dataAccessLog.holderCode, jingtong.creditCode), eq(dataAccessLog.outcome, "refused")));
    expect(tried.some((r) => r.purpose === "crossRegion" && r.refusalReason === "sharing.refusal.crossRegion.down")).toBe(true);

    const copy = await uploadFile(hebeiDb, applicant, { fileName: "营业执照复印件.pdf", content: pdf });
    const app = await submitApplication(hebeiDb, applicant, input({ businessLicence: { kind: "upload", uploadId: copy.id } }), new Date(), { exchange: ex });
    expect(app.status).toBe("submitted");
    const view = await getApplication(hebeiDb, await actorByLogin(hebeiDb, "clerk"), app.id);
    const licence = view.materials.find((m) => m.key === "businessLicence")!;
    expect(licence.upload?.id).toBe(copy.id);
    expect(licence.exchange).toMatchObject({ supplied: false, outcome: "down", region: "beijing", reason: "unreachable" });
  });

  it("never asks for a type outside the recognition matrix", async () => {
    // Hebei accepts no Beijing certificate for the seal record (no entry): nothing is asked, the upload is required.
    const before = await beijing.db.select().from(exchangeLog);
    const app = await submitApplication(
      hebeiDb,
      applicant,
      ZSubmitApplicationInput.parse({
        subject: food,
        idempotencyKey: randomUUID(),
        situations: { applicantType: "individual", premises: "existingShop" },
        formData: { businessAddress: "河北省保定市竞秀区示例路 8 号", diningArea: "60" },
        materials: { businessLicence: { kind: "upload", uploadId: (await uploadFile(hebeiDb, applicant, { fileName: "a.pdf", content: pdf })).id } },
        consent: true,
      }),
      new Date(),
      { exchange: exchange() },
    );
    // Uploaded by choice: not asked either.
    expect(await hebeiDb.select().from(foreignSupplies).where(eq(foreignSupplies.applicationId, app.id))).toHaveLength(0);
    const { foreignCandidates } = await import("./foreign-certificates");
    const none = await foreignCandidates(hebeiDb, "beijing", {
      materials: [
        {
          key: "seal",
          nameZh: "印章备案",
          nameEn: "Seal record",
          legalBasis: "x",
          source: "certificate",
          fieldType: null,
          options: null,
          unit: null,
          certificateType: "sealRecord",
          required: true,
          conditionZh: null,
          conditionEn: null,
          serviceCodes: ["foodBusinessLicensing"],
          appliesWhen: null,
          stage: 1,
        },
      ],
      supplied: {},
      today: "2026-12-01",
    });
    expect(none).toEqual([]);
    expect(await beijing.db.select().from(exchangeLog)).toHaveLength(before.length);
  });

  it("a peer over its rate is refused rateLimited (429), logged, and the form says so", async () => {
    const saved = beijingNode;
    beijingNode = { ...saved, rateLimiter: new PeerRateLimiter({ perSecond: 0.001, burst: 1 }) };
    try {
      const first = await submitFood();
      expect(first.status).toBe("submitted");
      await expect(submitFood()).rejects.toMatchObject({
        issues: [
          expect.objectContaining({
            path: ["materials", "businessLicence"],
            message: expect.stringMatching(/^applications\.validation\.foreign\.refused\|.*rateLimited/),
          }),
        ],
      });
      const refused = await beijing.db
        .select()
        .from(exchangeLog)
        .where(and(eq(exchangeLog.reason, "rateLimited"), eq(exchangeLog.direction, "incoming")));
      expect(refused.length).toBeGreaterThanOrEqual(1);
    } finally {
      beijingNode = saved;
    }
  });

  it("the client keeps to its per-peer concurrency: a request that cannot wait its turn is down (busy), never sent", async () => {
    let sent = 0;
    const client = new ExchangeClient(hebeiDb, hebeiNode, {
      maxConcurrentPerPeer: 1,
      maxQueuePerPeer: 0,
      retries: 0,
      timeoutMs: 20_000,
      fetch: async (url, init) => {
        sent += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
        return fetch(url, init);
      },
    });
    const request = {
      department: "market",
      peerRegion: "beijing",
      service: "foodBusinessLicensing",
      application: "TBBUSY1",
      purpose: "食品经营许可审查：核对营业执照",
      legalBasis: "《食品经营许可和备案管理办法》第十五条",
      consent: "consent.busy",
      holder: jingtong.creditCode,
      types: ["businessLicence"],
    };
    const [a, b] = await Promise.all([client.requestCertificates(request), client.requestCertificates({ ...request, application: "TBBUSY2" })]);
    expect(a.status).toBe("answered");
    expect(b).toMatchObject({ status: "down", reason: "busy" });
    expect(sent).toBe(1);
  });
});
