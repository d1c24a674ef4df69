import PgBoss from "pg-boss";
import type { DatabaseHandle } from "@/server/db/client";

/**
 * pg-boss over the portal's own database connection, so PGlite (one connection per process)
 * and PostgreSQL are handled alike. On PGlite, SQL without parameters goes through `exec`:
 * pg-boss sends several statements at once (its schema, maintenance) and the extended protocol
 * of `query` takes only one. With DATABASE_ROLE, pg-boss connects as the user itself, on a small
 * pool of its own (closed when it stops): it creates and alters its own schema's tables (a queue
 * is a partition of `pgboss.job`), which only their owner may; the portal's queries keep the role.
 */
export function createBoss(handle: DatabaseHandle, options: Omit<PgBoss.ConstructorOptions, "db"> = {}): PgBoss {
  const raw = handle.raw;
  if (!raw) throw new Error("pg-boss needs the raw database client (DatabaseHandle.raw)");
  if (raw.kind === "postgres" && raw.role) return new PgBoss({ ...options, connectionString: raw.url, max: 4 });
  const db: PgBoss.Db =
    raw.kind === "pglite"
      ? { executeSql: async (text, values) => (values?.length ? raw.client.query(text, values) : ((await raw.client.exec(text)).at(-1) ?? { rows: [] })) }
      : { executeSql: (text, values) => raw.pool.query(text, values) };
  return new PgBoss({ ...options, db });
}
