import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/server/db/client";
import { testDatabase, uniqueSuffix } from "@/server/testing/database";
import { auditHash } from "./hash";
import { recordAudit, type AuditInput } from "./record-audit";
import { auditEvents } from "./schema";
import { verifyAuditChain } from "./verify-audit";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await testDatabase();
});

const actor = { userId: randomUUID(), role: "windowClerk" };

function event(streamId: string, action: string, extra: Partial<AuditInput> = {}): AuditInput {
  return { streamId, actor, action, entityType: "application", entityId: streamId, ...extra };
}

/** Appends in its own transaction, as a use case would. */
function append(e: AuditInput): Promise<void> {
  return h.db.transaction((tx) => recordAudit(tx, e));
}

const streamRows = (db: Db, streamId: string) =>
  db.select().from(auditEvents).where(eq(auditEvents.streamId, streamId)).orderBy(asc(auditEvents.seq));

/** Runs `fn` in a transaction that is always rolled back, so tampering never outlives the test. */
async function rolledBack(fn: (tx: Db) => Promise<void>): Promise<void> {
  const marker = new Error("rollback");
  await expect(
    h.db.transaction(async (tx) => {
      await fn(tx);
      throw marker;
    }),
  ).rejects.toBe(marker);
}

describe("audit chain", () => {
  it("links each event to the one before it in its stream and verifies", async () => {
    const stream = `app-${uniqueSuffix()}`;
    await append(event(stream, "submit", { from: "draft", to: "submitted", data: { b: 2, a: { z: 1, y: [3, { d: 4, c: 5 }] } } }));
    await append(event(stream, "accept", { from: "submitted", to: "inReview", at: new Date("2026-03-02T01:02:03.456Z") }));
    await append(event(stream, "deadline", { actor: null, data: { when: new Date("2026-03-03T00:00:00Z"), skipped: undefined } }));

    const rows = await streamRows(h.db, stream);
    expect(rows).toHaveLength(3);
    expect(rows[0]?.prevHash).toBeNull();
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
    // Millisecond times come back exactly, so the stored hash can be recomputed.
    expect(rows[1]?.at.toISOString()).toBe("2026-03-02T01:02:03.456Z");
    expect(rows[2]?.actorUserId).toBeNull();
    expect(rows[2]?.data).toEqual({ when: "2026-03-03T00:00:00.000Z" });
    for (const r of rows) expect(auditHash(r)).toBe(r.hash);

    const result = await verifyAuditChain(h.db);
    expect(result.ok).toBe(true);
    expect(result.brokenAt).toBeUndefined();
    expect(result.events).toBeGreaterThanOrEqual(3);
    expect(result.streams).toBeGreaterThanOrEqual(1);
  });

  it("reports the seq of an event whose data was edited behind its back", async () => {
    const stream = `app-${uniqueSuffix()}`;
    for (const action of ["submit", "accept", "approve"]) await append(event(stream, action, { data: { amount: 100 } }));
    const [, second] = await streamRows(h.db, stream);
    if (!second) throw new Error("no second event");

    await rolledBack(async (tx) => {
      await tx.execute(sql`update audit_events set data = '{"amount": 1}'::jsonb where seq = ${second.seq}`);
      const result = await verifyAuditChain(tx, { pageSize: 7 });
      expect(result.ok).toBe(false);
      expect(result.brokenAt).toEqual({ streamId: stream, seq: second.seq });
    });
    await rolledBack(async (tx) => {
      // Deleting an event breaks the link of the next one.
      await tx.execute(sql`delete from audit_events where seq = ${second.seq}`);
      const result = await verifyAuditChain(tx);
      expect(result.ok).toBe(false);
      expect(result.brokenAt?.streamId).toBe(stream);
      expect(result.brokenAt?.seq).toBeGreaterThan(second.seq);
    });
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it("keeps interleaved streams as separate chains", async () => {
    const a = `app-${uniqueSuffix()}`;
    const b = `app-${uniqueSuffix()}`;
    await append(event(a, "a1"));
    await append(event(b, "b1"));
    await append(event(a, "a2"));
    await append(event(b, "b2"));
    await append(event(a, "a3"));
    const rowsA = await streamRows(h.db, a);
    const rowsB = await streamRows(h.db, b);
    expect(rowsA.map((r) => r.action)).toEqual(["a1", "a2", "a3"]);
    expect(rowsA[1]?.prevHash).toBe(rowsA[0]?.hash);
    expect(rowsA[2]?.prevHash).toBe(rowsA[1]?.hash);
    expect(rowsB[0]?.prevHash).toBeNull();
    expect(rowsB[1]?.prevHash).toBe(rowsB[0]?.hash);
    expect((await verifyAuditChain(h.db)).ok).toBe(true);

    const b2 = rowsB[1];
    if (!b2) throw new Error("no b2");
    await rolledBack(async (tx) => {
      await tx.execute(sql`update audit_events set to_state = 'approved' where seq = ${b2.seq}`);
      expect((await verifyAuditChain(tx)).brokenAt).toEqual({ streamId: b, seq: b2.seq });
    });
  });

  it("does not fork a stream when transactions append at the same time", async () => {
    const stream = `app-${uniqueSuffix()}`;
    await Promise.all(Array.from({ length: 12 }, (_, i) => append(event(stream, `step${i}`))));
    const rows = await streamRows(h.db, stream);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(12);
    rows.forEach((r, i) => expect(r.prevHash).toBe(i === 0 ? null : rows[i - 1]?.hash));
    expect((await verifyAuditChain(h.db)).ok).toBe(true);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const stream = `app-${uniqueSuffix()}`;
    await rolledBack((tx) => recordAudit(tx, event(stream, "submit")));
    expect(await streamRows(h.db, stream)).toHaveLength(0);
  });
});
