import { env } from "@/server/env";
import { openDatabase, type DatabaseHandle, type Db } from "./client";

const globalForDb = globalThis as unknown as { __tongbanDatabase?: Promise<DatabaseHandle> };

/**
 * The server process's one database handle: opened and migrated on first use. It seeds nothing:
 * the composition root (src/root/boot.ts) seeds the demo province at server start. A `globalThis` singleton because PGlite must never be opened twice in one process, and
 * Next.js may load this module more than once.
 */
export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.__tongbanDatabase ??= (async () => {
    const e = env();
    const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, role: e.DATABASE_ROLE });
    await handle.migrate();
    return handle;
  })().catch((error: unknown) => {
    globalForDb.__tongbanDatabase = undefined;
    throw error;
  });
  return globalForDb.__tongbanDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
