import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";

declare module "vitest" {
  export interface ProvidedContext {
    /** Tarballs of a PGlite cluster made by ./global-setup.ts; null on PostgreSQL. */
    databaseTemplates: { empty: string; migrated: string } | null;
  }
}

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** The global setup's templates, or undefined when it did not run (a config without it). */
function templates(): { empty: string; migrated: string } | null | undefined {
  try {
    return inject("databaseTemplates");
  } catch {
    return undefined;
  }
}

/**
 * A PGlite of its own, in memory: `migrated` (every migration, no data) or `empty` (a new
 * cluster, for tests that migrate step by step). Restored from the global setup's template in
 * about a second instead of initdb and migrations; PGlite even when the suite runs on PostgreSQL.
 */
export async function ownDatabase(state: "migrated" | "empty" = "migrated"): Promise<DatabaseHandle> {
  const saved = templates();
  if (!saved) {
    const handle = await openDatabase({ dataDir: "memory://" });
    if (state === "migrated") await handle.migrate();
    return handle;
  }
  return openDatabase({ dataDir: "memory://", loadDataDir: new Blob([readFileSync(saved[state])]) });
}

let shared: Promise<DatabaseHandle> | undefined;

/**
 * One migrated database per test worker: PostgreSQL when TEST_DATABASE_URL is set (CI gives a
 * fresh database per run, migrated once by the global setup), otherwise an in-memory PGlite
 * restored from the migrated template. Tests isolate by their own data.
 */
export function testDatabase(): Promise<DatabaseHandle> {
  shared ??= (async () => {
    if (!onPostgres) return ownDatabase("migrated");
    const handle = await openDatabase({ url: process.env.TEST_DATABASE_URL });
    if (templates() === undefined) await handle.migrate();
    return handle;
  })();
  return shared;
}

let counter = 0;
/** A short unique suffix for test data, so tests sharing a database never collide. */
export function uniqueSuffix(): string {
  counter += 1;
  return `${process.pid.toString(36)}${Date.now().toString(36)}${counter.toString(36)}`.toUpperCase();
}
