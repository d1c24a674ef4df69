import type { PeerUrls } from "@/lib/peers";
import { ZDepartmentKeys, type DepartmentKey } from "./protocol";

// The departments' certificate-signing keys each peer node publishes (`GET /api/open/department-keys`),
// read and cached like the node keys: the asking node checks a certificate's issuer signature
// against these, not against the key the answer carries. A key id the cache does not know makes
// one fresh read (the department may have rotated), at most once per `refreshFloorMs`.

export class DepartmentKeysUnavailable extends Error {}

export interface DepartmentKeyDirectory {
  keys(region: string, options?: { fresh?: boolean }): Promise<DepartmentKey[]>;
}

export interface DepartmentKeyDirectoryOptions {
  fetch?: typeof globalThis.fetch;
  ttlMs?: number;
  refreshFloorMs?: number;
  timeoutMs?: number;
  clock?: () => number;
}

export function departmentKeyDirectory(peers: PeerUrls, options: DepartmentKeyDirectoryOptions = {}): DepartmentKeyDirectory {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const refreshFloorMs = options.refreshFloorMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const clock = options.clock ?? Date.now;
  const cache = new Map<string, { keys: DepartmentKey[]; at: number }>();

  async function load(region: string, url: string): Promise<DepartmentKey[]> {
    const doFetch = options.fetch ?? globalThis.fetch;
    let body: unknown;
    try {
      const res = await doFetch(`${url}/api/open/department-keys`, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
      if (!res.ok) throw new DepartmentKeysUnavailable(`${region}: HTTP ${res.status}`);
      body = await res.json();
    } catch (e) {
      throw e instanceof DepartmentKeysUnavailable ? e : new DepartmentKeysUnavailable(`${region}: ${(e as Error).message}`);
    }
    const parsed = ZDepartmentKeys.safeParse(body);
    if (!parsed.success) throw new DepartmentKeysUnavailable(`${region}: not a list of department keys`);
    return parsed.data;
  }

  return {
    async keys(region, { fresh = false } = {}) {
      const url = peers[region];
      if (!url) throw new DepartmentKeysUnavailable(`${region} is not a peer`);
      const cached = cache.get(region);
      const age = cached ? clock() - cached.at : Infinity;
      if (cached && age < ttlMs && (!fresh || age < refreshFloorMs)) return cached.keys;
      const keys = await load(region, url);
      cache.set(region, { keys, at: clock() });
      return keys;
    },
  };
}
