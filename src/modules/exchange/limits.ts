import { takeToken, type RateLimit, type TokenBucket } from "./model";

/** The defaults of the per-peer limits (docs/exchange.md): settings override them. */
export const defaultPeerRate: RateLimit = { perSecond: 5, burst: 20 };
export const defaultPeerConcurrency = { concurrency: 4, maxQueue: 16, maxWaitMs: 5_000 };

/**
 * The answering side's per-peer rate limit: one token bucket per asking region, in this process.
 * A region over its rate is refused `rateLimited` (429). Bounded: one bucket per configured peer.
 */
export class PeerRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly limit: RateLimit = defaultPeerRate) {}

  /** Takes a token for `region` at `now`; false when the region is over its rate. */
  take(region: string, now: Date = new Date()): boolean {
    const { ok, bucket } = takeToken(this.buckets.get(region), now.getTime(), this.limit);
    this.buckets.set(region, bucket);
    return ok;
  }
}
