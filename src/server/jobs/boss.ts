import PgBoss from "pg-boss";
import type { DatabaseHandle } from "@/server/db/client";

/**
 * pg-boss over the portal's own database connection, so PGlite (one connection per process)
 * and PostgreSQL are handled alike. On PGlite, SQL without parameters goes through `exec`:
 * pg-boss sends several statements at once (its schema, maintenance) and the extended protocol
 * of `query` takes only one.
 */
export function createBoss(handle: DatabaseHandle, options: Omit<PgBoss.ConstructorOptions, "db"> = {}): PgBoss {
  const raw = handle.raw;
  if (!raw) throw new Error("pg-boss needs the raw database client (DatabaseHandle.raw)");
  const db: PgBoss.Db =
    raw.kind === "pglite"
      ? {
          executeSql: async (text, values) =>
            values?.length ? raw.client.query(text, values) : ((await raw.client.exec(text)).at(-1) ?? { rows: [] }),
        }
      : { executeSql: (text, values) => raw.pool.query(text, values) };
  return new PgBoss({ ...options, db });
}
