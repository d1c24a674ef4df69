// The draw of 双随机、一公开, reproducible by anyone from the published seed (docs/inspections.md).
// Efraimidis–Spirakis weighted sampling without replacement: every candidate gets the key u^(1/w)
// and the k largest keys are drawn. Everything is integer arithmetic, so a third party's script in
// any language (docs/verify-draw.py) gets the same keys to the last digit: floating-point `pow`
// differs in the last place between Python and JavaScript for about one key in twenty.
import { createHash, randomBytes } from "node:crypto";
import { maxWeight } from "./model";

/** Decimal places of a published key: the key is u^(1/w) truncated (not rounded) to this many places. */
export const keyDigits = 20;
const scale = 10n ** BigInt(keyDigits);
const two65 = 2n ** 65n;

/** A new plan's seed: 32 bytes from the operating system's random source, as 64 hex digits. */
export function newSeed(): string {
  return randomBytes(32).toString("hex");
}

/** The first 8 bytes of SHA-256(`${seed}:${id}`) (UTF-8), as a big-endian unsigned integer n. */
export function hashToInteger(seed: string, id: string): bigint {
  return createHash("sha256").update(`${seed}:${id}`, "utf8").digest().readBigUInt64BE(0);
}

/** The largest integer r with r^k ≤ x (x ≥ 0, k ≥ 1), by Newton's method from above. */
export function integerRoot(x: bigint, k: number): bigint {
  if (x < 0n || k < 1) throw new RangeError("integerRoot: x ≥ 0, k ≥ 1");
  if (x < 2n || k === 1) return x;
  const kk = BigInt(k);
  // Start above the root: 2^ceil(bits/k) > x^(1/k).
  let r = 1n << BigInt(Math.ceil(x.toString(2).length / k));
  for (;;) {
    const next = ((kk - 1n) * r + x / r ** (kk - 1n)) / kk;
    if (next >= r) break;
    r = next;
  }
  while (r ** kk > x) r -= 1n;
  while ((r + 1n) ** kk <= x) r += 1n;
  return r;
}

export interface DrawKey {
  /** n: the first 8 bytes of the hash, decimal. */
  n: string;
  /** u = (n + 0.5) / 2^64, strictly in (0, 1), as the exact fraction `(2n+1)/2^65` (decimal numerator). */
  uNumerator: string;
  /** floor(u^(1/w) · 10^20): the key's 20 decimal places as an integer. */
  keyScaled: bigint;
  /** The key as a decimal string, "0." and 20 digits (truncated). */
  key: string;
}

/**
 * The key of one candidate: u = (n + 0.5) / 2^64 with n the first 8 bytes of SHA-256(seed + ":" +
 * id) (never 0, never 1), and key = u^(1/w), truncated to 20 decimal places, computed exactly as
 * floor( (2n+1) · 10^(20·w) / 2^65 )^(1/w) by integer root. `w` is a whole number 1..64.
 */
export function drawKey(seed: string, id: string, weight: number): DrawKey {
  if (!Number.isInteger(weight) || weight < 1 || weight > maxWeight) throw new RangeError(`weight must be a whole number 1..${maxWeight}`);
  const n = hashToInteger(seed, id);
  const a = 2n * n + 1n;
  const radicand = (a * scale ** BigInt(weight)) / two65;
  const keyScaled = integerRoot(radicand, weight);
  return { n: n.toString(), uNumerator: a.toString(), keyScaled, key: formatKey(keyScaled) };
}

/** "0." and the 20 digits of a scaled key. */
export function formatKey(keyScaled: bigint): string {
  return `0.${keyScaled.toString().padStart(keyDigits, "0")}`;
}

export interface Candidate {
  id: string;
  weight: number;
}
export interface RankedCandidate extends Candidate {
  key: string;
  keyScaled: bigint;
  /** 1-based place by key (largest first); ties broken by id in code-point order, ascending. */
  rank: number;
}

/** Largest key first; equal keys by id ascending (code-point order, as Python's sort of str). */
export function compareRanked(a: { keyScaled: bigint; id: string }, b: { keyScaled: bigint; id: string }): number {
  if (a.keyScaled !== b.keyScaled) return a.keyScaled > b.keyScaled ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every candidate with its key, ranked; the first `k` are drawn. */
export function rankCandidates(seed: string, candidates: readonly Candidate[]): RankedCandidate[] {
  return candidates
    .map((c) => {
      const k = drawKey(seed, c.id, c.weight);
      return { ...c, key: k.key, keyScaled: k.keyScaled, rank: 0 };
    })
    .sort(compareRanked)
    .map((c, i) => ({ ...c, rank: i + 1 }));
}

/** The k drawn (largest keys), in rank order. Throws when k exceeds the candidates: the caller checks first. */
export function drawSample(seed: string, candidates: readonly Candidate[], k: number): RankedCandidate[] {
  if (k > candidates.length) throw new RangeError("sample larger than the candidates");
  return rankCandidates(seed, candidates).slice(0, k);
}

/**
 * The id an inspector is drawn under for one entity: the draw of inspectors is per drawn entity,
 * every inspector weight 1, hashed as SHA-256(seed + ":" + entityId + "/" + inspectorId).
 */
export function inspectorDrawId(entityId: string, inspectorId: string): string {
  return `${entityId}/${inspectorId}`;
}
