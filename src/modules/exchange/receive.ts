import { lt } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { readForPeer, type PeerRefusalReason } from "../sharing/gate";
import { signAsNode } from "./keys";
import { maxClockSkewMs, protocolVersion, refusalHttpStatus, withinSkew, type RefusalCode } from "./model";
import type { ExchangeNode } from "./node";
import { PeerKeysUnavailable } from "./peers";
import {
  decodeEnvelope,
  encodeEnvelope,
  keyFor,
  verifyEnvelope,
  ZCertificateRequest,
  type CertificateRequest,
  type CertificateResponse,
  type Refusal,
} from "./protocol";
import { exchangeLog, exchangeNonces } from "./schema";

// The receiving side of the exchange (`POST /api/exchange/certificates`): checks a peer's signed
// request — form, recipient, peer, signature, clock, the peer's rate, nonce, then this node's own grants for the
// asking region's department and service — and answers with the holder's certificates as their
// issuers signed them, in a response signed by this node. A refusal carries a code and nothing
// else, and is logged here.

export interface Answer {
  status: number;
  /** The wire form of the signed response or refusal. */
  body: string;
}

const peerRefusal: Record<PeerRefusalReason, RefusalCode> = { noGrant: "purposeNotGranted", notShared: "notShared", notCatalogued: "notCatalogued" };

/** What a refused request claimed, for the log (unchecked unless the signature passed). */
function claimed(raw: string): Partial<CertificateRequest> {
  try {
    const p = (JSON.parse(raw) as { payload?: Record<string, unknown> }).payload ?? {};
    const str = (v: unknown, max = 200) => (typeof v === "string" ? v.slice(0, max) : undefined);
    const from = (p.from ?? {}) as Record<string, unknown>;
    return {
      from: { region: str(from.region, 32) ?? "?", department: str(from.department, 64) ?? "" },
      nonce: str(p.nonce, 64),
      service: str(p.service, 64),
      holder: str(p.holder, 18),
    };
  } catch {
    return {};
  }
}

export async function answerCertificateRequest(
  db: Db,
  node: ExchangeNode,
  raw: string,
  now: Date = new Date(),
  skewMs: number = maxClockSkewMs,
): Promise<Answer> {
  const started = Date.now();
  const respond = async (status: number, payload: CertificateResponse | Refusal): Promise<Answer> => ({
    status,
    body: encodeEnvelope(await signAsNode(db, node.region, now, payload)),
  });
  const refusal = (code: RefusalCode, request: Partial<CertificateRequest>): { status: number; payload: Refusal } => ({
    status: refusalHttpStatus(code),
    payload: {
      v: protocolVersion,
      kind: "refusal",
      from: node.region,
      inReplyTo: request.nonce && /^[A-Za-z0-9_-]{22,64}$/.test(request.nonce) ? request.nonce : null,
      code,
      timestamp: now.toISOString(),
    },
  });
  const logRefusal = (tx: Db, code: RefusalCode, request: Partial<CertificateRequest>) =>
    tx
      .insert(exchangeLog)
      .values({
        at: now,
        direction: "incoming",
        peerRegion: request.from?.region ?? "?",
        nonce: request.nonce ?? null,
        departmentCode: request.from?.department ?? null,
        serviceCode: request.service ?? null,
        applicationRef: request.application ?? null,
        purpose: request.purpose ?? null,
        legalBasis: request.legalBasis ?? null,
        consentRef: request.consent ?? null,
        holderCode: request.holder ?? null,
        typeCodes: request.types ? [...request.types] : null,
        outcome: "refused",
        reason: code,
        durationMs: Date.now() - started,
      });
  const refuse = async (code: RefusalCode, request: Partial<CertificateRequest>): Promise<Answer> => {
    await logRefusal(db, code, request);
    const r = refusal(code, request);
    return respond(r.status, r.payload);
  };

  const envelope = decodeEnvelope(raw, ZCertificateRequest);
  if (!envelope) return refuse("malformed", claimed(raw));
  const request = envelope.payload;
  if (request.to !== node.region) return refuse("wrongRecipient", request);
  if (request.from.region === node.region || !node.peers.url(request.from.region)) return refuse("unknownPeer", request);
  const signedAt = new Date(request.timestamp);
  let key;
  try {
    key = (await node.peers.keys(request.from.region)).find((k) => k.keyId === envelope.keyId);
    // A key the cache does not know: the peer may have rotated; ask it once.
    key ??= (await node.peers.keys(request.from.region, { fresh: true })).find((k) => k.keyId === envelope.keyId);
  } catch (e) {
    if (e instanceof PeerKeysUnavailable) return refuse("unknownPeer", request);
    throw e;
  }
  // The signature first, so a refusal for the clock is given only to an authentic request; then
  // the clock; then the key's window at the (now trusted) time of signing.
  if (!key || !verifyEnvelope(key.publicKey, envelope)) return refuse("badSignature", request);
  if (!withinSkew(signedAt, now, skewMs)) return refuse("staleTimestamp", request);
  if (!keyFor([key], key.keyId, signedAt)) return refuse("badSignature", request);
  // The rate per peer, after the signature: only a peer's own authentic requests use up its
  // share, so nobody can exhaust another region's allowance by naming it.
  if (node.rateLimiter && !node.rateLimiter.take(request.from.region, now)) return refuse("rateLimited", request);

  // The nonce, the read and the log in one transaction; the answer is signed after it commits.
  const outcome = await db.transaction(async (tx): Promise<{ status: number; payload: CertificateResponse | Refusal }> => {
    // A nonce older than twice the skew cannot come back: its request would be stale.
    await tx.delete(exchangeNonces).where(lt(exchangeNonces.receivedAt, new Date(now.getTime() - 2 * skewMs)));
    const [fresh] = await tx
      .insert(exchangeNonces)
      .values({ peerRegion: request.from.region, nonce: request.nonce, receivedAt: now })
      .onConflictDoNothing()
      .returning({ nonce: exchangeNonces.nonce });
    if (!fresh) {
      await logRefusal(tx, "replayedNonce", request);
      return refusal("replayedNonce", request);
    }
    const read = await readForPeer(tx, {
      peerRegion: request.from.region,
      peerDepartmentCode: request.from.department,
      serviceCode: request.service,
      holderCode: request.holder,
      typeCodes: request.types,
      legalBasis: request.legalBasis,
      requestId: request.nonce,
      today: shanghaiDate(now),
      at: now,
    });
    if (!read.ok) {
      await logRefusal(tx, peerRefusal[read.reason], request);
      return refusal(peerRefusal[read.reason], request);
    }
    await tx
      .insert(exchangeLog)
      .values({
        at: now,
        direction: "incoming",
        peerRegion: request.from.region,
        nonce: request.nonce,
        departmentCode: request.from.department,
        serviceCode: request.service,
        applicationRef: request.application,
        purpose: request.purpose,
        legalBasis: request.legalBasis,
        consentRef: request.consent,
        holderCode: request.holder,
        typeCodes: [...request.types],
        outcome: "answered",
        certificateCount: read.certificates.length,
        durationMs: Date.now() - started,
      });
    return {
      status: 200,
      payload: {
        v: protocolVersion,
        kind: "certificateResponse",
        from: node.region,
        to: request.from.region,
        inReplyTo: request.nonce,
        timestamp: now.toISOString(),
        certificates: read.certificates,
      },
    };
  });
  return respond(outcome.status, outcome.payload);
}
