// The PEERS setting (issue 14): the other region nodes this node exchanges with, by URL,
// `beijing=http://127.0.0.1:3001,tianjin=http://127.0.0.1:3002`. Pure.

export type PeerUrls = Readonly<Record<string, string>>;

/** Parses PEERS; throws with a message naming the bad entry. A region appears once; a URL is http(s) without credentials, query or fragment. */
export function parsePeers(value: string | undefined, isRegion: (code: string) => boolean): PeerUrls {
  const peers: Record<string, string> = {};
  if (!value?.trim()) return peers;
  for (const entry of value.split(",")) {
    const at = entry.indexOf("=");
    const region = entry.slice(0, at).trim();
    const raw = entry.slice(at + 1).trim();
    if (at < 1 || !isRegion(region)) throw new Error(`PEERS: "${entry.trim()}" must be region=URL with a known region`);
    if (region in peers) throw new Error(`PEERS: ${region} appears twice`);
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error(`PEERS: ${region} has no valid URL`);
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password || url.search || url.hash) {
      throw new Error(`PEERS: ${region} must be an http(s) URL without credentials, query or fragment`);
    }
    peers[region] = url.toString().replace(/\/+$/, "");
  }
  return peers;
}
