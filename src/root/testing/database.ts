import { openDatabase, type DatabaseHandle } from "@/server/db/client";

let shared: Promise<DatabaseHandle> | undefined;

/**
 * One migrated database per test worker: PostgreSQL when TEST_DATABASE_URL is set (CI gives a
 * fresh database per run), otherwise an in-memory PGlite. Tests isolate by their own data.
 */
export function testDatabase(): Promise<DatabaseHandle> {
  shared ??= (async () => {
    const handle = await openDatabase({ url: process.env.TEST_DATABASE_URL, dataDir: "memory://" });
    await handle.migrate();
    return handle;
  })();
  return shared;
}

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let counter = 0;
/** A short unique suffix for test data, so tests sharing a database never collide. */
export function uniqueSuffix(): string {
  counter += 1;
  return `${process.pid.toString(36)}${Date.now().toString(36)}${counter.toString(36)}`.toUpperCase();
}
