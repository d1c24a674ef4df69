import { generateKeyPairSync, randomUUID } from "node:crypto";
import { asc, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle, type Db } from "@/server/db/client";
import { auditKey, auditSigningKey } from "@/server/keys";
import { jobRegistry } from "@/root/jobs";
import { onPostgres, ownDatabase, testDatabase, uniqueSuffix } from "@/root/testing/database";
import { exportCheckpoint, ZExportedCheckpoint, type ExportedCheckpoint } from "./checkpoint";
import { auditHash } from "./hash";
import { recordAudit, type AuditInput } from "./record-audit";
import { auditCheckpoints, auditEvents } from "./schema";
import { verifyAuditChain, type AuditProblem } from "./verify-audit";
import { writeAuditCheckpoint } from "./write-checkpoint";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await testDatabase();
});

const actor = { userId: randomUUID(), role: "windowClerk" };
const key = () => auditKey();

function event(streamId: string, action: string, extra: Partial<AuditInput> = {}): AuditInput {
  return { streamId, actor, action, entityType: "application", entityId: streamId, ...extra };
}

/** Appends in its own transaction, as a use case would. */
function append(e: AuditInput): Promise<void> {
  return h.db.transaction((tx) => recordAudit<string>(tx, e));
}

const streamRows = (db: Db, streamId: string) => db.select().from(auditEvents).where(eq(auditEvents.streamId, streamId)).orderBy(asc(auditEvents.seq));

/** Runs `fn` in a transaction that is always rolled back, so tampering never outlives the test. */
async function rolledBack(fn: (tx: Db) => Promise<void>, db: Db = h.db): Promise<void> {
  const marker = new Error("rollback");
  await expect(
    db.transaction(async (tx) => {
      await fn(tx);
      throw marker;
    }),
  ).rejects.toBe(marker);
}

/**
 * Tampers as an attacker with the table owner's rights would: the owner may disable the
 * append-only triggers (ALTER TABLE … DISABLE TRIGGER), then change anything. Rolled back.
 */
function asOwner(fn: (tx: Db) => Promise<void>): Promise<void> {
  return rolledBack(async (tx) => {
    await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await tx.execute(sql`alter table audit_checkpoints disable trigger audit_checkpoints_append_only`);
    await fn(tx);
  });
}

/** The database error's own message (drizzle wraps it with the query). */
async function refusal(run: Promise<unknown>): Promise<string> {
  const error = (await run.then(
    () => null,
    (e: unknown) => e,
  )) as (Error & { cause?: Error }) | null;
  if (!error) throw new Error("expected the database to refuse");
  return `${error.message} ${error.cause?.message ?? ""}`;
}

/** Rewrites a stream's events from `fromSeq` on, each hashed again and linked to the one before. */
async function recomputeStream(tx: Db, streamId: string, alg: "sha256" | "hmac-sha256", hmacKey: Buffer | null): Promise<void> {
  const rows = await streamRows(tx, streamId);
  let prevHash: string | null = null;
  for (const r of rows) {
    const hash = auditHash({ ...r, prevHash }, alg, hmacKey);
    await tx.execute(sql`update audit_events set prev_hash = ${prevHash}, hash = ${hash}, hash_alg = ${alg} where seq = ${r.seq}`);
    prevHash = hash;
  }
}

const reasons = (problems: AuditProblem[], streamId?: string) => problems.filter((p) => !streamId || p.streamId === streamId).map((p) => p.reason);

describe("audit chain", () => {
  it("links each event to the one before it in its stream, keyed, and verifies", async () => {
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
    for (const r of rows) {
      expect(r.hashAlg).toBe("hmac-sha256");
      expect(auditHash(r, "hmac-sha256", key())).toBe(r.hash);
      // Not what anyone could recompute without the key.
      expect(auditHash(r, "sha256", null)).not.toBe(r.hash);
    }

    const result = await verifyAuditChain(h.db);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.brokenAt).toBeUndefined();
    expect(result.events).toBeGreaterThanOrEqual(3);
    expect(result.streams).toBeGreaterThanOrEqual(1);
  });

  it("reports the seq of an event edited behind its back, and of the event after a deleted one", async () => {
    const stream = `app-${uniqueSuffix()}`;
    for (const action of ["submit", "accept", "approve"]) await append(event(stream, action, { data: { amount: 100 } }));
    const [, second, third] = await streamRows(h.db, stream);
    if (!second || !third) throw new Error("no second event");

    await asOwner(async (tx) => {
      await tx.execute(sql`update audit_events set data = '{"amount": 1}'::jsonb where seq = ${second.seq}`);
      const result = await verifyAuditChain(tx, { pageSize: 7 });
      expect(result.ok).toBe(false);
      expect(result.brokenAt).toEqual({ streamId: stream, seq: second.seq });
      expect(result.problems).toContainEqual({ reason: "hashMismatch", streamId: stream, seq: second.seq });
    });
    await asOwner(async (tx) => {
      // Deleting a middle event breaks the link of the next one.
      await tx.execute(sql`delete from audit_events where seq = ${second.seq}`);
      const result = await verifyAuditChain(tx);
      expect(result.ok).toBe(false);
      expect(result.brokenAt).toEqual({ streamId: stream, seq: third.seq });
      expect(result.problems).toContainEqual({ reason: "linkBroken", streamId: stream, seq: third.seq });
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
    await asOwner(async (tx) => {
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
    await rolledBack((tx) => recordAudit<string>(tx, event(stream, "submit")));
    expect(await streamRows(h.db, stream)).toHaveLength(0);
  });

  it("detects a chain recomputed with plain SHA-256 or with a wrong key", async () => {
    const stream = `app-${uniqueSuffix()}`;
    for (const action of ["submit", "accept", "approve"]) await append(event(stream, action));
    const [first] = await streamRows(h.db, stream);
    if (!first) throw new Error("no event");
    await asOwner(async (tx) => {
      // Who decided is changed, and every hash of the stream recomputed the old, unkeyed way.
      await tx.execute(sql`update audit_events set actor_role = 'dataOffice' where stream_id = ${stream}`);
      await recomputeStream(tx, stream, "sha256", null);
      const result = await verifyAuditChain(tx);
      expect(result.ok).toBe(false);
      expect(result.problems).toContainEqual({ reason: "legacyAfterKeyed", streamId: stream, seq: first.seq });
    });
    await asOwner(async (tx) => {
      await tx.execute(sql`update audit_events set actor_role = 'dataOffice' where stream_id = ${stream}`);
      await recomputeStream(tx, stream, "hmac-sha256", Buffer.from("a guessed key that is not the audit key at all"));
      const result = await verifyAuditChain(tx);
      expect(result.ok).toBe(false);
      expect(result.problems).toContainEqual({ reason: "hashMismatch", streamId: stream, seq: first.seq });
    });
    // Verified with another key, an intact log fails too: the key is what makes the hashes.
    expect((await verifyAuditChain(h.db, { key: Buffer.from("another key of at least thirty-two characters") })).ok).toBe(false);
  });
});

describe("the database refuses to change the audit log", () => {
  it("refuses UPDATE, DELETE and TRUNCATE on audit events and checkpoints", async () => {
    const stream = `app-${uniqueSuffix()}`;
    await append(event(stream, "submit"));
    await writeAuditCheckpoint(h.db, new Date());
    const [row] = await streamRows(h.db, stream);
    if (!row) throw new Error("no event");
    await expect(refusal(h.db.execute(sql`update audit_events set actor_role = 'x' where seq = ${row.seq}`))).resolves.toMatch(
      /UPDATE on audit_events refused: the audit log is append-only/,
    );
    await expect(refusal(h.db.execute(sql`delete from audit_events where seq = ${row.seq}`))).resolves.toMatch(/DELETE on audit_events refused/);
    await expect(refusal(h.db.execute(sql`truncate audit_events`))).resolves.toMatch(/TRUNCATE on audit_events refused/);
    await expect(refusal(h.db.execute(sql`update audit_checkpoints set events = 0`))).resolves.toMatch(/UPDATE on audit_checkpoints refused/);
    await expect(refusal(h.db.execute(sql`delete from audit_checkpoints`))).resolves.toMatch(/DELETE on audit_checkpoints refused/);
    await expect(refusal(h.db.execute(sql`truncate audit_checkpoints`))).resolves.toMatch(/TRUNCATE on audit_checkpoints refused/);
    expect(await streamRows(h.db, stream)).toHaveLength(1);
  });

  it(`gives the role tongban_app SELECT and INSERT only: it cannot update even with the trigger disabled (${onPostgres ? "PostgreSQL" : "PGlite"})`, async () => {
    const stream = `app-${uniqueSuffix()}`;
    await append(event(stream, "submit"));
    const [row] = await streamRows(h.db, stream);
    if (!row) throw new Error("no event");
    await rolledBack(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await tx.execute(sql`set local role tongban_app`);
      // What the portal does still works: append and read the audit log, change its other tables.
      await recordAudit<string>(tx, event(stream, "accept"));
      expect(await streamRows(tx, stream)).toHaveLength(2);
      await tx.execute(sql`update outbox set last_error = last_error where false`);
      await tx.execute(sql`savepoint before_update`);
      await expect(refusal(tx.execute(sql`update audit_events set actor_role = 'x' where seq = ${row.seq}`))).resolves.toMatch(/permission denied/);
      await tx.execute(sql`rollback to savepoint before_update`);
      await expect(refusal(tx.execute(sql`delete from audit_events where seq = ${row.seq}`))).resolves.toMatch(/permission denied/);
    });
    await rolledBack(async (tx) => {
      await tx.execute(sql`set local role tongban_app`);
      // Nor can it take the triggers off: that needs the owner.
      await expect(refusal(tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`))).resolves.toMatch(/must be owner/);
    });
  });

  it.skipIf(!onPostgres)("DATABASE_ROLE makes every pooled connection act as that role, while migrations keep the owner", async () => {
    const url = process.env.TEST_DATABASE_URL;
    const own = await openDatabase({ url, role: "tongban_app" });
    try {
      await own.migrate();
      const who = (await own.db.execute(sql`select current_user as role`)) as unknown as { rows: Array<{ role: string }> };
      expect(who.rows[0]?.role).toBe("tongban_app");
      await expect(refusal(own.db.execute(sql`update audit_events set actor_role = 'x' where false`))).resolves.toMatch(/permission denied/);
      // RESET ROLE goes back to the role the connection started with, not to the owner.
      await rolledBack(async (tx) => {
        await tx.execute(sql`reset role`);
        await expect(refusal(tx.execute(sql`delete from audit_events where false`))).resolves.toMatch(/permission denied/);
      }, own.db);
      const stream = `app-${uniqueSuffix()}`;
      await own.db.transaction((tx) => recordAudit<string>(tx, event(stream, "submit")));
      expect(await streamRows(own.db, stream)).toHaveLength(1);
    } finally {
      await own.close();
    }
    const bad = await openDatabase({ url, role: "no_such_role_here" });
    try {
      await expect(refusal(bad.db.execute(sql`select 1`))).resolves.toMatch(/no_such_role_here/);
    } finally {
      await bad.close();
    }
  });
});

describe("signed checkpoints", () => {
  /** A few streams, then a checkpoint naming their heads; returns it exported, as kept elsewhere. */
  async function checkpointed() {
    const streams = [`app-${uniqueSuffix()}`, `app-${uniqueSuffix()}`];
    for (const s of streams) for (const action of ["submit", "accept", "approve", "complete"]) await append(event(s, action));
    const written = await writeAuditCheckpoint(h.db, new Date());
    if (!written) throw new Error("no checkpoint written");
    const exported = ZExportedCheckpoint.parse(
      JSON.parse(JSON.stringify(exportCheckpoint(written.checkpoint, written.allHeads, auditSigningKey().publicKeyPem))),
    );
    return { streams, written, exported };
  }

  it("names every stream's head, links to the previous checkpoint, and a good log verifies against it", async () => {
    const { streams, written, exported } = await checkpointed();
    const c = written.checkpoint;
    const [previous] = await h.db
      .select()
      .from(auditCheckpoints)
      .where(eq(auditCheckpoints.number, c.number - 1));
    expect(c.prevHash).toBe(previous?.hash ?? null);
    for (const s of streams) {
      const rows = await streamRows(h.db, s);
      const head = rows.at(-1);
      expect(written.allHeads).toContainEqual({ streamId: s, seq: head?.seq, hash: head?.hash });
      // The row keeps only the streams that moved since the previous checkpoint.
      expect(c.heads).toContainEqual({ streamId: s, seq: head?.seq, hash: head?.hash });
    }
    expect(c.streams).toBe(written.allHeads.length);
    expect(c.lastEventSeq).toBeGreaterThanOrEqual(Math.max(...written.allHeads.map((x) => x.seq)));

    // Later events are fine: the checkpoint speaks for what was there when it was taken.
    await append(event(streams[0]!, "rate"));
    const result = await verifyAuditChain(h.db, { exported });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checkpoints).toBeGreaterThanOrEqual(1);
    expect(result.checkedAgainst.map((x) => x.source)).toEqual(["database", "file"]);
  });

  it("detects the newest events of a stream cut off, though the shorter chain is intact", async () => {
    const { streams, exported } = await checkpointed();
    const stream = streams[0]!;
    const rows = await streamRows(h.db, stream);
    const newest = rows.at(-1)!;
    await asOwner(async (tx) => {
      await tx.execute(sql`delete from audit_events where stream_id = ${stream} and seq >= ${rows[2]!.seq}`);
      const result = await verifyAuditChain(tx, { exported });
      expect(result.brokenAt).toBeUndefined();
      expect(result.ok).toBe(false);
      expect(result.problems).toContainEqual(expect.objectContaining({ reason: "headMissing", streamId: stream, seq: newest.seq, source: "database" }));
      expect(result.problems).toContainEqual(expect.objectContaining({ reason: "headMissing", streamId: stream, seq: newest.seq, source: "file" }));
      expect(result.problems).toContainEqual(expect.objectContaining({ reason: "eventCountChanged", source: "database" }));
    });
  });

  it("detects a whole stream deleted", async () => {
    const { streams } = await checkpointed();
    const stream = streams[1]!;
    await asOwner(async (tx) => {
      await tx.execute(sql`delete from audit_events where stream_id = ${stream}`);
      const result = await verifyAuditChain(tx);
      expect(result.brokenAt).toBeUndefined();
      expect(result.ok).toBe(false);
      expect(reasons(result.problems, stream)).toEqual(["streamMissing"]);
      expect(result.problems).toContainEqual(expect.objectContaining({ reason: "streamCountChanged" }));
    });
  });

  it("detects a chain recomputed with the right key after changing who decided", async () => {
    const { streams } = await checkpointed();
    const stream = streams[0]!;
    const rows = await streamRows(h.db, stream);
    await asOwner(async (tx) => {
      // The attacker has the key too: every hash fits again, only the checkpoint still knows.
      await tx.execute(sql`update audit_events set actor_user_id = ${randomUUID()} where seq = ${rows[1]!.seq}`);
      await recomputeStream(tx, stream, "hmac-sha256", key());
      const result = await verifyAuditChain(tx);
      expect(result.brokenAt).toBeUndefined();
      expect(result.ok).toBe(false);
      expect(result.problems).toContainEqual(expect.objectContaining({ reason: "headChanged", streamId: stream, seq: rows.at(-1)!.seq }));
    });
  });

  it("detects a checkpoint changed to fit, a checkpoint deleted, and the newest checkpoints deleted", async () => {
    const { streams, written, exported } = await checkpointed();
    const stream = streams[0]!;
    const rows = await streamRows(h.db, stream);
    const n = written.checkpoint.number;
    await asOwner(async (tx) => {
      // Cut the stream and make the checkpoint say so: its signature no longer holds.
      await tx.execute(sql`delete from audit_events where seq = ${rows.at(-1)!.seq}`);
      const heads = written.checkpoint.heads.map((x) => (x.streamId === stream ? { ...x, seq: rows.at(-2)!.seq, hash: rows.at(-2)!.hash } : x));
      await tx.execute(sql`update audit_checkpoints set heads = ${JSON.stringify(heads)}::jsonb, events = events - 1 where number = ${n}`);
      const result = await verifyAuditChain(tx);
      expect(result.problems).toContainEqual({ reason: "checkpointSignature", checkpoint: n, source: "database" });
    });
    // (Written before tampering: a checkpoint waits for appends in flight, which would wait for the
    // tamperer's table lock.)
    await writeAuditCheckpoint(h.db, new Date());
    await asOwner(async (tx) => {
      // A checkpoint in the middle taken out: the chain of checkpoints breaks.
      await tx.execute(sql`delete from audit_checkpoints where number = ${n}`);
      const result = await verifyAuditChain(tx);
      expect(result.problems).toContainEqual({ reason: "checkpointChain", checkpoint: n + 1, source: "database" });
    });
    await asOwner(async (tx) => {
      // The newest checkpoint and the newest events both gone: the database alone looks whole;
      // the exported checkpoint kept elsewhere does not.
      await tx.execute(sql`delete from audit_checkpoints where number >= ${n}`);
      await tx.execute(sql`delete from audit_events where seq = ${rows.at(-1)!.seq}`);
      expect((await verifyAuditChain(tx)).problems.filter((p) => p.streamId === stream)).toEqual([]);
      const result = await verifyAuditChain(tx, { exported });
      expect(result.ok).toBe(false);
      expect(result.problems).toContainEqual({ reason: "checkpointMissing", checkpoint: n, source: "file" });
      expect(result.problems).toContainEqual(expect.objectContaining({ reason: "headMissing", streamId: stream, source: "file" }));
    });
  });

  it("refuses an exported checkpoint that was altered or signed by another key", async () => {
    const { exported } = await checkpointed();
    const altered: ExportedCheckpoint = { ...exported, allHeads: exported.allHeads.slice(1) };
    expect((await verifyAuditChain(h.db, { exported: altered })).problems).toContainEqual({
      reason: "checkpointHeads",
      checkpoint: exported.checkpoint.number,
      source: "file",
    });
    const forged: ExportedCheckpoint = { ...exported, checkpoint: { ...exported.checkpoint, events: exported.checkpoint.events + 1 } };
    expect((await verifyAuditChain(h.db, { exported: forged })).problems).toContainEqual({
      reason: "checkpointSignature",
      checkpoint: exported.checkpoint.number,
      source: "file",
    });
    const stranger = generateKeyPairSync("ed25519").publicKey;
    const result = await verifyAuditChain(h.db, { exported, publicKeys: [stranger] });
    expect(result.problems).toContainEqual({ reason: "checkpointUnknownKey", checkpoint: exported.checkpoint.number, source: "file" });
    expect(result.problems).toContainEqual(expect.objectContaining({ reason: "checkpointUnknownKey", source: "database" }));
  });

  it("the hourly job writes one checkpoint however often it runs in the hour", async () => {
    const job = jobRegistry.find((j) => j.name === "audit.checkpoint");
    expect(job?.cron).toMatch(/^\d+ \* \* \* \*$/);
    await writeAuditCheckpoint(h.db, new Date());
    const before = await h.db.select({ number: auditCheckpoints.number }).from(auditCheckpoints).orderBy(desc(auditCheckpoints.number)).limit(1);
    await job!.handler(h.db, []);
    await job!.handler(h.db, []);
    const after = await h.db.select({ number: auditCheckpoints.number }).from(auditCheckpoints).orderBy(desc(auditCheckpoints.number)).limit(1);
    expect(after[0]?.number).toBe(before[0]?.number);
    const later = new Date(Date.now() + 2 * 3600_000);
    expect(await writeAuditCheckpoint(h.db, later, { ifOlderThanMs: 30 * 60_000 })).not.toBeNull();
    expect(await writeAuditCheckpoint(h.db, later, { ifOlderThanMs: 30 * 60_000 })).toBeNull();
  });
});

// On a PGlite of its own whatever the engine: not again in the PostgreSQL run.
describe.skipIf(onPostgres)("a log from before keying", () => {
  it("verifies old plain SHA-256 events the old way and refuses a plain one after a keyed one", async () => {
    // A database of its own: the legacy events must come first in the log.
    const own = await ownDatabase("migrated");
    try {
      const stream = "app-legacy";
      let prevHash: string | null = null;
      for (const action of ["submit", "accept"]) {
        const row = {
          streamId: stream,
          at: new Date("2026-01-05T00:00:00.000Z"),
          actorUserId: null,
          actorRole: null,
          action,
          entityType: "application",
          entityId: stream,
          fromState: null,
          toState: null,
          data: null,
          prevHash,
        };
        const hash = auditHash(row, "sha256", null);
        // Written as the portal wrote before keying: no hash_alg given, so the column's default.
        await own.db.execute(
          sql`insert into audit_events (stream_id, at, action, entity_type, entity_id, prev_hash, hash) values (${stream}, ${row.at}, ${action}, 'application', ${stream}, ${prevHash}, ${hash})`,
        );
        prevHash = hash;
      }
      await own.db.transaction((tx) => recordAudit<string>(tx, event(stream, "approve")));
      const rows = await streamRows(own.db, stream);
      expect(rows.map((r) => r.hashAlg)).toEqual(["sha256", "sha256", "hmac-sha256"]);
      expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
      expect((await verifyAuditChain(own.db)).problems).toEqual([]);

      await rolledBack(async (tx) => {
        // A plain event after the keyed one, e.g. a rewrite by someone without the key.
        const row = {
          streamId: "app-other",
          at: new Date(),
          actorUserId: null,
          actorRole: null,
          action: "submit",
          entityType: "application",
          entityId: "x",
          fromState: null,
          toState: null,
          data: null,
          prevHash: null,
        };
        await tx.execute(
          sql`insert into audit_events (stream_id, at, action, entity_type, entity_id, hash) values ('app-other', ${row.at}, 'submit', 'application', 'x', ${auditHash(row, "sha256", null)})`,
        );
        const result = await verifyAuditChain(tx);
        expect(result.problems).toEqual([expect.objectContaining({ reason: "legacyAfterKeyed", streamId: "app-other" })]);
      }, own.db);
    } finally {
      await own.close();
    }
    // A database of its own is made and migrated from scratch: slow on a busy machine.
  }, 180_000);
});
