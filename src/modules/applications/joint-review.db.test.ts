import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { submitApplication } from "@/modules/applications/submit-application";
import { services } from "@/modules/catalog/schema";
import { ExchangeClient } from "@/modules/exchange/client";
import { answerJointMessage, deliverJointOutbox } from "@/modules/exchange/joint";
import { describeNode, type ExchangeNode } from "@/modules/exchange/node";
import { peerDirectory } from "@/modules/exchange/peers";
import { jointInbox, jointOutbox } from "@/modules/exchange/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { scanDeadlines } from "@/modules/review/scan-deadlines";
import { reviewTasks } from "@/modules/review/schema";
import { grantForeignDepartment } from "@/modules/sharing/foreign-grants";
import { nodeJointHandlers } from "@/root/joint";
import { seedDemoProvince } from "@/root/seed/demo";
import { ownDatabase } from "@/root/testing/database";
import { actorByLogin, createTestBundle, newEnterprise, reviewer, withDemo } from "@/root/testing/fixtures";
import type { DatabaseHandle, Db } from "@/server/db/client";
import { jointDelivered } from "./joint-review";
import { applications, jointParts, supplementNotices } from "./schema";

// 多地联办 with two nodes in one process: Hebei leads (the worker's database) and "Beijing" is the
// partner (a PGlite of its own with the demo province), each behind a tiny HTTP server around the
// same handlers as the route. Each node's outbox is delivered by calling the job's function.

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
        } else if (req.method === "POST" && req.url === "/api/exchange/joint") {
          const answer = await answerJointMessage(db, node(), Buffer.concat(chunks).toString("utf8"), nodeJointHandlers);
          res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
        } else res.writeHead(404).end();
      })().catch((e: unknown) => {
        console.error("SERVE", e);
        res.writeHead(500).end(String(e));
      });
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

let hebei: Db;
let beijing: DatabaseHandle;
let hebeiServer: Running;
let beijingServer: Running;
let hebeiNode: ExchangeNode;
let beijingNode: ExchangeNode;
let partnerService: string;
let bundleCode: string;
let clerk: Awaited<ReturnType<typeof actorByLogin>>;
/** Makes the lead's next deliveries fail as if Beijing were down. */
let beijingDown = false;

const client = (db: Db, node: () => ExchangeNode) =>
  new ExchangeClient(db, node(), {
    retries: 0,
    backoffBaseMs: 1,
    timeoutMs: 5_000,
    fetch: (input, init) => (beijingDown && String(input).startsWith(beijingServer.url) ? Promise.reject(new TypeError("fetch failed")) : fetch(input, init)),
  });
const deliverHebei = (now = new Date()) =>
  deliverJointOutbox(
    hebei,
    client(hebei, () => hebeiNode),
    jointDelivered,
    now,
  );
const deliverBeijing = (now = new Date()) =>
  deliverJointOutbox(
    beijing.db,
    client(beijing.db, () => beijingNode),
    jointDelivered,
    now,
  );

beforeAll(async () => {
  const demo = await withDemo({ clerk: "clerk" });
  hebei = demo.h.db;
  clerk = demo.clerk;
  beijing = await ownDatabase("migrated");
  await seedDemoProvince(beijing.db);
  hebeiServer = await serve(hebei, () => hebeiNode);
  beijingServer = await serve(beijing.db, () => beijingNode);
  hebeiNode = { region: "hebei", baseUrl: hebeiServer.url, peers: peerDirectory({ beijing: beijingServer.url }, { refreshFloorMs: 0 }) };
  beijingNode = { region: "beijing", baseUrl: beijingServer.url, peers: peerDirectory({ hebei: hebeiServer.url }, { refreshFloorMs: 0 }) };
  // Beijing's part: a service of its market regulation.
  await createTestBundle(beijing.db, [{ key: "bj", department: "market" }]);
  const [svc] = await beijing.db.select({ code: services.code }).from(services).where(like(services.code, "t-bj-%"));
  partnerService = svc!.code;
  // Hebei's joint bundle: tax decides step a here, Beijing's market regulation step b there.
  ({ code: bundleCode } = await createTestBundle(hebei, [
    { key: "a", department: "tax" },
    { key: "b", department: "market", partner: { region: "beijing", serviceCode: partnerService } },
  ]));
  const office = await actorByLogin(beijing.db, "dataoffice");
  await grantForeignDepartment(beijing.db, office, {
    resourceCode: "certificate.businessLicence",
    consumerRegion: "hebei",
    consumerDepartmentCode: "market",
    serviceCodes: [bundleCode],
    purpose: "多地联办：河北省的一件事中由北京市审查的一步",
  });
}, 240_000);

afterAll(async () => {
  hebeiServer?.server.close();
  beijingServer?.server.close();
  await beijing?.close();
});

async function acceptedJoint(code = bundleCode) {
  const applicant = await newEnterprise(hebei);
  const input = ZSubmitApplicationInput.parse({
    subject: { kind: "bundle", code },
    idempotencyKey: randomUUID(),
    formData: { projectName: "示例联办项目" },
    materials: {},
    consent: true,
  });
  const { id } = await submitApplication(hebei, applicant, input);
  const [app] = await hebei.select().from(applications).where(eq(applications.id, id));
  await acceptApplication(hebei, clerk, { applicationId: id, version: app!.version });
  return id;
}

const leadTasks = async (id: string) =>
  Object.fromEntries((await hebei.select().from(reviewTasks).where(eq(reviewTasks.applicationId, id))).map((t) => [t.stepKey, t]));
const leadStatus = async (id: string) => (await hebei.select({ s: applications.status }).from(applications).where(eq(applications.id, id)))[0]!.s;
const leadPart = async (id: string) =>
  (
    await hebei
      .select()
      .from(jointParts)
      .where(and(eq(jointParts.applicationId, id), eq(jointParts.side, "lead")))
  )[0]!;

async function partnerApplication(leadId: string) {
  const [lead] = await hebei.select().from(applications).where(eq(applications.id, leadId));
  const parts = await beijing.db
    .select()
    .from(jointParts)
    .where(and(eq(jointParts.side, "partner"), eq(jointParts.leadApplicationRef, lead!.trackingNumber!)));
  return parts;
}

async function decideOn(db: Db, applicationId: string, step: string, dept: string, outcome: "approved" | "denied" | "supplementRequested", text = "请补充") {
  const actor = await reviewer(db, dept);
  const [task] = await db
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.applicationId, applicationId), eq(reviewTasks.stepKey, step)));
  const claimed = await claimTask(db, actor, { taskId: task!.id, version: task!.version });
  const extra =
    outcome === "denied"
      ? { reason: "不符合法定条件", confirmed: true }
      : outcome === "supplementRequested"
        ? { items: [{ materialKeys: ["projectName"], text }] }
        : {};
  return decideTask(db, actor, { taskId: task!.id, version: claimed.version, outcome, ...extra } as never);
}

describe("多地联办 between a lead and a partner node", () => {
  it("opens the partner's part once, after the partner was down, and completes only when both parts are decided", async () => {
    const id = await acceptedJoint();
    const tasks = await leadTasks(id);
    expect(tasks.a?.status).toBe("open");
    expect(tasks.b?.status).toBe("open");
    expect((await leadPart(id)).status).toBe("waitingToSend");
    // The remote task is not in Hebei market regulation's hands.
    const market = await reviewer(hebei, "market");
    await expect(claimTask(hebei, market, { taskId: tasks.b!.id, version: tasks.b!.version })).rejects.toMatchObject({ code: "forbidden" });

    // Beijing is down: the part waits in the outbox, retried later.
    beijingDown = true;
    await deliverHebei();
    beijingDown = false;
    const [waiting] = await hebei.select().from(jointOutbox).where(eq(jointOutbox.applicationId, id));
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: "unreachable" });
    expect((await leadPart(id)).status).toBe("waitingToSend");

    await deliverHebei(new Date(Date.now() + 60_000));
    const part = await leadPart(id);
    expect(part.status).toBe("opened");
    const partner = await partnerApplication(id);
    expect(partner).toHaveLength(1);
    expect(part.partnerReference).toBeTruthy();
    const [partnerApp] = await beijing.db.select().from(applications).where(eq(applications.id, partner[0]!.applicationId));
    expect(partnerApp).toMatchObject({ status: "inReview", trackingNumber: part.partnerReference });
    const partnerTasks = await beijing.db.select().from(reviewTasks).where(eq(reviewTasks.applicationId, partnerApp!.id));
    expect(partnerTasks.map((t) => t.status)).toEqual(["open"]);

    // The same message again (a lost acknowledgement): acknowledged as a duplicate, nothing new.
    const [sent] = await hebei.select().from(jointOutbox).where(eq(jointOutbox.applicationId, id));
    const again = await client(hebei, () => hebeiNode).sendJoint("beijing", sent!.body as never);
    expect(again).toMatchObject({ status: "acknowledged", ack: { duplicate: true, reference: part.partnerReference } });
    expect(await partnerApplication(id)).toHaveLength(1);

    // Hebei decides its step: the application waits for Beijing's.
    await decideOn(hebei, id, "a", "tax", "approved");
    expect(await leadStatus(id)).toBe("inReview");
    // Beijing approves its part; its update completes the application on the lead node.
    await decideOn(beijing.db, partnerApp!.id, partnerService, "market", "approved");
    expect(await deliverBeijing()).toBe(1);
    expect((await leadTasks(id)).b?.status).toBe("approved");
    expect(await leadStatus(id)).toBe("completed");
    // Delivering again sends nothing: the update was acknowledged once.
    expect(await deliverBeijing()).toBe(0);
    const inbox = await hebei.select().from(jointInbox).where(eq(jointInbox.peerRegion, "beijing"));
    expect(inbox.length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("leaves the remote task to the partner's clock: no local reminder, overdue notice or escalation", async () => {
    const id = await acceptedJoint();
    const tasks = await leadTasks(id);
    const past = new Date(Date.now() - 5 * 86_400_000);
    await hebei.update(reviewTasks).set({ dueAt: past }).where(eq(reviewTasks.applicationId, id));
    await scanDeadlines(hebei, new Date());
    const after = await leadTasks(id);
    // The local step is overdue and told so; the remote one is untouched.
    expect(after.a?.overdueNotifiedAt).not.toBeNull();
    expect(after.b).toMatchObject({ status: "open", reminderSentAt: null, overdueNotifiedAt: null, escalationRung: tasks.b!.escalationRung });
  });

  it("merges the partner's requests into the lead's one notice", async () => {
    const id = await acceptedJoint();
    await deliverHebei();
    const [part] = await partnerApplication(id);
    await decideOn(hebei, id, "a", "tax", "supplementRequested", "税务：请补充项目名称");
    // Beijing still reviewing: no notice yet.
    expect(await leadStatus(id)).toBe("inReview");
    await decideOn(beijing.db, part!.applicationId, partnerService, "market", "supplementRequested", "北京市场监管：请补充项目名称");
    await deliverBeijing();
    expect(await leadStatus(id)).toBe("supplementRequired");
    const notices = await hebei.select().from(supplementNotices).where(eq(supplementNotices.applicationId, id));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.items.map((i) => i.text)).toEqual(["税务：请补充项目名称", "【北京市】北京市场监管：请补充项目名称"]);
  }, 120_000);

  it("shows a denial on the partner's side as the application's denial", async () => {
    const id = await acceptedJoint();
    await deliverHebei();
    const [part] = await partnerApplication(id);
    await decideOn(beijing.db, part!.applicationId, partnerService, "market", "denied");
    await deliverBeijing();
    expect((await leadTasks(id)).b).toMatchObject({ status: "denied", reason: "不符合法定条件" });
    expect(await leadStatus(id)).toBe("denied");
    expect((await leadTasks(id)).a?.status).toBe("cancelled");
  }, 120_000);

  it("records a partner's refusal to open an unknown service, and creates nothing there", async () => {
    const { code } = await createTestBundle(hebei, [
      { key: "a", department: "tax" },
      { key: "b", department: "market", partner: { region: "beijing", serviceCode: "noSuchService" } },
    ]);
    const id = await acceptedJoint(code);
    const before = (await beijing.db.select({ id: applications.id }).from(applications)).length;
    await deliverHebei();
    expect(await leadPart(id)).toMatchObject({ status: "refusedToOpen", refusalCode: "unknownService" });
    const [row] = await hebei.select().from(jointOutbox).where(eq(jointOutbox.applicationId, id));
    expect(row).toMatchObject({ status: "refused", lastError: "unknownService" });
    expect((await beijing.db.select({ id: applications.id }).from(applications)).length).toBe(before);
  }, 120_000);

  it("refuses a tampered message and an update for a part it never sent", async () => {
    const tampered = await answerJointMessage(beijing.db, beijingNode, '{"keyId":"x","payload":{},"signature":"y"}', nodeJointHandlers);
    expect(tampered.status).toBe(400);
    const unknown = await client(beijing.db, () => beijingNode).sendJoint("hebei", {
      kind: "jointUpdate",
      messageId: randomUUID(),
      from: "beijing",
      to: "hebei",
      application: "TB-NOSUCH",
      step: "b",
      event: { type: "decided", outcome: "approved", reason: null },
    });
    expect(unknown).toEqual({ status: "refused", code: "unknownPart" });
  }, 60_000);
});
