import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/modules/identity/model";
import { departments, staff, users } from "@/modules/identity/schema";
import { openDatabase, type DatabaseHandle, type Db } from "@/server/db/client";
import { seedDemoProvince } from "@/root/seed/demo";
import { onPostgres, testDatabase, uniqueSuffix } from "@/root/testing/database";
import { createCallerFactory, createTRPCRouter } from "@/server/trpc/init";
import { dispatchOutbox } from "./dispatch-outbox";
import type { Mailer } from "./mailer";
import { notify, type NotifyInput } from "./notify";
import { notificationsRouter } from "./router";
import { notifications, outbox } from "./schema";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await testDatabase();
  await seedDemoProvince(h.db);
  // Idempotent: a second run adds nothing and does not fail.
  await seedDemoProvince(h.db);
});

// Only this module's router: the test does not depend on the rest of the app router.
const createCaller = createCallerFactory(createTRPCRouter({ notifications: notificationsRouter }));
const callerFor = (actor: Actor) => createCaller({ db: h.db, actor, self: actor, locale: "zh-CN" });

async function userIdByLogin(login: string): Promise<string> {
  const [u] = await h.db.select({ id: users.id }).from(users).where(eq(users.login, login.toUpperCase()));
  if (!u) throw new Error(`no user ${login}`);
  return u.id;
}

async function departmentId(code: string): Promise<string> {
  const [d] = await h.db.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
  if (!d) throw new Error(`no department ${code}`);
  return d.id;
}

/** A fresh applicant account, optionally with an email address. */
async function newApplicant(email: string | null = null): Promise<Actor> {
  const [u] = await h.db
    .insert(users)
    .values({ role: "citizen", login: `T${uniqueSuffix()}`, displayName: "测试申请人", email })
    .returning({ id: users.id });
  if (!u) throw new Error("no user");
  return { userId: u.id, role: "citizen", displayName: "测试申请人", departmentId: null, entityId: null, personId: null, agency: null };
}

const params = { trackingNumber: "TB-TEST-0001", title: "开办企业" };

async function outboxFor(db: Db, applicationId: string) {
  return db.select().from(outbox).where(eq(outbox.applicationId, applicationId));
}

/**
 * Dispatches until the given rows are processed. On a shared PostgreSQL database other test
 * files queue thousands of rows at the same time, and the outbox is first in, first out.
 */
async function dispatchUntilDone(applicationId: string, mailer: Mailer | null = null): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    const rows = await outboxFor(h.db, applicationId);
    if (rows.every((r) => r.processedAt)) return;
    await dispatchOutbox(h.db, { batchSize: 500, mailer });
  }
  throw new Error("outbox not drained");
}

async function notifyCommitted(input: NotifyInput): Promise<void> {
  await h.db.transaction((tx) => notify(tx, input));
}

describe("notify", () => {
  it("resolves department reviewers and window clerks, deduplicated, into one outbox row", async () => {
    const applicant = await newApplicant();
    const market = await departmentId("market");
    const tax = await departmentId("tax");
    // An inactive reviewer of the department is not told.
    const [inactive] = await h.db
      .insert(users)
      .values({ role: "reviewer", login: `R${uniqueSuffix()}`, displayName: "停用审查员", active: false })
      .returning({ id: users.id });
    if (!inactive) throw new Error("no user");
    await h.db.insert(staff).values({ userId: inactive.id, departmentId: market });

    const applicationId = randomUUID();
    const marketReviewer = await userIdByLogin("reviewer.market");
    const taxReviewer = await userIdByLogin("reviewer.tax");
    const clerk = await userIdByLogin("clerk");
    await notifyCommitted({
      kind: "taskOpened",
      to: { userIds: [applicant.userId, applicant.userId, marketReviewer], departmentIds: [market, market], windowClerks: true },
      applicationId,
      params: { ...params, dueDate: "2026-03-10" },
    });

    const rows = await outboxFor(h.db, applicationId);
    expect(rows).toHaveLength(1);
    const recipients = rows[0]?.recipientUserIds ?? [];
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients).toEqual(expect.arrayContaining([applicant.userId, marketReviewer, clerk]));
    expect(recipients).not.toContain(inactive.id);
    expect(recipients).not.toContain(taxReviewer);
    // Everyone told is the applicant, an active market reviewer or an active clerk.
    const told = await h.db
      .select({ id: users.id, role: users.role, active: users.active, departmentId: staff.departmentId })
      .from(users)
      .leftJoin(staff, eq(staff.userId, users.id))
      .where(inArray(users.id, recipients));
    for (const u of told) {
      expect(u.active).toBe(true);
      if (u.id === applicant.userId) continue;
      expect(u.role === "windowClerk" || (u.role === "reviewer" && u.departmentId === market)).toBe(true);
    }
    expect(rows[0]?.kind).toBe("taskOpened");
    expect(rows[0]?.params).toEqual({ ...params, dueDate: "2026-03-10" });
    expect(tax).not.toBe(market);
  });

  it("writes no row when nobody is to be told", async () => {
    const applicationId = randomUUID();
    // A department nobody works in (not inserted: other tests count the departments).
    await notifyCommitted({ kind: "taskOpened", to: { departmentIds: [randomUUID()] }, applicationId, params });
    await notifyCommitted({ kind: "taskOpened", to: {}, applicationId, params });
    expect(await outboxFor(h.db, applicationId)).toHaveLength(0);
  });

  it("leaves no outbox row when the caller's transaction rolls back", async () => {
    const applicant = await newApplicant();
    const applicationId = randomUUID();
    await expect(
      h.db.transaction(async (tx) => {
        await notify(tx, { kind: "applicationSubmitted", to: { userIds: [applicant.userId] }, applicationId, params });
        expect(await outboxFor(tx, applicationId)).toHaveLength(1);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await outboxFor(h.db, applicationId)).toHaveLength(0);
  });
});

describe("dispatchOutbox", () => {
  it("delivers a row once even when it is dispatched twice", async () => {
    const a = await newApplicant();
    const b = await newApplicant();
    const applicationId = randomUUID();
    await notifyCommitted({ kind: "applicationAccepted", to: { userIds: [a.userId, b.userId] }, applicationId, params });
    await dispatchUntilDone(applicationId);

    const [row] = await outboxFor(h.db, applicationId);
    if (!row) throw new Error("no row");
    expect(row.attempts).toBe(1);
    const delivered = () => h.db.select().from(notifications).where(eq(notifications.outboxId, row.id));
    expect((await delivered()).map((n) => n.userId).sort()).toEqual([a.userId, b.userId].sort());

    // As if a second node had picked the row up again.
    await h.db.update(outbox).set({ processedAt: null }).where(eq(outbox.id, row.id));
    await dispatchUntilDone(applicationId);
    expect(await delivered()).toHaveLength(2);
    const [again] = await outboxFor(h.db, applicationId);
    expect(again?.attempts).toBe(2);
    // The inbox item carries the event's time, kind and params.
    const [item] = await delivered();
    expect(item?.createdAt.getTime()).toBe(row.createdAt.getTime());
    expect(item?.kind).toBe("applicationAccepted");
    expect(item?.params).toEqual(params);
  });

  it("emails recipients with an address in Chinese and records failures without throwing", async () => {
    const withMail = await newApplicant(`ok-${uniqueSuffix().toLowerCase()}@example.gov.cn`);
    const failing = await newApplicant(`fail-${uniqueSuffix().toLowerCase()}@example.gov.cn`);
    const noMail = await newApplicant(null);
    const applicationId = randomUUID();
    await notifyCommitted({
      kind: "taskDecided",
      to: { userIds: [withMail.userId, failing.userId, noMail.userId] },
      applicationId,
      params: { ...params, department: "河北省市场监督管理局", outcome: "supplementRequested" },
    });
    const sent: Array<{ to: string; subject: string; text: string }> = [];
    const mailer: Mailer = {
      sendMail: async (m) => {
        if (m.to.startsWith("fail-")) throw new Error("550 mailbox unavailable");
        sent.push(m);
      },
    };
    await dispatchUntilDone(applicationId, mailer);

    const mine = sent.filter((m) => m.to.startsWith("ok-") && m.text.includes(params.trackingNumber));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.subject).toBe("【通办】部门已出具审查意见");
    expect(mine[0]?.text).toContain("河北省市场监督管理局对办件 TB-TEST-0001“开办企业”的审查意见：需要补正材料。");
    const [row] = await outboxFor(h.db, applicationId);
    expect(row?.processedAt).not.toBeNull();
    expect(row?.lastError).toContain("550 mailbox unavailable");
    expect(row?.lastError).toContain("fail-");
    const items = await h.db.select().from(notifications).where(eq(notifications.applicationId, applicationId));
    expect(items).toHaveLength(3);
  });
});

describe.skipIf(!onPostgres)("dispatchOutbox on several nodes (PostgreSQL)", () => {
  it("processes each row once when two dispatchers run at the same time", async () => {
    const url = process.env.TEST_DATABASE_URL ?? "";
    const nodes = await Promise.all([openDatabase({ url }), openDatabase({ url })]);
    try {
      const users2 = await Promise.all([newApplicant(), newApplicant()]);
      const applicationId = randomUUID();
      for (let i = 0; i < 30; i += 1) {
        await notifyCommitted({
          kind: "dueReminder",
          to: { userIds: users2.map((u) => u.userId) },
          applicationId,
          params: { ...params, dueDate: `2026-03-${i + 1}` },
        });
      }
      for (let round = 0; round < 20; round += 1) {
        await Promise.all(nodes.map((n) => dispatchOutbox(n.db, { batchSize: 5, mailer: null })));
        if ((await outboxFor(h.db, applicationId)).every((r) => r.processedAt)) break;
      }
      const rows = await outboxFor(h.db, applicationId);
      expect(rows).toHaveLength(30);
      for (const r of rows) expect(r.attempts).toBe(1);
      const [delivered] = await h.db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(eq(notifications.applicationId, applicationId));
      expect(delivered?.n).toBe(60);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });
});

describe("inbox", () => {
  async function deliver(to: string[], kind: NotifyInput["kind"] = "applicationApproved"): Promise<string> {
    const applicationId = randomUUID();
    await notifyCommitted({ kind, to: { userIds: to }, applicationId, params });
    await dispatchUntilDone(applicationId);
    return applicationId;
  }

  it("lists the actor's own items newest first, paged, and counts the unread", async () => {
    const me = await newApplicant();
    const other = await newApplicant();
    const first = await deliver([me.userId, other.userId], "applicationSubmitted");
    const second = await deliver([me.userId], "applicationAccepted");
    const third = await deliver([me.userId], "applicationApproved");
    await deliver([other.userId]);

    const api = callerFor(me);
    const page1 = await api.notifications.list({ page: 1, pageSize: 2 });
    expect(page1.total).toBe(3);
    expect(page1.unread).toBe(3);
    expect(page1.items.map((i) => i.applicationId)).toEqual([third, second]);
    expect(page1.items[0]?.href).toBe(`/applications/${third}`);
    const page2 = await api.notifications.list({ page: 2, pageSize: 2 });
    expect(page2.items.map((i) => i.applicationId)).toEqual([first]);
    expect(await api.notifications.unreadCount()).toBe(3);

    const reviewer: Actor = { ...me, role: "reviewer", departmentId: randomUUID() };
    const asReviewer = await callerFor(reviewer).notifications.list();
    expect(asReviewer.items[0]?.href).toBe("/review");
  });

  it("marks an item read for its owner only; anyone else gets notFound", async () => {
    const me = await newApplicant();
    const other = await newApplicant();
    await deliver([me.userId]);
    await deliver([me.userId]);
    const [item] = (await callerFor(me).notifications.list()).items;
    if (!item) throw new Error("no item");

    const stranger = callerFor(other).notifications.markRead({ id: item.id });
    await expect(stranger).rejects.toBeInstanceOf(TRPCError);
    await expect(stranger).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(other).notifications.markRead({ id: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(other).notifications.markRead({ id: "not-a-uuid" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const [untouched] = await h.db.select().from(notifications).where(eq(notifications.id, item.id));
    expect(untouched?.readAt).toBeNull();

    const read = await callerFor(me).notifications.markRead({ id: item.id });
    expect(read.readAt).toBeInstanceOf(Date);
    // Reading again keeps the first time.
    const again = await callerFor(me).notifications.markRead({ id: item.id });
    expect(again.readAt.getTime()).toBe(read.readAt.getTime());
    expect(await callerFor(me).notifications.unreadCount()).toBe(1);

    expect(await callerFor(me).notifications.markAllRead()).toEqual({ count: 1 });
    expect(await callerFor(me).notifications.unreadCount()).toBe(0);
    const mine = await h.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, me.userId), sql`${notifications.readAt} is null`));
    expect(mine).toHaveLength(0);
  });

  it("refuses signed-out callers", async () => {
    const api = createCaller({ db: h.db, actor: null, self: null, locale: "zh-CN" });
    await expect(api.notifications.unreadCount()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(api.notifications.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
