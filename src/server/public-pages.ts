/**
 * What the public-page cache (src/server/page-cache.ts) knows of the catalog's version, shared
 * between the HTTP server that holds the cache and the Next.js application that changes the
 * catalog. The two are separate module graphs in one process (the server is run by tsx, the pages
 * by Next.js's bundle), so the state lives on `globalThis` under a registered symbol.
 *
 * The composition root plugs in how to read the version (`setCatalogVersionSource`, at boot);
 * the catalog's router says when the data office changed it (`catalogChanged`, after the commit),
 * which this node then reads at once. Another node's change (or `npm run catalog:import`) is read
 * by the background refresh, at most `versionMaxAgeMs` late.
 */

/** The header of the server's own rendering of a public page; its value is the placeholder nonce the proxy then uses. */
export const pageFillHeader = "x-tongban-page-fill";

export interface PublicPagesHub {
  /** The catalog's version as last read; null before the first read (the cache is then off). */
  version: number | null;
  /** When the version was last read (ms since the epoch). */
  checkedAt: number;
  source?: () => Promise<number>;
  refreshing?: Promise<void>;
}

const hubKey = Symbol.for("tongban.publicPages");

export function publicPagesHub(): PublicPagesHub {
  const g = globalThis as { [hubKey]?: PublicPagesHub };
  g[hubKey] ??= { version: null, checkedAt: 0 };
  return g[hubKey];
}

/** At server start (src/root/boot.ts): how the catalog's current version is read. Reads it once. */
export async function setCatalogVersionSource(source: () => Promise<number>): Promise<void> {
  publicPagesHub().source = source;
  await refreshCatalogVersion();
}

/** Reads the version now (one read at a time; a caller during a read waits for it). A failed read keeps the last version. */
export async function refreshCatalogVersion(): Promise<void> {
  const hub = publicPagesHub();
  if (!hub.source) return;
  if (hub.refreshing) return hub.refreshing;
  const source = hub.source;
  hub.refreshing = (async () => {
    try {
      const version = await source();
      hub.version = version;
      hub.checkedAt = Date.now();
    } catch {
      // The database is away: the pages keep the version they had; readiness reports the database.
      hub.checkedAt = Date.now();
    } finally {
      hub.refreshing = undefined;
    }
  })();
  return hub.refreshing;
}

/**
 * The data office changed the catalog and the change is committed: read the new version before
 * answering the data office, so the next public page this node serves is rendered anew.
 */
export async function catalogChanged(): Promise<void> {
  const hub = publicPagesHub();
  // A read that started before the commit may return the old version: wait for it, then read again.
  if (hub.refreshing) await hub.refreshing;
  await refreshCatalogVersion();
}

/** How late this node may learn of another node's catalog change. */
export const versionMaxAgeMs = 1000;

/** The version for a cache key, starting a background read when the last one is older than `versionMaxAgeMs`. */
export function currentPublicVersion(now = Date.now()): number | null {
  const hub = publicPagesHub();
  if (hub.source && !hub.refreshing && now - hub.checkedAt > versionMaxAgeMs) void refreshCatalogVersion();
  return hub.version;
}
