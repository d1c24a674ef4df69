import { describe, expect, it } from "vitest";
import { PeerRateLimiter } from "./limits";
import { refusalHttpStatus, takeToken } from "./model";

describe("per-peer rate limit (token bucket)", () => {
  it("lets a burst through, then one request per refill interval", () => {
    const limit = { perSecond: 2, burst: 3 };
    let bucket: ReturnType<typeof takeToken>["bucket"] | undefined;
    const at = (ms: number) => {
      const r = takeToken(bucket, ms, limit);
      bucket = r.bucket;
      return r.ok;
    };
    expect([at(0), at(0), at(0), at(0)]).toEqual([true, true, true, false]);
    expect(at(400)).toBe(false); // 0.8 of a token
    expect(at(500)).toBe(true); // one token after half a second
    expect(at(500)).toBe(false);
    // Never more than the burst, however long the peer was quiet.
    expect([at(60_000), at(60_000), at(60_000), at(60_000)]).toEqual([true, true, true, false]);
  });

  it("keeps one bucket per region: one busy peer does not use up another's share", () => {
    const limiter = new PeerRateLimiter({ perSecond: 0.001, burst: 1 });
    const now = new Date("2026-12-01T00:00:00Z");
    expect(limiter.take("beijing", now)).toBe(true);
    expect(limiter.take("beijing", now)).toBe(false);
    expect(limiter.take("tianjin", now)).toBe(true);
  });

  it("refuses over the rate with HTTP 429", () => {
    expect(refusalHttpStatus("rateLimited")).toBe(429);
  });
});
