import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";
import { log } from "../log";
import * as schema from "@/root/schema";
import { lockDataDir } from "./lock";

export type Schema = typeof schema;

/** A database handle or a transaction: every use case takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface DatabaseHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /**
   * Runs the committed SQL migrations in `drizzle/` (as the connecting user, never as
   * `DATABASE_ROLE`), then the upgrades that need keys kept outside the database (src/root/upgrade.ts);
   * safe to run again.
   */
  migrate: () => Promise<void>;
  close: () => Promise<void>;
  /**
   * The driver under Drizzle, for tools that send their own SQL (pg-boss). With a `role`, the
   * pool's connections act as that role; `url` connects as the user itself.
   */
  raw?: { kind: "pglite"; client: PGlite } | { kind: "postgres"; pool: Pool; url: string; role?: string };
}

export const migrationsFolder = path.join(process.cwd(), "drizzle");

async function upgrade(db: Db): Promise<void> {
  const { upgradeData } = await import("@/root/upgrade");
  await upgradeData(db);
}

/**
 * Opens PostgreSQL when a URL is given, otherwise PGlite in `dataDir` (or in memory when
 * `dataDir` is `memory://`). A data folder is locked for this process until `close()` or exit, and
 * a folder another process holds is refused with DatabaseInUseError (./lock.ts). Callers keep
 * one handle per process: two PGlite instances on one folder corrupt it, even in one process.
 * `role` (DATABASE_ROLE, PostgreSQL only): every pooled connection takes that role as it connects.
 */
export async function openDatabase(options: { url?: string; dataDir?: string; role?: string; loadDataDir?: Blob }): Promise<DatabaseHandle> {
  if (options.url) {
    const url = options.url;
    const { Client, Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const pool = new Pool({
      connectionString: url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      // `-c role=…` in the startup packet is SET ROLE before the first query can run: a
      // connection never acts as the owner, even for a moment, and a role that does not exist
      // (or may not be taken) fails the connection instead of silently keeping the owner's
      // rights. RESET ROLE goes back to it, not to the owner. (The name is checked by env.ts.)
      ...(options.role ? { options: `-c role=${options.role}` } : {}),
    });
    // An idle client that loses its connection (PostgreSQL restarted, a network cut) emits
    // `error` on the pool; without a listener Node treats it as unhandled and the process exits.
    // The pool drops that client and opens a new one on the next query.
    pool.on("error", (error) => log.error({ err: error, part: "db" }, "idle PostgreSQL client failed"));
    const db = drizzle(pool, { schema, casing: "snake_case" });
    return {
      db: db as unknown as Db,
      kind: "postgres",
      migrate: async () => {
        // Migrations change tables, which only their owner may: a connection of its own, as the
        // connecting user, whatever the pool's role. Several processes (test workers, web nodes)
        // may start at once: one migrates at a time.
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
          await client.query("select pg_advisory_lock(7415001)");
          await migrate(drizzle(client, { schema, casing: "snake_case" }), { migrationsFolder });
        } finally {
          await client.query("select pg_advisory_unlock(7415001)").catch(() => undefined);
          await client.end();
        }
        await upgrade(db as unknown as Db);
      },
      close: () => pool.end(),
      raw: { kind: "postgres", pool, url, ...(options.role ? { role: options.role } : {}) },
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dataDir = options.dataDir ?? "memory://";
  // One process at a time on a data folder (./lock.ts): refused here, before PGlite touches it.
  let unlock = () => {};
  if (!dataDir.startsWith("memory://")) {
    unlock = lockDataDir(dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  let client: PGlite;
  try {
    // `loadDataDir`: a tarball from `dumpDataDir()` to start from (the tests' template) instead of initdb.
    client = await PGlite.create(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzle(client, { schema, casing: "snake_case" });
  return {
    db: db as unknown as Db,
    kind: "pglite",
    migrate: async () => {
      await migrate(db, { migrationsFolder });
      await upgrade(db as unknown as Db);
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
    raw: { kind: "pglite", client },
  };
}
