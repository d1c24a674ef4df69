// Pure rules of the exchange between region nodes (issue 14): refusal codes, limits, the circuit
// breaker's machine. Imports nothing but src/lib.
import { transition, type TransitionTable } from "@/lib/state-machine";

/** The protocol's version, inside every signed message. */
export const protocolVersion = 1;

/** How far a request's timestamp may be from the receiving node's clock. */
export const maxClockSkewMs = 120_000;

/**
 * Why a node refused a request. Nothing of the holder is returned with a refusal; the receiving
 * node logs it. `malformed`: not a well-formed, canonical message; `wrongRecipient`: addressed to
 * another region; `unknownPeer`: the asking region is not a configured peer, or the key it names
 * is not among its published keys in their window; `rateLimited`: the asking region sent more
 * than its share (the per-peer token bucket, `takeToken`); `serviceNotForwardable`: a forwarded
 * application (异地代收代办) for a service this node has not opened to the forwarding region;
 * `unknownForwarding`: a status update for a forwarding the receiving node never sent there.
 */
export const refusalCodes = [
  "malformed",
  "unknownPeer",
  "wrongRecipient",
  "badSignature",
  "staleTimestamp",
  "replayedNonce",
  "purposeNotGranted",
  "notShared",
  "notCatalogued",
  "rateLimited",
  // 多地联办 (joint review): the partner publishes no such service; an update names a part the lead never sent.
  "unknownService",
  "unknownPart",
  "serviceNotForwardable",
  "unknownForwarding",
] as const;
export type RefusalCode = (typeof refusalCodes)[number];

/** What the asking node sees when the peer did not answer usably: never "no certificates". */
/** `busy`: this node's own per-peer concurrency limit was full, so the request was not sent. */
export const downReasons = ["timeout", "unreachable", "serverError", "garbage", "badResponseSignature", "breakerOpen", "busy"] as const;
export type DownReason = (typeof downReasons)[number];

/** The HTTP status of a refusal: 400 for a message that cannot be checked, 401 for one that fails authentication, 403 for one not granted, 409 for a replay. */
export function refusalHttpStatus(code: RefusalCode): number {
  switch (code) {
    case "malformed":
    case "wrongRecipient":
      return 400;
    case "unknownPeer":
    case "badSignature":
    case "staleTimestamp":
      return 401;
    case "replayedNonce":
      return 409;
    case "rateLimited":
      return 429;
    case "unknownService":
    case "unknownPart":
      return 404;
    default:
      return 403;
  }
}

/** A token bucket: `tokens` left at `at` (ms). One per peer region on the answering side. */
export interface TokenBucket {
  tokens: number;
  at: number;
}

/** How fast a peer's bucket refills (tokens a second) and how many it holds at most (a burst). */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * Takes one token from the bucket (a new bucket starts full): refilled at `perSecond` since `at`,
 * capped at `burst`. `ok` false when less than one token is left; the bucket is then unchanged
 * but for its refill.
 */
export function takeToken(bucket: TokenBucket | undefined, nowMs: number, limit: RateLimit): { ok: boolean; bucket: TokenBucket } {
  const before = bucket ?? { tokens: limit.burst, at: nowMs };
  const refilled = Math.min(limit.burst, before.tokens + (Math.max(0, nowMs - before.at) / 1000) * limit.perSecond);
  if (refilled < 1) return { ok: false, bucket: { tokens: refilled, at: nowMs } };
  return { ok: true, bucket: { tokens: refilled - 1, at: nowMs } };
}

/** Whether the timestamp is inside the window around `now`. */
export function withinSkew(timestamp: Date, now: Date, skewMs: number = maxClockSkewMs): boolean {
  return Math.abs(timestamp.getTime() - now.getTime()) <= skewMs;
}

/** Whether the asking node should try again: only when the peer did not answer (a refusal is an answer). */
export function isRetryable(reason: DownReason): boolean {
  return reason === "timeout" || reason === "unreachable" || reason === "serverError";
}

/** Backoff before retry `attempt` (1, 2, …): doubling from `baseMs`, capped. */
export function backoffMs(attempt: number, baseMs: number, capMs = 5_000): number {
  return Math.min(capMs, baseMs * 2 ** (attempt - 1));
}

// The circuit breaker, one per peer: `closed` lets requests through and counts failures in a row;
// at the threshold it `trip`s `open` (requests fail at once as `breakerOpen`, the peer shows as
// down); after the cool-down one trial request goes through (`halfOpen`): success closes it,
// failure opens it again.
export const breakerStates = ["closed", "open", "halfOpen"] as const;
export type BreakerState = (typeof breakerStates)[number];
export const breakerEvents = ["trip", "coolDown", "succeed", "fail"] as const;
export type BreakerEvent = (typeof breakerEvents)[number];

export const breakerMachine: TransitionTable<BreakerState, BreakerEvent> = {
  closed: { trip: "open", succeed: "closed" },
  open: { coolDown: "halfOpen" },
  halfOpen: { succeed: "closed", fail: "open" },
};

export function nextBreakerState(from: BreakerState, event: BreakerEvent): BreakerState {
  return transition("breaker", breakerMachine, from, event, "exchange.breaker");
}

/** The peer counts as down: its breaker is open (or trying one request after the cool-down). */
export function isPeerDown(state: BreakerState): boolean {
  return state !== "closed";
}

/** The exchange module's audit actions (the node's key rotation, on the `keys` stream). */
export const exchangeAuditActions = ["exchangeKey.rotate"] as const;
export type ExchangeAuditAction = (typeof exchangeAuditActions)[number];

// 多地联办: the lead node's outbox of joint-review messages. A message waits (`pending`, "waiting
// to be sent") until the partner acknowledges it (`sent`) or refuses it with a code (`refused`);
// a partner that is down leaves it pending for the jobs runtime to retry (attempts counted, not a
// status change). The same message id goes out on every attempt, so the partner's inbox drops
// duplicates.
export const jointOutboxStatuses = ["pending", "sent", "refused"] as const;
export type JointOutboxStatus = (typeof jointOutboxStatuses)[number];
export const jointOutboxEvents = ["deliver", "refuse"] as const;
export type JointOutboxEvent = (typeof jointOutboxEvents)[number];
export const jointOutboxMachine: TransitionTable<JointOutboxStatus, JointOutboxEvent> = {
  pending: { deliver: "sent", refuse: "refused" },
  sent: {},
  refused: {},
};
export const initialJointOutboxStatus: JointOutboxStatus = "pending";

export function nextJointOutboxStatus(from: JointOutboxStatus, event: JointOutboxEvent): JointOutboxStatus {
  return transition("jointOutbox", jointOutboxMachine, from, event, "exchange.jointOutbox");
}

/** Whether the message still waits to be sent (the job's work list; "waiting to be sent" on the case). */
export function isAwaitingDelivery(status: JointOutboxStatus): boolean {
  return status === "pending";
}

/** Backoff before the outbox's next attempt after `attempts` failed ones: doubling from 10 s, capped at 10 minutes. */
export function jointRetryDelayMs(attempts: number): number {
  return Math.min(600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
}

/** What a partner decided on its part of a joint bundle (the decided statuses of an application there). */
export const jointDecisionOutcomes = ["approved", "denied"] as const;
