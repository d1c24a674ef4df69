import { randomUUID } from "node:crypto";
import { and, asc, eq, lt, lte, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { JointDelivery, JointMessage, JointSender } from "./client";
import { signAsNode } from "./keys";
import { initialJointOutboxStatus, jointRetryDelayMs, maxClockSkewMs, protocolVersion, refusalHttpStatus, withinSkew, type RefusalCode } from "./model";
import type { ExchangeNode } from "./node";
import { PeerKeysUnavailable } from "./peers";
import {
  decodeEnvelope,
  encodeEnvelope,
  keyFor,
  verifyEnvelope,
  ZJointOpen,
  ZJointUpdate,
  type JointAck,
  type JointOpen,
  type JointUpdate,
  type Refusal,
} from "./protocol";
import type { Answer } from "./receive";
import { moveOutbox } from "./joint-outbox-transition";
import { exchangeLog, exchangeNonces, jointInbox, jointOutbox } from "./schema";

// 多地联办 (issue 14): the exchange side of a bundle reviewed by departments of two regions. The
// lead node sends a partner the part of the bundle the partner decides (`jointOpen`); the partner
// sends back what became of it (`jointUpdate`). Both go through an outbox written in the deciding
// transaction and delivered by a job (a partner that is down leaves them waiting), both are
// checked on arrival like every exchange message (form, recipient, peer, signature, clock, nonce),
// and both are taken once per message id. What a message does to the case is casework's: the
// receiving route passes its handlers in (`JointHandlers`), as this module sits below casework.

const purpose = "jointReview";

/** What casework made of a message: taken (with the part's reference on this node), or refused with a code and nothing written. */
export type JointHandled = { status: "taken"; reference: string | null } | { status: "refused"; code: RefusalCode };

export interface JointHandlers {
  open(tx: Db, message: JointOpen, now: Date): Promise<JointHandled>;
  update(tx: Db, message: JointUpdate, now: Date): Promise<JointHandled>;
}

class Refused extends Error {
  constructor(readonly code: RefusalCode) {
    super(code);
  }
}

/** What a refused message claimed, for the log (unchecked unless the signature passed). */
function claimed(raw: string): { from?: string; nonce?: string; application?: string } {
  try {
    const p = (JSON.parse(raw) as { payload?: Record<string, unknown> }).payload ?? {};
    const str = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : undefined);
    const from = typeof p.from === "object" && p.from !== null ? (p.from as Record<string, unknown>).region : p.from;
    return { from: str(from, 32), nonce: str(p.nonce, 64), application: str(p.application, 64) };
  } catch {
    return {};
  }
}

/**
 * The receiving side (`POST /api/exchange/joint`): checks the message like a certificate request,
 * then, in one transaction with the nonce and the inbox row, hands it to casework. A message id
 * already in the inbox is acknowledged again as a duplicate and does nothing; a refusal by
 * casework rolls everything back (nothing created) and answers with its code.
 */
export async function answerJointMessage(
  db: Db,
  node: ExchangeNode,
  raw: string,
  handlers: JointHandlers,
  now: Date = new Date(),
  skewMs: number = maxClockSkewMs,
): Promise<Answer> {
  const started = Date.now();
  const log = (
    tx: Db,
    m: { from?: string; nonce?: string; application?: string; department?: string; service?: string; holder?: string },
    outcome: RefusalCode | null,
  ) =>
    tx
      .insert(exchangeLog)
      .values({
        at: now,
        direction: "incoming",
        peerRegion: m.from ?? "?",
        nonce: m.nonce ?? null,
        departmentCode: m.department ?? null,
        serviceCode: m.service ?? null,
        applicationRef: m.application ?? null,
        purpose,
        holderCode: m.holder ?? null,
        outcome: outcome ? "refused" : "answered",
        reason: outcome,
        durationMs: Date.now() - started,
      });
  const respond = async (status: number, payload: JointAck | Refusal): Promise<Answer> => ({
    status,
    body: encodeEnvelope(await signAsNode(db, node.region, now, payload)),
  });
  const refuse = async (code: RefusalCode, m: { from?: string; nonce?: string; application?: string }): Promise<Answer> => {
    await log(db, m, code);
    return respond(refusalHttpStatus(code), {
      v: protocolVersion,
      kind: "refusal",
      from: node.region,
      inReplyTo: m.nonce && /^[A-Za-z0-9_-]{22,64}$/.test(m.nonce) ? m.nonce : null,
      code,
      timestamp: now.toISOString(),
    });
  };

  const envelope = decodeEnvelope(raw, ZJointOpen) ?? decodeEnvelope(raw, ZJointUpdate);
  if (!envelope) return refuse("malformed", claimed(raw));
  const message = envelope.payload;
  const from = message.kind === "jointOpen" ? message.from.region : message.from;
  const facts = {
    from,
    nonce: message.nonce,
    application: message.application,
    ...(message.kind === "jointOpen" ? { department: message.from.department, service: message.service, holder: message.holder } : {}),
  };
  if (message.to !== node.region) return refuse("wrongRecipient", facts);
  if (from === node.region || !node.peers.url(from)) return refuse("unknownPeer", facts);
  const signedAt = new Date(message.timestamp);
  let key;
  try {
    key = (await node.peers.keys(from)).find((k) => k.keyId === envelope.keyId);
    key ??= (await node.peers.keys(from, { fresh: true })).find((k) => k.keyId === envelope.keyId);
  } catch (e) {
    if (e instanceof PeerKeysUnavailable) return refuse("unknownPeer", facts);
    throw e;
  }
  if (!key || !verifyEnvelope(key.publicKey, envelope)) return refuse("badSignature", facts);
  if (!withinSkew(signedAt, now, skewMs)) return refuse("staleTimestamp", facts);
  if (!keyFor([key], key.keyId, signedAt)) return refuse("badSignature", facts);
  if (node.rateLimiter && !node.rateLimiter.take(from, now)) return refuse("rateLimited", facts);

  let outcome: { duplicate: boolean; reference: string | null };
  try {
    outcome = await db.transaction(async (tx) => {
      await tx.delete(exchangeNonces).where(lt(exchangeNonces.receivedAt, new Date(now.getTime() - 2 * skewMs)));
      const [fresh] = await tx
        .insert(exchangeNonces)
        .values({ peerRegion: from, nonce: message.nonce, receivedAt: now })
        .onConflictDoNothing()
        .returning({ nonce: exchangeNonces.nonce });
      if (!fresh) throw new Refused("replayedNonce");
      // The message id, not the nonce, makes a retry harmless: each attempt has a fresh nonce.
      const [seen] = await tx
        .select()
        .from(jointInbox)
        .where(and(eq(jointInbox.peerRegion, from), eq(jointInbox.messageId, message.messageId)));
      if (seen) {
        await log(tx, facts, null);
        return { duplicate: true, reference: seen.reference };
      }
      const handled = message.kind === "jointOpen" ? await handlers.open(tx, message, now) : await handlers.update(tx, message, now);
      if (handled.status === "refused") throw new Refused(handled.code);
      await tx.insert(jointInbox).values({ peerRegion: from, messageId: message.messageId, kind: message.kind, reference: handled.reference, receivedAt: now });
      await log(tx, facts, null);
      return { duplicate: false, reference: handled.reference };
    });
  } catch (e) {
    if (e instanceof Refused) return refuse(e.code, facts);
    throw e;
  }
  return respond(200, {
    v: protocolVersion,
    kind: "jointAck",
    from: node.region,
    to: from,
    inReplyTo: message.nonce,
    messageId: message.messageId,
    duplicate: outcome.duplicate,
    reference: outcome.reference,
    timestamp: now.toISOString(),
  });
}

export type JointOutboxRow = typeof jointOutbox.$inferSelect;

/**
 * Puts a joint-review message in the outbox, in the caller's transaction (the one that decided
 * it): it is sent by the job, and until then shown as waiting to be sent. Returns its message id.
 */
export async function enqueueJointMessage(
  tx: Db,
  message: Omit<JointOpen, "v" | "timestamp" | "nonce" | "messageId"> | Omit<JointUpdate, "v" | "timestamp" | "nonce" | "messageId">,
  where: { peerRegion: string; applicationId: string | null; stepKey: string | null },
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await tx
    .insert(jointOutbox)
    .values({
      id,
      peerRegion: where.peerRegion,
      kind: message.kind,
      applicationId: where.applicationId,
      stepKey: where.stepKey,
      body: { ...message, messageId: id },
      status: initialJointOutboxStatus,
      nextAttemptAt: now,
      createdAt: now,
    });
  return id;
}

/** What the sending side's casework does when a message was acknowledged or refused (in the transaction that records it). */
export type JointDelivered = (tx: Db, row: JointOutboxRow, delivery: Exclude<JointDelivery, { status: "down" }>, now: Date) => Promise<void>;

/**
 * The `exchange.jointOutbox` job: sends the messages that are due, oldest first. The HTTP call is
 * made outside any transaction (a peer's slowness must not hold this node's database); the result
 * is recorded by compare-and-set, so two nodes sending the same row at once record it once (the
 * peer took it once anyway, by message id). A peer that is down: the row stays pending, its next
 * attempt backed off. Returns how many rows it handled.
 */
export async function deliverJointOutbox(db: Db, sender: JointSender, delivered: JointDelivered, now: Date = new Date(), batch = 10): Promise<number> {
  const due = await db
    .select()
    .from(jointOutbox)
    .where(and(eq(jointOutbox.status, "pending"), lte(jointOutbox.nextAttemptAt, now)))
    .orderBy(asc(jointOutbox.nextAttemptAt), asc(jointOutbox.createdAt))
    .limit(batch);
  for (const row of due) {
    const delivery = await sender.sendJoint(row.peerRegion, row.body as unknown as JointMessage, now);
    await db.transaction(async (tx) => {
      if (delivery.status === "down") {
        await tx
          .update(jointOutbox)
          .set({
            attempts: sql`${jointOutbox.attempts} + 1`,
            lastError: delivery.reason,
            nextAttemptAt: new Date(now.getTime() + jointRetryDelayMs(row.attempts + 1)),
          })
          .where(and(eq(jointOutbox.id, row.id), eq(jointOutbox.status, "pending")));
        return;
      }
      const moved =
        delivery.status === "acknowledged"
          ? await moveOutbox(tx, row, "deliver", { attempts: row.attempts + 1, sentAt: now, reference: delivery.ack.reference, lastError: null })
          : await moveOutbox(tx, row, "refuse", { attempts: row.attempts + 1, lastError: delivery.code });
      if (moved) await delivered(tx, moved, delivery, now);
    });
  }
  return due.length;
}

/** The outbox rows of an application on this node (the case page's "waiting to be sent" and refusals). */
export async function jointOutboxOf(db: Db, applicationId: string): Promise<JointOutboxRow[]> {
  return db.select().from(jointOutbox).where(eq(jointOutbox.applicationId, applicationId)).orderBy(asc(jointOutbox.createdAt));
}
