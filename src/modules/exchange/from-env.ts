import { env } from "@/server/env";
import type { Db } from "@/server/db/client";
import { ExchangeClient } from "./client";
import { departmentKeyDirectory, type DepartmentKeyDirectory } from "./department-keys";
import type { AcrossDeps } from "./verify-across";
import { defaultPeerConcurrency, defaultPeerRate, PeerRateLimiter } from "./limits";
import type { ExchangeNode } from "./node";
import { peerDirectory } from "./peers";

// The node this process runs, from REGION, PEERS and EXCHANGE_URL; one peer directory (key cache)
// and one client (breakers) per process.

let node: ExchangeNode | undefined;
let client: ExchangeClient | undefined;

export function nodeFromEnv(): ExchangeNode {
  if (node) return node;
  const e = env();
  const { [e.REGION]: _self, ...peers } = e.PEERS;
  node = {
    region: e.REGION,
    baseUrl: (e.EXCHANGE_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`).replace(/\/+$/, ""),
    peers: peerDirectory(peers),
    rateLimiter: new PeerRateLimiter({ perSecond: e.EXCHANGE_PEER_RATE ?? defaultPeerRate.perSecond, burst: e.EXCHANGE_PEER_BURST ?? defaultPeerRate.burst }),
  };
  return node;
}

export function clientFromEnv(db: Db): ExchangeClient {
  client ??= new ExchangeClient(db, nodeFromEnv(), { maxConcurrentPerPeer: env().EXCHANGE_PEER_CONCURRENCY ?? defaultPeerConcurrency.concurrency });
  return client;
}

let departmentKeys: DepartmentKeyDirectory | undefined;

/** The peers' published department keys (one cache per process). */
export function departmentKeysFromEnv(): DepartmentKeyDirectory {
  departmentKeys ??= departmentKeyDirectory(peerUrlsFromEnv());
  return departmentKeys;
}

/** The configured peers' URLs by region, without this node's own. */
export function peerUrlsFromEnv(): Readonly<Record<string, string>> {
  const e = env();
  const { [e.REGION]: _self, ...peers } = e.PEERS;
  return peers;
}

/** What a cross-region verification needs on this node. */
export function acrossFromEnv(db: Db): AcrossDeps {
  return { node: nodeFromEnv(), client: clientFromEnv(db), departmentKeys: departmentKeysFromEnv(), peerRegions: Object.keys(peerUrlsFromEnv()) };
}
