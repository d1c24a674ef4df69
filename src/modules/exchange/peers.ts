import type { PeerUrls } from "@/lib/peers";
import { ZNodeDescription, type PublishedKey } from "./protocol";

// Where the peers are and which keys they publish. A peer's keys are read from its node endpoint
// (`GET <url>/api/exchange/node`) and cached; a key the cache does not know makes one fresh read
// (the peer may have rotated), at most once per `refreshFloorMs`. Keys may also be configured,
// for a peer whose keys were exchanged out of band.

export class PeerKeysUnavailable extends Error {}

export interface PeerDirectory {
  /** The peer's base URL, or null when the region is not a configured peer. */
  url(region: string): string | null;
  /** The peer's published keys; `fresh` asks the peer again (after a key the cache did not know). */
  keys(region: string, options?: { fresh?: boolean }): Promise<PublishedKey[]>;
}

export interface PeerDirectoryOptions {
  fetch?: typeof globalThis.fetch;
  ttlMs?: number;
  refreshFloorMs?: number;
  timeoutMs?: number;
  /** Keys configured for a peer instead of read from it. */
  configuredKeys?: Readonly<Record<string, PublishedKey[]>>;
  clock?: () => number;
}

export function peerDirectory(peers: PeerUrls, options: PeerDirectoryOptions = {}): PeerDirectory {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const refreshFloorMs = options.refreshFloorMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const clock = options.clock ?? Date.now;
  const cache = new Map<string, { keys: PublishedKey[]; at: number }>();

  async function load(region: string, url: string): Promise<PublishedKey[]> {
    const doFetch = options.fetch ?? globalThis.fetch;
    let body: unknown;
    try {
      const res = await doFetch(`${url}/api/exchange/node`, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
      if (!res.ok) throw new PeerKeysUnavailable(`${region}: HTTP ${res.status}`);
      body = await res.json();
    } catch (e) {
      throw e instanceof PeerKeysUnavailable ? e : new PeerKeysUnavailable(`${region}: ${(e as Error).message}`);
    }
    const parsed = ZNodeDescription.safeParse(body);
    if (!parsed.success || parsed.data.region !== region) throw new PeerKeysUnavailable(`${region}: not a node description of ${region}`);
    return parsed.data.keys;
  }

  return {
    url: (region) => peers[region] ?? null,
    async keys(region, { fresh = false } = {}) {
      const configured = options.configuredKeys?.[region];
      if (configured) return configured;
      const url = peers[region];
      if (!url) throw new PeerKeysUnavailable(`${region} is not a peer`);
      const cached = cache.get(region);
      const age = cached ? clock() - cached.at : Infinity;
      if (cached && age < ttlMs && (!fresh || age < refreshFloorMs)) return cached.keys;
      const keys = await load(region, url);
      cache.set(region, { keys, at: clock() });
      return keys;
    },
  };
}
