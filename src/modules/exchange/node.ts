import { isRegionCode, regions } from "@/lib/regions";
import type { Db } from "@/server/db/client";
import { ensureNodeKey, publishedKeys } from "./keys";
import { protocolVersion } from "./model";
import type { PeerRateLimiter } from "./limits";
import type { PeerDirectory } from "./peers";
import type { NodeDescription } from "./protocol";

/** One region node as the exchange sees it: its region, where peers reach it, its peers. */
export interface ExchangeNode {
  region: string;
  /** This node's public base URL (what its peers call). */
  baseUrl: string;
  peers: PeerDirectory;
  /** The answering side's per-peer rate limit; none: unlimited (tests that do not measure it). */
  rateLimiter?: PeerRateLimiter;
}

/** What the node publishes at `GET /api/exchange/node`: region, endpoints, its keys with their windows. */
export async function describeNode(db: Db, node: ExchangeNode, now: Date = new Date()): Promise<NodeDescription> {
  // The first description makes the node's key, so a new node publishes one at once.
  await ensureNodeKey(db, node.region, now);
  const known = isRegionCode(node.region) ? regions[node.region] : null;
  return {
    v: protocolVersion,
    region: node.region,
    nameZh: known?.nameZh ?? node.region,
    nameEn: known?.nameEn ?? node.region,
    endpoints: { node: `${node.baseUrl}/api/exchange/node`, certificates: `${node.baseUrl}/api/exchange/certificates` },
    keys: await publishedKeys(db, node.region),
  };
}
