import { lt } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { signAsNode } from "./keys";
import { maxClockSkewMs, protocolVersion, refusalHttpStatus, withinSkew, type RefusalCode } from "./model";
import type { ExchangeNode } from "./node";
import { PeerKeysUnavailable } from "./peers";
import { decodeEnvelope, encodeEnvelope, keyFor, verifyEnvelope, type Payload, type Refusal } from "./protocol";
import type { Answer } from "./receive";
import { exchangeLog, exchangeNonces } from "./schema";

// The receiving side's checks for the message kinds that higher modules answer (异地代收代办's
// forwarding requests and status updates): form, recipient, peer, signature, clock, rate, nonce,
// in the order of a certificate request (docs/exchange.md), each refusal signed and logged. The
// use case that acts on the message runs only on a payload that passed all of them.

/** A message kind a peer sends: it names both regions, is time-stamped and carries a nonce. */
interface Addressed {
  from: string;
  to: string;
  timestamp: string;
  nonce: string;
  service?: string;
  forwardingId?: string;
}

export type Checked<P> = { ok: true; payload: P } | { ok: false; answer: Answer };

/** What a refused message claimed, for the log (unchecked unless the signature passed). */
function claimed(raw: string): Partial<Addressed> {
  try {
    const p = (JSON.parse(raw) as { payload?: Record<string, unknown> }).payload ?? {};
    const str = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : undefined);
    return { from: str(p.from, 32), nonce: str(p.nonce, 64), service: str(p.service, 64), forwardingId: str(p.forwardingId, 36) };
  } catch {
    return {};
  }
}

/** Signs an answer with this node's key. */
export async function signedAnswer(db: Db, node: ExchangeNode, status: number, payload: Payload, now: Date): Promise<Answer> {
  return { status, body: encodeEnvelope(await signAsNode(db, node.region, now, payload)) };
}

/** Writes the message to this node's exchange log, incoming. */
export async function logIncoming(
  db: Db,
  entry: {
    at: Date;
    peerRegion: string;
    nonce: string | null;
    purpose: string;
    serviceCode?: string | null;
    applicationRef?: string | null;
    holderCode?: string | null;
    outcome: "answered" | "refused";
    reason: string | null;
    durationMs: number;
  },
): Promise<void> {
  await db
    .insert(exchangeLog)
    .values({
      at: entry.at,
      direction: "incoming",
      peerRegion: entry.peerRegion,
      nonce: entry.nonce,
      purpose: entry.purpose,
      serviceCode: entry.serviceCode ?? null,
      applicationRef: entry.applicationRef ?? null,
      holderCode: entry.holderCode ?? null,
      outcome: entry.outcome,
      reason: entry.reason,
      durationMs: entry.durationMs,
    });
}

/** A signed refusal of `request` with `code`, logged under `purpose`. */
export async function refuseIncoming(
  db: Db,
  node: ExchangeNode,
  request: Partial<Addressed>,
  code: RefusalCode,
  purpose: string,
  now: Date,
  started: number,
): Promise<Answer> {
  await logIncoming(db, {
    at: now,
    peerRegion: request.from ?? "?",
    nonce: request.nonce ?? null,
    purpose,
    serviceCode: request.service ?? null,
    applicationRef: request.forwardingId ?? null,
    outcome: "refused",
    reason: code,
    durationMs: Date.now() - started,
  });
  const refusal: Refusal = {
    v: protocolVersion,
    kind: "refusal",
    from: node.region,
    inReplyTo: request.nonce && /^[A-Za-z0-9_-]{22,64}$/.test(request.nonce) ? request.nonce : null,
    code,
    timestamp: now.toISOString(),
  };
  return signedAnswer(db, node, refusalHttpStatus(code), refusal, now);
}

/**
 * Checks a signed message of `schema`'s kind: canonical form, addressed to this node, from a
 * configured peer, signed by one of its published keys inside the key's window, within the clock
 * skew, within the peer's rate, its nonce never seen (kept in `exchange_nonces`, committed here).
 */
export async function checkIncoming<S extends z.ZodType<Payload & Addressed>>(
  db: Db,
  node: ExchangeNode,
  raw: string,
  schema: S,
  options: { purpose: string; now?: Date; skewMs?: number; maxLength?: number },
): Promise<Checked<z.infer<S>>> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const skewMs = options.skewMs ?? maxClockSkewMs;
  const refuse = async (code: RefusalCode, request: Partial<Addressed>): Promise<Checked<z.infer<S>>> => ({
    ok: false,
    answer: await refuseIncoming(db, node, request, code, options.purpose, now, started),
  });
  const envelope = decodeEnvelope(raw, schema, options.maxLength);
  if (!envelope) return refuse("malformed", claimed(raw));
  const request = envelope.payload as z.infer<S> & Addressed;
  if (request.to !== node.region) return refuse("wrongRecipient", request);
  if (request.from === node.region || !node.peers.url(request.from)) return refuse("unknownPeer", request);
  const signedAt = new Date(request.timestamp);
  let key;
  try {
    key = (await node.peers.keys(request.from)).find((k) => k.keyId === envelope.keyId);
    key ??= (await node.peers.keys(request.from, { fresh: true })).find((k) => k.keyId === envelope.keyId);
  } catch (e) {
    if (e instanceof PeerKeysUnavailable) return refuse("unknownPeer", request);
    throw e;
  }
  if (!key || !verifyEnvelope(key.publicKey, envelope)) return refuse("badSignature", request);
  if (!withinSkew(signedAt, now, skewMs)) return refuse("staleTimestamp", request);
  if (!keyFor([key], key.keyId, signedAt)) return refuse("badSignature", request);
  if (node.rateLimiter && !node.rateLimiter.take(request.from, now)) return refuse("rateLimited", request);
  const fresh = await db.transaction(async (tx) => {
    await tx.delete(exchangeNonces).where(lt(exchangeNonces.receivedAt, new Date(now.getTime() - 2 * skewMs)));
    const [row] = await tx
      .insert(exchangeNonces)
      .values({ peerRegion: request.from, nonce: request.nonce, receivedAt: now })
      .onConflictDoNothing()
      .returning({ nonce: exchangeNonces.nonce });
    return Boolean(row);
  });
  if (!fresh) return refuse("replayedNonce", request);
  return { ok: true, payload: request };
}
