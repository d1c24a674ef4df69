import { isIP } from "node:net";

/**
 * The client's address, decided once per request by the HTTP server (src/scripts/server.ts) from
 * the socket, and handed on in `x-forwarded-for` (overwritten, so a client cannot choose it).
 *
 * Behind load balancers, `trustedHops` (TRUST_PROXY) says how many of them append to
 * `X-Forwarded-For`: the client is the address that many entries from the right, counting the
 * socket's peer as the last. Entries further left are whatever the client sent and are ignored.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const socket = normalizeAddress(socketAddress) ?? "0.0.0.0";
  if (trustedHops <= 0) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [
    ...header
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    socket,
  ];
  const candidate = chain[Math.max(0, chain.length - 1 - trustedHops)];
  return normalizeAddress(candidate) ?? socket;
}

/** An IP address in its plain form (`::ffff:1.2.3.4` is `1.2.3.4`), or undefined when it is not one. */
export function normalizeAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(v);
  if (mapped?.[1] && isIP(mapped[1]) === 4) return mapped[1];
  return isIP(v) ? v.toLowerCase() : undefined;
}

/**
 * The key a per-address limit counts under. An IPv6 client usually holds a whole /64 and can
 * change addresses within it at will, so it is counted as one.
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const full = address.includes("::") ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${full
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** The client's address as the HTTP server handed it on (see above); "unknown" when absent. */
export function clientAddressOf(headers: Headers): string {
  return normalizeAddress(headers.get("x-forwarded-for")?.split(",")[0]) ?? "unknown";
}
