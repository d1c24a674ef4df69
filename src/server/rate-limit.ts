import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Pool } from "pg";
import type { SignInThrottle } from "@/modules/identity/authenticate";
import { addressKey } from "./client-address";
import { log } from "./log";

/**
 * Every limit of the portal, with its numbers and why. Counted per client address (see
 * client-address.ts: an IPv6 client by its /64) unless the name says otherwise, in fixed windows
 * of `seconds`. An office behind one NAT address shares these, so they are set for a busy
 * service hall, not for one person.
 */
export const limits = {
  /**
   * POSTs to the password sign-in: caps scrypt work from one address (guessing is capped by the
   * failure limits below). A service hall's staff all sign in from one address at 9:00.
   */
  signInRequests: { points: 60, seconds: 60 },
  /**
   * Failed sign-ins of one login name from one address: the fifth locks that pair for 15 minutes
   * (as before, now per pair). A stranger's failures lock only the stranger: the account's owner,
   * signing in from their own address, is never locked out by them.
   */
  signInFailuresPerPair: { points: 5, seconds: 15 * 60, lockSeconds: 15 * 60 },
  /** Failed sign-ins from one address across all login names: a day's budget against spraying. */
  signInFailuresPerAddress: { points: 100, seconds: 24 * 60 * 60 },
  /** Account registrations: each one is a scrypt hash and a row; a service hall registers a few an hour. */
  registrations: { points: 20, seconds: 60 * 60 },
  /**
   * Checks of a name and ID number against the population register, or of a person against a
   * licence, outside registration (法人注册, granting a mandate, keying in at the window, verifying an
   * old account): each answer says whether a name and a number belong together. A counter keys in
   * a few dozen people a day.
   */
  identityChecks: { points: 60, seconds: 60 * 60 },
  /** Public tracking (page and procedure): each try is a guess at a query code. */
  tracking: { points: 20, seconds: 60 },
  /** Public certificate verification: scanning QR codes is quick, enumerating numbers is not allowed. */
  verification: { points: 60, seconds: 60 },
  /** The open APIs (/api/open/**): cacheable and cheap, but a scraper should not starve the portal. */
  openApi: { points: 120, seconds: 60 },
} as const satisfies Record<string, { points: number; seconds: number; lockSeconds?: number }>;

export type LimitName = keyof typeof limits;

export type LimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** The limiters of one store. */
export interface Limiters {
  kind: "memory" | "postgres";
  get(name: LimitName): RateLimiterAbstract;
}

function build(name: LimitName, store: (opts: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract): RateLimiterAbstract {
  const spec = limits[name];
  return store({ keyPrefix: name, points: spec.points, duration: spec.seconds });
}

/** Limiters in this process's memory: exactly right on the embedded database, which is one process by design. */
export function memoryLimiters(): Limiters {
  const made = new Map<LimitName, RateLimiterAbstract>();
  return {
    kind: "memory",
    get: (name) => {
      let l = made.get(name);
      if (!l) made.set(name, (l = build(name, (o) => new RateLimiterMemory(o))));
      return l;
    },
  };
}

/**
 * Limiters in PostgreSQL, shared by every web node (one table, `rate_limits`, that the library
 * creates and sweeps itself; it is counters, not records, so it lives outside the migrations).
 * Should PostgreSQL fail, each falls back to this process's memory rather than refusing everyone.
 */
export async function postgresLimiters(pool: Pool): Promise<Limiters> {
  const tableName = "rate_limits";
  await new Promise<void>((resolve, reject) => {
    new RateLimiterPostgres({ storeClient: pool, storeType: "pool", tableName, points: 1, duration: 1, clearExpiredByTimeout: false }, (err?: unknown) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
    );
  });
  const made = new Map<LimitName, RateLimiterAbstract>();
  return {
    kind: "postgres",
    get: (name) => {
      let l = made.get(name);
      if (!l) {
        l = build(
          name,
          (o) =>
            new RateLimiterPostgres({
              ...o,
              storeClient: pool,
              storeType: "pool",
              tableName,
              tableCreated: true,
              // Only one limiter sweeps expired rows, every five minutes.
              clearExpiredByTimeout: name === "signInRequests",
              insuranceLimiter: new RateLimiterMemory(o),
            }),
        );
        made.set(name, l);
      }
      return l;
    },
  };
}

// One set per process, whichever bundle asks (the proxy, route handlers and tRPC are bundled apart).
const key = Symbol.for("tongban.limiters");
const holder = globalThis as unknown as { [key]?: Promise<Limiters> };

/** The process's limiters: in PostgreSQL when DATABASE_URL is set, else in memory. */
export function processLimiters(): Promise<Limiters> {
  holder[key] ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) return memoryLimiters();
    const { Pool } = await import("pg");
    // A small pool of its own, so limits still answer while the main pool is busy.
    const pool = new Pool({ connectionString: url, max: 3 });
    pool.on("error", (error) => log.error({ err: error, part: "rate-limit" }, "idle PostgreSQL client failed"));
    return postgresLimiters(pool);
  })().catch((error: unknown) => {
    holder[key] = undefined;
    throw error;
  });
  return holder[key];
}

function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Counts one request of `name` for `address`; refused with the seconds to wait once over the limit. */
export async function consumeLimit(name: LimitName, address: string, store?: Limiters): Promise<LimitVerdict> {
  const limiter = (store ?? (await processLimiters())).get(name);
  try {
    await limiter.consume(addressKey(address));
    return { ok: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: retryAfter(rejection) };
    // The store failed and so did its insurance: let the request through and say so in the log.
    log.error({ err: rejection, part: "rate-limit", limit: name }, "rate limiter failed");
    return { ok: true };
  }
}

/**
 * The sign-in lockout on these limiters: per (address, login name) pair and per address.
 * The pair lock starts at the fifth failure and lasts `lockSeconds` from then.
 */
export function signInThrottle(store: Limiters): SignInThrottle {
  const pairLimit = limits.signInFailuresPerPair;
  const addressLimit = limits.signInFailuresPerAddress;
  const pair = store.get("signInFailuresPerPair");
  const perAddress = store.get("signInFailuresPerAddress");
  const pairKey = (address: string, login: string) => `${addressKey(address)} ${login}`;
  const lockedMs = (res: RateLimiterRes | null, points: number) => (res && res.consumedPoints >= points && res.msBeforeNext > 0 ? res.msBeforeNext : 0);
  return {
    async lockedFor(address, login) {
      const [p, a] = await Promise.all([pair.get(pairKey(address, login)), perAddress.get(addressKey(address))]);
      return Math.max(lockedMs(p, pairLimit.points), lockedMs(a, addressLimit.points));
    },
    async recordFailure(address, login) {
      const count = (limiter: RateLimiterAbstract, k: string) =>
        limiter.penalty(k, 1).catch((e: unknown) => {
          log.error({ err: e, part: "rate-limit" }, "sign-in failure not counted");
          return null;
        });
      const [p, a] = await Promise.all([count(pair, pairKey(address, login)), count(perAddress, addressKey(address))]);
      let ms = lockedMs(a, addressLimit.points);
      if (p && p.consumedPoints >= pairLimit.points) {
        // A fresh window of `lockSeconds` from this failure: "locked for 15 minutes" means 15 from now.
        await pair.block(pairKey(address, login), pairLimit.lockSeconds);
        ms = Math.max(ms, pairLimit.lockSeconds * 1000);
      }
      return ms;
    },
    async recordSuccess(address, login) {
      await pair.delete(pairKey(address, login));
    },
  };
}
