import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { isSemaphoreFull, Semaphore } from "@/lib/semaphore";
import type { Db } from "@/server/db/client";
import { recordCrossRegionRead } from "../sharing/foreign-grants";
import { recordProviderCall } from "../sharing/providers";
import { signedInWindow, verifyFacts } from "../sharing/signing";
import { signAsNode } from "./keys";
import { backoffMs, isRetryable, nextBreakerState, protocolVersion, type BreakerState, type DownReason, type RefusalCode } from "./model";
import { defaultPeerConcurrency } from "./limits";
import type { ExchangeNode } from "./node";
import { PeerKeysUnavailable } from "./peers";
import {
  decodeEnvelope,
  encodeEnvelope,
  keyFor,
  verifyEnvelope,
  ZCertificateResponse,
  ZRefusal,
  ZVerificationResponse,
  ZJointAck,
  type JointAck,
  type JointOpen,
  type JointUpdate,
  type CertificateRequest,
  type CertificateResponse,
  type Payload,
  type Refusal,
  type VerificationRequest,
  type VerificationResponse,
} from "./protocol";
import { exchangeLog } from "./schema";

// The asking side: signs a request, sends it with a timeout, retries with backoff while the peer
// does not answer, and keeps a circuit breaker per peer. A peer that is down, answers garbage or
// too slowly is `down` — never "no certificates".

export interface ClientOptions {
  timeoutMs?: number;
  /** Attempts after the first, for a peer that did not answer. */
  retries?: number;
  backoffBaseMs?: number;
  /** Calls in a row that found the peer down before its breaker opens. */
  failureThreshold?: number;
  /** How long an open breaker refuses calls before letting one through. */
  coolDownMs?: number;
  /** Requests in flight to one peer at most; more wait in a bounded queue. */
  maxConcurrentPerPeer?: number;
  /** Requests waiting for one peer at most; one more is `down` (`busy`) at once. */
  maxQueuePerPeer?: number;
  /** How long a request waits for its turn before it is `down` (`busy`). */
  maxQueueWaitMs?: number;
  fetch?: typeof globalThis.fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** A certificate received from a peer, with the check of its issuer's signature. */
export type ForeignCertificate = CertificateResponse["certificates"][number] & { region: string; signatureValid: boolean };

export type ExchangeResult =
  { status: "answered"; certificates: ForeignCertificate[] } | { status: "refused"; code: RefusalCode } | { status: "down"; reason: DownReason };

interface Breaker {
  state: BreakerState;
  failures: number;
  openedAt: number;
}

export type RequestInput = Omit<CertificateRequest, "v" | "kind" | "from" | "to" | "timestamp" | "nonce"> & { department: string; peerRegion: string };

class PeerDown extends Error {
  constructor(readonly reason: DownReason) {
    super(reason);
  }
}

/** The issuing department's signature over the facts, made inside its key's window. */
function issuerSignatureValid(c: CertificateResponse["certificates"][number]): boolean {
  if (!c.signature || !c.issuerKey || !c.signedAt) return false;
  const window = { validFrom: new Date(c.issuerKey.validFrom), retiredAt: c.issuerKey.retiredAt ? new Date(c.issuerKey.retiredAt) : null };
  return signedInWindow(new Date(c.signedAt), window) && verifyFacts(c.issuerKey.publicKey, c, c.signature);
}

export class ExchangeClient {
  private readonly breakers = new Map<string, Breaker>();
  private readonly limits = new Map<string, Semaphore>();
  private readonly o: Required<ClientOptions>;

  constructor(
    private readonly db: Db,
    private readonly node: ExchangeNode,
    options: ClientOptions = {},
  ) {
    this.o = {
      timeoutMs: options.timeoutMs ?? 3_000,
      retries: options.retries ?? 2,
      backoffBaseMs: options.backoffBaseMs ?? 200,
      failureThreshold: options.failureThreshold ?? 3,
      coolDownMs: options.coolDownMs ?? 30_000,
      maxConcurrentPerPeer: options.maxConcurrentPerPeer ?? defaultPeerConcurrency.concurrency,
      maxQueuePerPeer: options.maxQueuePerPeer ?? defaultPeerConcurrency.maxQueue,
      maxQueueWaitMs: options.maxQueueWaitMs ?? defaultPeerConcurrency.maxWaitMs,
      fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
  }

  /** The peer's breaker state, for the data office and the reviewer: anything but `closed` shows it down. */
  peerState(region: string, now: Date = new Date()): BreakerState {
    const b = this.breakers.get(region);
    if (!b) return "closed";
    if (b.state === "open" && now.getTime() - b.openedAt >= this.o.coolDownMs) return "halfOpen";
    return b.state;
  }

  /** Whether `region` is a configured peer of this node (casework asks only those). */
  knowsPeer(region: string): boolean {
    return region !== this.node.region && this.node.peers.url(region) !== null;
  }

  /** This node's region. */
  get region(): string {
    return this.node.region;
  }

  private limit(region: string): Semaphore {
    let s = this.limits.get(region);
    if (!s) {
      s = new Semaphore(this.o.maxConcurrentPerPeer, this.o.maxQueuePerPeer, this.o.maxQueueWaitMs);
      this.limits.set(region, s);
    }
    return s;
  }

  private breaker(region: string): Breaker {
    let b = this.breakers.get(region);
    if (!b) {
      b = { state: "closed", failures: 0, openedAt: 0 };
      this.breakers.set(region, b);
    }
    return b;
  }

  private succeeded(b: Breaker) {
    b.state = nextBreakerState(b.state, "succeed");
    b.failures = 0;
  }

  private failed(b: Breaker, now: number) {
    b.failures += 1;
    if (b.state === "halfOpen") b.state = nextBreakerState(b.state, "fail");
    else if (b.state === "closed" && b.failures >= this.o.failureThreshold) b.state = nextBreakerState(b.state, "trip");
    if (b.state === "open") b.openedAt = now;
  }

  /**
   * Asks the peer for the holder's certificates; signs the request with this node's key. At most
   * `maxConcurrentPerPeer` requests to one peer are in flight; a request that cannot wait its turn
   * is `down` (`busy`) without being sent.
   */
  async requestCertificates(input: RequestInput, now: Date = new Date()): Promise<ExchangeResult & { nonce: string }> {
    const nonce = randomBytes(18).toString("base64url");
    if (!this.node.peers.url(input.peerRegion)) return { status: "refused", code: "unknownPeer", nonce };
    try {
      return await this.limit(input.peerRegion).run(() => this.request(input, nonce, now));
    } catch (e) {
      if (isSemaphoreFull(e)) return { status: "down", reason: "busy", nonce };
      throw e;
    }
  }

  private async request(input: RequestInput, nonce: string, now: Date): Promise<ExchangeResult & { nonce: string }> {
    const { department, peerRegion, ...rest } = input;
    const url = this.node.peers.url(peerRegion);
    if (!url) return { status: "refused", code: "unknownPeer", nonce };
    const b = this.breaker(peerRegion);
    if (b.state === "open") {
      if (now.getTime() - b.openedAt < this.o.coolDownMs) return { status: "down", reason: "breakerOpen", nonce };
      b.state = nextBreakerState(b.state, "coolDown");
    }
    const payload: CertificateRequest = {
      v: protocolVersion,
      kind: "certificateRequest",
      from: { region: this.node.region, department },
      to: peerRegion,
      ...rest,
      types: [...new Set(rest.types)],
      timestamp: now.toISOString(),
      nonce,
    };
    const body = encodeEnvelope(await signAsNode(this.db, this.node.region, now, payload));
    // A half-open breaker lets exactly one attempt through.
    const attempts = b.state === "halfOpen" ? 1 : 1 + this.o.retries;
    let reason: DownReason = "unreachable";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await this.o.sleep(backoffMs(attempt - 1, this.o.backoffBaseMs));
      try {
        const answer = await this.send(url, body, payload);
        this.succeeded(b);
        return { ...answer, nonce };
      } catch (e) {
        if (!(e instanceof PeerDown)) throw e;
        reason = e.reason;
        if (!isRetryable(reason)) break;
      }
    }
    this.failed(b, Date.now());
    return { status: "down", reason, nonce };
  }

  private async send(url: string, body: string, request: CertificateRequest): Promise<ExchangeResult> {
    let raw: string;
    let status: number;
    try {
      const res = await this.o.fetch(`${url}/api/exchange/certificates`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      status = res.status;
      raw = await res.text();
    } catch (e) {
      const name = (e as Error).name;
      throw new PeerDown(name === "TimeoutError" || name === "AbortError" ? "timeout" : "unreachable");
    }
    if (status >= 500) throw new PeerDown("serverError");
    const response = decodeEnvelope(raw, ZCertificateResponse);
    const refusal = response ? null : decodeEnvelope(raw, ZRefusal);
    const envelope = response ?? refusal;
    if (!envelope) throw new PeerDown("garbage");
    const payload: CertificateResponse | Refusal = envelope.payload;
    if (payload.from !== request.to || payload.inReplyTo !== request.nonce || (payload.kind === "certificateResponse" && payload.to !== request.from.region)) {
      throw new PeerDown("garbage");
    }
    let key;
    try {
      const at = new Date(payload.timestamp);
      key = keyFor(await this.node.peers.keys(request.to), envelope.keyId, at);
      key ??= keyFor(await this.node.peers.keys(request.to, { fresh: true }), envelope.keyId, at);
    } catch (e) {
      if (e instanceof PeerKeysUnavailable) throw new PeerDown("unreachable");
      throw e;
    }
    if (!key || !verifyEnvelope(key.publicKey, envelope)) throw new PeerDown("badResponseSignature");
    if (payload.kind === "refusal") return { status: "refused", code: payload.code };
    return { status: "answered", certificates: payload.certificates.map((c) => ({ ...c, region: request.to, signatureValid: issuerSignatureValid(c) })) };
  }

  /**
   * Asks the issuing region's node to verify a certificate number (`POST /api/exchange/verifications`),
   * under the same timeout, retries and breaker as a certificate request. The answer's node
   * signature is checked here; the issuer's signature inside it is the caller's to check.
   */
  async requestVerification(peerRegion: string, number: string, now: Date = new Date()): Promise<VerificationResult & { nonce: string }> {
    const nonce = randomBytes(18).toString("base64url");
    const url = this.node.peers.url(peerRegion);
    if (!url) return { status: "refused", code: "unknownPeer", nonce };
    const b = this.breaker(peerRegion);
    if (b.state === "open") {
      if (now.getTime() - b.openedAt < this.o.coolDownMs) return { status: "down", reason: "breakerOpen", nonce };
      b.state = nextBreakerState(b.state, "coolDown");
    }
    const payload: VerificationRequest = {
      v: protocolVersion,
      kind: "verificationRequest",
      from: this.node.region,
      to: peerRegion,
      number,
      timestamp: now.toISOString(),
      nonce,
    };
    const body = encodeEnvelope(await signAsNode(this.db, this.node.region, now, payload));
    const attempts = b.state === "halfOpen" ? 1 : 1 + this.o.retries;
    let reason: DownReason = "unreachable";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await this.o.sleep(backoffMs(attempt - 1, this.o.backoffBaseMs));
      try {
        const answer = await this.sendVerification(url, body, payload);
        this.succeeded(b);
        return { ...answer, nonce };
      } catch (e) {
        if (!(e instanceof PeerDown)) throw e;
        reason = e.reason;
        if (!isRetryable(reason)) break;
      }
    }
    this.failed(b, Date.now());
    return { status: "down", reason, nonce };
  }

  /**
   * Sends a joint-review message (多地联办, `POST /api/exchange/joint`) with a fresh timestamp and
   * nonce, under the same timeout, retries and breaker as a certificate request; the
   * acknowledgement's node signature is checked here. The outbox job calls it; the message id
   * stays the same across calls, so the peer takes it once.
   */
  async sendJoint(peerRegion: string, message: JointMessage, now: Date = new Date()): Promise<JointDelivery> {
    const nonce = randomBytes(18).toString("base64url");
    const url = this.node.peers.url(peerRegion);
    if (!url) return { status: "refused", code: "unknownPeer" };
    const b = this.breaker(peerRegion);
    if (b.state === "open") {
      if (now.getTime() - b.openedAt < this.o.coolDownMs) return { status: "down", reason: "breakerOpen" };
      b.state = nextBreakerState(b.state, "coolDown");
    }
    const payload = { ...message, v: protocolVersion, timestamp: now.toISOString(), nonce } as JointOpen | JointUpdate;
    const body = encodeEnvelope(await signAsNode(this.db, this.node.region, now, payload));
    const attempts = b.state === "halfOpen" ? 1 : 1 + this.o.retries;
    let reason: DownReason = "unreachable";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await this.o.sleep(backoffMs(attempt - 1, this.o.backoffBaseMs));
      try {
        const answer = await this.sendJointOnce(url, body, payload, peerRegion);
        this.succeeded(b);
        return answer;
      } catch (e) {
        if (!(e instanceof PeerDown)) throw e;
        reason = e.reason;
        if (!isRetryable(reason)) break;
      }
    }
    this.failed(b, Date.now());
    return { status: "down", reason };
  }

  private async sendJointOnce(url: string, body: string, request: JointOpen | JointUpdate, peerRegion: string): Promise<JointDelivery> {
    let raw: string;
    let status: number;
    try {
      const res = await this.o.fetch(`${url}/api/exchange/joint`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      status = res.status;
      raw = await res.text();
    } catch (e) {
      const name = (e as Error).name;
      throw new PeerDown(name === "TimeoutError" || name === "AbortError" ? "timeout" : "unreachable");
    }
    if (status >= 500) throw new PeerDown("serverError");
    const envelope = decodeEnvelope(raw, ZJointAck) ?? decodeEnvelope(raw, ZRefusal);
    if (!envelope) throw new PeerDown("garbage");
    const payload: JointAck | Refusal = envelope.payload;
    if (
      payload.from !== peerRegion ||
      payload.inReplyTo !== request.nonce ||
      (payload.kind === "jointAck" && (payload.to !== this.node.region || payload.messageId !== request.messageId))
    ) {
      throw new PeerDown("garbage");
    }
    let key;
    try {
      const at = new Date(payload.timestamp);
      key = keyFor(await this.node.peers.keys(peerRegion), envelope.keyId, at);
      key ??= keyFor(await this.node.peers.keys(peerRegion, { fresh: true }), envelope.keyId, at);
    } catch (e) {
      if (e instanceof PeerKeysUnavailable) throw new PeerDown("unreachable");
      throw e;
    }
    if (!key || !verifyEnvelope(key.publicKey, envelope)) throw new PeerDown("badResponseSignature");
    if (payload.kind === "refusal") return { status: "refused", code: payload.code };
    return { status: "acknowledged", ack: payload };
  }

  /**
   * Sends a signed message of another kind (异地代收代办's forwarding request, status update) to
   * `path` on the peer `message.to`, under the same timeout, retries, breaker and per-peer limit
   * as a certificate request. The answer must be `schema`'s kind, from that peer, to this node,
   * in reply to this nonce, signed by one of the peer's published keys; anything else is `down`.
   */
  async postSigned<S extends z.ZodType<Payload & { from: string; to: string; inReplyTo: string }>>(
    path: string,
    message: Payload & { from: string; to: string; nonce: string },
    schema: S,
    now: Date = new Date(),
  ): Promise<SignedResult<z.infer<S>>> {
    const peerRegion = message.to;
    const url = this.node.peers.url(peerRegion);
    if (!url || peerRegion === this.node.region) return { status: "refused", code: "unknownPeer" };
    try {
      return await this.limit(peerRegion).run(async (): Promise<SignedResult<z.infer<S>>> => {
        const b = this.breaker(peerRegion);
        if (b.state === "open") {
          if (now.getTime() - b.openedAt < this.o.coolDownMs) return { status: "down", reason: "breakerOpen" };
          b.state = nextBreakerState(b.state, "coolDown");
        }
        const body = encodeEnvelope(await signAsNode(this.db, this.node.region, now, message));
        const attempts = b.state === "halfOpen" ? 1 : 1 + this.o.retries;
        let reason: DownReason = "unreachable";
        for (let attempt = 1; attempt <= attempts; attempt++) {
          if (attempt > 1) await this.o.sleep(backoffMs(attempt - 1, this.o.backoffBaseMs));
          try {
            const answer = await this.sendSigned(`${url}${path}`, body, message, schema);
            this.succeeded(b);
            return answer;
          } catch (e) {
            if (!(e instanceof PeerDown)) throw e;
            reason = e.reason;
            if (!isRetryable(reason)) break;
          }
        }
        this.failed(b, Date.now());
        return { status: "down", reason };
      });
    } catch (e) {
      if (isSemaphoreFull(e)) return { status: "down", reason: "busy" };
      throw e;
    }
  }

  private async sendSigned<S extends z.ZodType<Payload & { from: string; to: string; inReplyTo: string }>>(
    url: string,
    body: string,
    request: { from: string; to: string; nonce: string },
    schema: S,
  ): Promise<SignedResult<z.infer<S>>> {
    let raw: string;
    let status: number;
    try {
      const res = await this.o.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      status = res.status;
      raw = await res.text();
    } catch (e) {
      const name = (e as Error).name;
      throw new PeerDown(name === "TimeoutError" || name === "AbortError" ? "timeout" : "unreachable");
    }
    if (status >= 500) throw new PeerDown("serverError");
    const answer = decodeEnvelope(raw, schema);
    const envelope = answer ?? decodeEnvelope(raw, ZRefusal);
    if (!envelope) throw new PeerDown("garbage");
    const payload = envelope.payload as Payload & { from: string; inReplyTo: string | null; to?: string };
    if (payload.from !== request.to || payload.inReplyTo !== request.nonce || (payload.kind !== "refusal" && payload.to !== request.from)) {
      throw new PeerDown("garbage");
    }
    let key;
    try {
      const at = new Date((payload as { timestamp: string }).timestamp);
      key = keyFor(await this.node.peers.keys(request.to), envelope.keyId, at);
      key ??= keyFor(await this.node.peers.keys(request.to, { fresh: true }), envelope.keyId, at);
    } catch (e) {
      if (e instanceof PeerKeysUnavailable) throw new PeerDown("unreachable");
      throw e;
    }
    if (!key || !verifyEnvelope(key.publicKey, envelope)) throw new PeerDown("badResponseSignature");
    if (payload.kind === "refusal") return { status: "refused", code: payload.code };
    return { status: "answered", payload: envelope.payload as z.infer<S> };
  }

  private async sendVerification(url: string, body: string, request: VerificationRequest): Promise<VerificationResult> {
    let raw: string;
    let status: number;
    try {
      const res = await this.o.fetch(`${url}/api/exchange/verifications`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      status = res.status;
      raw = await res.text();
    } catch (e) {
      const name = (e as Error).name;
      throw new PeerDown(name === "TimeoutError" || name === "AbortError" ? "timeout" : "unreachable");
    }
    if (status >= 500) throw new PeerDown("serverError");
    const envelope = decodeEnvelope(raw, ZVerificationResponse) ?? decodeEnvelope(raw, ZRefusal);
    if (!envelope) throw new PeerDown("garbage");
    const payload: VerificationResponse | Refusal = envelope.payload;
    if (payload.from !== request.to || payload.inReplyTo !== request.nonce || (payload.kind === "verificationResponse" && payload.to !== request.from)) {
      throw new PeerDown("garbage");
    }
    let key;
    try {
      const at = new Date(payload.timestamp);
      key = keyFor(await this.node.peers.keys(request.to), envelope.keyId, at);
      key ??= keyFor(await this.node.peers.keys(request.to, { fresh: true }), envelope.keyId, at);
    } catch (e) {
      if (e instanceof PeerKeysUnavailable) throw new PeerDown("unreachable");
      throw e;
    }
    if (!key || !verifyEnvelope(key.publicKey, envelope)) throw new PeerDown("badResponseSignature");
    if (payload.kind === "refusal") return { status: "refused", code: payload.code };
    return { status: "answered", certificate: payload.certificate };
  }
}

/** What became of one delivery of a joint-review message. */
export type JointDelivery = { status: "acknowledged"; ack: JointAck } | { status: "refused"; code: RefusalCode } | { status: "down"; reason: DownReason };

/** A joint-review message without its envelope fields, which each attempt sets afresh. */
export type JointMessage = Omit<JointOpen, "v" | "timestamp" | "nonce"> | Omit<JointUpdate, "v" | "timestamp" | "nonce">;

export interface JointSender {
  sendJoint(peerRegion: string, message: JointMessage, now?: Date): Promise<JointDelivery>;
}

/** The answer to a message of a higher module's kind (`postSigned`). */
export type SignedResult<P> = { status: "answered"; payload: P } | { status: "refused"; code: RefusalCode } | { status: "down"; reason: DownReason };

export type VerificationResult =
  { status: "answered"; certificate: VerificationResponse["certificate"] } | { status: "refused"; code: RefusalCode } | { status: "down"; reason: DownReason };

export interface ForeignReadInput {
  /** The department of this node that reads, and who in it (null for the system acting for it). */
  reader: { departmentId: string; departmentCode: string; userId: string | null; role: string | null };
  peerRegion: string;
  serviceCode: string;
  /** The application at this node the read serves. */
  applicationId: string | null;
  applicationRef: string;
  purpose: string;
  legalBasis: string;
  consentRef: string;
  holderCode: string;
  typeCodes: readonly string[];
}

/**
 * Reads a holder's certificates from another region's node, for casework (全程网办: the Hebei
 * node pulls an applicant's Beijing-issued licence). Writes the read into the holder's data log
 * on this node (the peer logs it on its own) and into the exchange log, answered, refused or down.
 */
export async function fetchForeignCertificates(db: Db, client: ExchangeClient, input: ForeignReadInput, now: Date = new Date()): Promise<ExchangeResult> {
  const started = Date.now();
  const result = await client.requestCertificates(
    {
      department: input.reader.departmentCode,
      peerRegion: input.peerRegion,
      service: input.serviceCode,
      application: input.applicationRef,
      purpose: input.purpose,
      legalBasis: input.legalBasis,
      consent: input.consentRef,
      holder: input.holderCode,
      types: [...input.typeCodes],
    },
    now,
  );
  const answered = result.status === "answered" ? result.certificates : [];
  await db.transaction(async (tx) => {
    await recordCrossRegionRead(tx, {
      readerDepartmentId: input.reader.departmentId,
      readerUserId: input.reader.userId,
      readerRole: input.reader.role,
      holderCode: input.holderCode,
      peerRegion: input.peerRegion,
      typeCodes: input.typeCodes,
      applicationId: input.applicationId,
      legalBasis: input.legalBasis,
      outcome: result.status === "answered" ? "allowed" : "refused",
      refusalReason: result.status === "answered" ? null : `sharing.refusal.crossRegion.${result.status}`,
      counts: Object.fromEntries(input.typeCodes.map((t) => [t, answered.filter((c) => c.typeCode === t).length])),
      requestId: result.nonce,
      at: now,
    });
    await tx
      .insert(exchangeLog)
      .values({
        at: now,
        direction: "outgoing",
        peerRegion: input.peerRegion,
        nonce: result.nonce,
        departmentCode: input.reader.departmentCode,
        serviceCode: input.serviceCode,
        applicationRef: input.applicationRef,
        purpose: input.purpose,
        legalBasis: input.legalBasis,
        consentRef: input.consentRef,
        holderCode: input.holderCode,
        typeCodes: [...input.typeCodes],
        outcome: result.status,
        reason: result.status === "refused" ? result.code : result.status === "down" ? result.reason : null,
        certificateCount: answered.length,
        durationMs: Date.now() - started,
      });
    // The peer's health as a certificate provider (a refusal is an answer, but a coded failure of the call).
    await recordProviderCall(tx, {
      provider: `peer:${input.peerRegion}`,
      kind: "peer",
      at: now,
      ok: result.status === "answered",
      reason: result.status === "refused" ? `refused:${result.code}` : result.status === "down" ? result.reason : null,
      latencyMs: Date.now() - started,
    });
  });
  const { nonce: _nonce, ...rest } = result;
  return rest;
}
