import { lt } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { verifyForPeer } from "../sharing/gate";
import type { Answer } from "./receive";
import { signAsNode } from "./keys";
import { maxClockSkewMs, protocolVersion, refusalHttpStatus, withinSkew, type RefusalCode } from "./model";
import type { ExchangeNode } from "./node";
import { PeerKeysUnavailable } from "./peers";
import {
  decodeEnvelope,
  encodeEnvelope,
  keyFor,
  verifyEnvelope,
  ZVerificationRequest,
  type Refusal,
  type VerificationRequest,
  type VerificationResponse,
} from "./protocol";
import { exchangeLog, exchangeNonces } from "./schema";

// The receiving side of a cross-region verification (`POST /api/exchange/verifications`): the
// same checks as a certificate request — form, recipient, peer, signature, clock, nonce — then the
// public verification of the number, answered with its public view and the facts as the issuer
// signed them. Not a read of a holder's data: the certificate's anonymous verifications are
// counted as on the local verify page; the exchange is logged here (`exchange_log`, purpose
// `publicVerification`, no holder).

const purpose = "publicVerification";

/** What a refused request claimed, for the log (unchecked unless the signature passed). */
function claimed(raw: string): Partial<VerificationRequest> {
  try {
    const p = (JSON.parse(raw) as { payload?: Record<string, unknown> }).payload ?? {};
    const str = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : undefined);
    return { from: str(p.from, 32), nonce: str(p.nonce, 64) };
  } catch {
    return {};
  }
}

export async function answerVerificationRequest(
  db: Db,
  node: ExchangeNode,
  raw: string,
  now: Date = new Date(),
  skewMs: number = maxClockSkewMs,
): Promise<Answer> {
  const started = Date.now();
  const refusal = (code: RefusalCode, request: Partial<VerificationRequest>): { status: number; payload: Refusal } => ({
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
  const log = (tx: Db, request: Partial<VerificationRequest>, outcome: { code: RefusalCode } | { found: boolean }) =>
    tx
      .insert(exchangeLog)
      .values({
        at: now,
        direction: "incoming",
        peerRegion: request.from ?? "?",
        nonce: request.nonce ?? null,
        purpose,
        outcome: "code" in outcome ? "refused" : "answered",
        reason: "code" in outcome ? outcome.code : null,
        certificateCount: "found" in outcome && outcome.found ? 1 : 0,
        durationMs: Date.now() - started,
      });
  const respond = async (r: { status: number; payload: VerificationResponse | Refusal }): Promise<Answer> => ({
    status: r.status,
    body: encodeEnvelope(await signAsNode(db, node.region, now, r.payload)),
  });
  const refuse = async (code: RefusalCode, request: Partial<VerificationRequest>): Promise<Answer> => {
    await log(db, request, { code });
    return respond(refusal(code, request));
  };

  const envelope = decodeEnvelope(raw, ZVerificationRequest);
  if (!envelope) return refuse("malformed", claimed(raw));
  const request = envelope.payload;
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

  const outcome = await db.transaction(async (tx): Promise<{ status: number; payload: VerificationResponse | Refusal }> => {
    await tx.delete(exchangeNonces).where(lt(exchangeNonces.receivedAt, new Date(now.getTime() - 2 * skewMs)));
    const [fresh] = await tx
      .insert(exchangeNonces)
      .values({ peerRegion: request.from, nonce: request.nonce, receivedAt: now })
      .onConflictDoNothing()
      .returning({ nonce: exchangeNonces.nonce });
    if (!fresh) {
      await log(tx, request, { code: "replayedNonce" });
      return refusal("replayedNonce", request);
    }
    const found = await verifyForPeer(tx, request.number, now);
    await log(tx, request, { found: Boolean(found) });
    return {
      status: 200,
      payload: {
        v: protocolVersion,
        kind: "verificationResponse",
        from: node.region,
        to: request.from,
        inReplyTo: request.nonce,
        timestamp: now.toISOString(),
        certificate: found
          ? {
              view: {
                number: found.view.number,
                typeNameZh: found.view.typeNameZh,
                typeNameEn: found.view.typeNameEn,
                issuerNameZh: found.view.issuerNameZh,
                issuerNameEn: found.view.issuerNameEn,
                holderName: found.view.holderName,
                holderCodeShown: found.view.holderCodeShown,
                holderIsPerson: found.view.holderIsPerson,
                issuedOn: found.view.issuedOn,
                validUntil: found.view.validUntil,
                status: found.view.status,
                revokedAt: found.view.revokedAt?.toISOString() ?? null,
                revocationReason: found.view.revocationReason,
                supersededByNumber: found.view.supersededByNumber,
                fields: found.view.fields.map(({ key: k, nameZh, nameEn, valueZh, valueEn }) => ({ key: k, nameZh, nameEn, valueZh, valueEn })),
              },
              signed: found.signed,
            }
          : null,
      },
    };
  });
  return respond(outcome);
}
