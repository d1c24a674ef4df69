import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";
import { log } from "../log";
import * as schema from "./schema";

export type Schema = typeof schema;

/** A database handle or a transaction: every use case takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface DatabaseHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs the committed SQL migrations in `drizzle/`; safe to run again. */
  migrate: () => Promise<void>;
  close: () => Promise<void>;
  /** The driver under Drizzle, for tools that send their own SQL (pg-boss). */
  raw?: { kind: "pglite"; client: PGlite } | { kind: "postgres"; pool: Pool };
}

export const migrationsFolder = path.join(process.cwd(), "drizzle");

/**
 * Opens PostgreSQL when a URL is given, otherwise PGlite in `dataDir` (or in memory when
 * `dataDir` is `memory://`). Callers keep one handle per process: PGlite has no lock and two
 * instances on one folder corrupt it.
 */
export async function openDatabase(options: { url?: string; dataDir?: string }): Promise<DatabaseHandle> {
  if (options.url) {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const pool = new Pool({ connectionString: options.url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    // An idle client that loses its connection (PostgreSQL restarted, a network cut) emits
    // `error` on the pool; without a listener Node treats it as unhandled and the process exits.
    // The pool drops that client and opens a new one on the next query.
    pool.on("error", (error) => log.error({ err: error, part: "db" }, "idle PostgreSQL client failed"));
    const db = drizzle(pool, { schema, casing: "snake_case" });
    return {
      db: db as unknown as Db,
      kind: "postgres",
      migrate: async () => {
        // Several processes (test workers, web nodes) may start at once: one migrates at a time.
        const client = await pool.connect();
        try {
          await client.query("select pg_advisory_lock(7415001)");
          await migrate(db, { migrationsFolder });
        } finally {
          await client.query("select pg_advisory_unlock(7415001)").catch(() => undefined);
          client.release();
        }
      },
      close: () => pool.end(),
      raw: { kind: "postgres", pool },
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dataDir = options.dataDir ?? "memory://";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle(client, { schema, casing: "snake_case" });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    migrate: () => migrate(db, { migrationsFolder }),
    close: () => client.close(),
    raw: { kind: "pglite", client },
  };
}
