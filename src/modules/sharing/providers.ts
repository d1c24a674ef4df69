import { eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { verifyCertificate, type VerificationView } from "./gate";
import { providerCalls, providerHealth } from "./provider-health-schema";

// Certificate providers (issue 14 item 6): the gate reads a certificate by its number from the
// local registry, a peer region's node (exchange) or a department's own system through one
// interface, and every call records the provider's health. The contract is in docs/exchange.md.

export const providerKinds = ["local", "peer", "department"] as const;
export type ProviderKind = (typeof providerKinds)[number];

/**
 * Why a provider gave no usable answer. `refused`: it answered with a coded refusal (the code is
 * kept in the health record as `refused:<code>`); the rest mean it did not answer usably.
 */
export const providerFailures = [
  "timeout",
  "unreachable",
  "serverError",
  "garbage",
  "badResponseSignature",
  "breakerOpen",
  "busy",
  "keysUnavailable",
  "refused",
] as const;
export type ProviderFailure = (typeof providerFailures)[number];

/** Where a certificate found elsewhere was verified: the node or system that answered. */
export interface VerifiedThrough {
  kind: Exclude<ProviderKind, "local">;
  /** The peer's region code, or the department's code. */
  code: string;
  nameZh: string;
  nameEn: string;
}

export type ProviderAnswer =
  | { status: "found"; view: VerificationView; through: VerifiedThrough | null }
  | { status: "notFound" }
  | { status: "down"; reason: ProviderFailure; detail?: string };

/**
 * One source of certificates. `verify` looks a certificate up by its number and returns the
 * public verification view, with the issuer's signature already checked by the adapter against
 * keys it trusts (the local department keys, or the issuing node's published department keys).
 * It never throws for a provider that is down or answers garbage: it returns `down` with a code.
 * It must return within its own timeout.
 */
export interface CertificateProvider {
  /** Stable: `local`, `peer:<region>`, `department:<code>`; the key of its health record. */
  readonly id: string;
  readonly kind: ProviderKind;
  verify(number: string, now: Date): Promise<ProviderAnswer>;
}

/** The local registry, through the gate's public verification (logged as the local verify always was). */
export function localRegistryProvider(db: Db, reader: Actor | null): CertificateProvider {
  return {
    id: "local",
    kind: "local",
    async verify(number, now) {
      const view = await verifyCertificate(db, number, reader, now);
      return view ? { status: "found", view, through: null } : { status: "notFound" };
    },
  };
}

/** How many recent calls each provider keeps (its health window). */
export const providerWindow = 200;

export interface ProviderCallRecord {
  provider: string;
  kind: ProviderKind;
  at: Date;
  ok: boolean;
  /** A coded reason when not ok. */
  reason: string | null;
  latencyMs: number;
}

/**
 * Records one call: bumps the provider's counter (the row lock orders concurrent calls) and writes
 * the call into slot `calls mod window`, overwriting the oldest. One statement pair, in the
 * caller's transaction when it has one.
 */
export async function recordProviderCall(db: Db, call: ProviderCallRecord, window: number = providerWindow): Promise<void> {
  const latencyMs = Math.max(0, Math.min(2_147_483_647, Math.round(call.latencyMs)));
  const [row] = await db
    .insert(providerHealth)
    .values({
      provider: call.provider,
      kind: call.kind,
      calls: 1,
      lastSuccessAt: call.ok ? call.at : null,
      lastFailureAt: call.ok ? null : call.at,
      lastFailureReason: call.ok ? null : call.reason,
    })
    .onConflictDoUpdate({
      target: providerHealth.provider,
      set: call.ok
        ? { kind: call.kind, calls: sql`${providerHealth.calls} + 1`, lastSuccessAt: call.at }
        : { kind: call.kind, calls: sql`${providerHealth.calls} + 1`, lastFailureAt: call.at, lastFailureReason: call.reason },
    })
    .returning({ calls: providerHealth.calls });
  const slot = ((row?.calls ?? 1) - 1) % window;
  const values = { at: call.at, ok: call.ok, reason: call.ok ? null : call.reason, latencyMs };
  await db
    .insert(providerCalls)
    .values({ provider: call.provider, slot, ...values })
    .onConflictDoUpdate({ target: [providerCalls.provider, providerCalls.slot], set: values });
}

/** A provider call, timed, its health recorded; `notFound` is an answer (a success). */
export async function callProvider(db: Db, provider: CertificateProvider, number: string, now: Date = new Date()): Promise<ProviderAnswer> {
  const started = performance.now();
  let answer: ProviderAnswer;
  try {
    answer = await provider.verify(number, now);
  } catch {
    answer = { status: "down", reason: "serverError" };
  }
  const ok = answer.status !== "down";
  await recordProviderCall(db, {
    provider: provider.id,
    kind: provider.kind,
    at: now,
    ok,
    reason: answer.status === "down" ? (answer.detail ? `${answer.reason}:${answer.detail}` : answer.reason) : null,
    latencyMs: performance.now() - started,
  });
  return answer;
}

export const providerStates = ["healthy", "degraded", "down", "idle"] as const;
export type ProviderState = (typeof providerStates)[number];

export interface ProviderHealthView {
  provider: string;
  kind: ProviderKind;
  state: ProviderState;
  calls: number;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastFailureReason: string | null;
  /** Over the recent window (the last calls, at most `providerWindow`, of the last hour). */
  windowCalls: number;
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
}

/** A degraded provider failed at least this share of its recent calls, though its last call worked. */
export const degradedErrorRate = 0.1;
/** Only calls this recent count towards the error rate and latencies. */
export const healthWindowMs = 60 * 60_000;

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function providerState(h: { lastSuccessAt: Date | null; lastFailureAt: Date | null }, errorRate: number | null): ProviderState {
  if (!h.lastSuccessAt && !h.lastFailureAt) return "idle";
  if (h.lastFailureAt && (!h.lastSuccessAt || h.lastFailureAt.getTime() >= h.lastSuccessAt.getTime())) return "down";
  return errorRate !== null && errorRate >= degradedErrorRate ? "degraded" : "healthy";
}

/**
 * Every provider's health for the data office: the known providers (`expected`, shown idle until
 * called) and every provider that has a record.
 */
export async function listProviderHealth(
  db: Db,
  expected: ReadonlyArray<{ provider: string; kind: ProviderKind }> = [],
  now: Date = new Date(),
): Promise<ProviderHealthView[]> {
  const rows = await db.select().from(providerHealth).orderBy(providerHealth.provider);
  const since = now.getTime() - healthWindowMs;
  const views: ProviderHealthView[] = [];
  for (const r of rows) {
    const samples = (await db.select().from(providerCalls).where(eq(providerCalls.provider, r.provider))).filter((s) => s.at.getTime() >= since);
    const latencies = samples.map((s) => s.latencyMs).sort((a, b) => a - b);
    const errorRate = samples.length ? samples.filter((s) => !s.ok).length / samples.length : null;
    views.push({
      provider: r.provider,
      kind: (providerKinds as readonly string[]).includes(r.kind) ? (r.kind as ProviderKind) : "department",
      state: providerState(r, errorRate),
      calls: r.calls,
      lastSuccessAt: r.lastSuccessAt,
      lastFailureAt: r.lastFailureAt,
      lastFailureReason: r.lastFailureReason,
      windowCalls: samples.length,
      errorRate,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
    });
  }
  for (const e of expected) {
    if (views.some((v) => v.provider === e.provider)) continue;
    views.push({
      provider: e.provider,
      kind: e.kind,
      state: "idle",
      calls: 0,
      lastSuccessAt: null,
      lastFailureAt: null,
      lastFailureReason: null,
      windowCalls: 0,
      errorRate: null,
      p50Ms: null,
      p95Ms: null,
    });
  }
  const order = (v: ProviderHealthView) => providerKinds.indexOf(v.kind);
  return views.sort((a, b) => order(a) - order(b) || a.provider.localeCompare(b.provider));
}
