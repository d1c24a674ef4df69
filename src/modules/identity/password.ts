import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { DomainError } from "@/lib/domain-error";
import { isSemaphoreFull, Semaphore } from "@/lib/semaphore";

/**
 * At most two hashes at once (the machines have two cores, and each hash takes 64 MiB): more would
 * only fill libuv's four threads, which file reads and compression need too, so that eight
 * parallel sign-ins stalled every other request. Eight more may wait up to five seconds; beyond
 * that the answer is "busy, try again" at once. One per process, whichever bundle asks.
 */
const hashing = ((globalThis as unknown as Record<symbol, Semaphore>)[Symbol.for("tongban.passwordHashing")] ??= new Semaphore(2, 8, 5_000));

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return hashing
    .run(() => new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)))))
    .catch((error: unknown) => {
      throw isSemaphoreFull(error) ? new DomainError("unavailable", "errors.busy") : error;
    });
}

// scrypt (RFC 7914) with N = 2^15, r = 8, p = 1: about 64 MiB and tens of milliseconds per hash,
// the parameters OWASP lists for scrypt. Parameters are stored with each hash so they can be raised.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 128 * N * R * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, "base64");
  const key = await scrypt(password.normalize("NFKC"), Buffer.from(saltB64, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 128 * Number(n) * Number(r) * 2,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing, verified against when the account does not exist so timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString("hex"));
  return dummyHash;
}
