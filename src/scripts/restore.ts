import { readFileSync, renameSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/server/db/client";
import { DatabaseInUseError, lockDataDir } from "@/server/db/lock";
import { tableRowCounts } from "@/server/db/row-counts";
import { env } from "@/server/env";
import { backupKind, describeUrl, folderIsEmpty, formatCounts, pgConnection, runPgTool } from "./backup-common";
import { scriptError } from "./script-error";

// `npm run restore -- <file> [--force]`: restores a backup of `npm run backup` into an EMPTY database.
// - A pg_dump file into DATABASE_URL's database, with pg_restore in one transaction (a failure
//   leaves the database as it was). A database that already holds tables is refused unless
//   --force, which drops what the backup holds and restores it (pg_restore --clean).
// - A PGlite dump into DATA_DIR, which must be missing or empty; with --force an existing folder
//   is moved aside (to `<folder>.before-restore-<time>`), never deleted. The folder's lock is taken
//   first: a portal running on it is named with its pid, and nothing is done.
// The migrations are not run: the portal migrates a restored database of an older release when it
// starts. Prints what was restored and every table's row count. Exits 2 on a usage error or a
// refused target, 1 when the restore fails.
const args = process.argv.slice(2);
const force = args.includes("--force");
const file = args.find((a) => !a.startsWith("--"));

function refuse(message: string): never {
  console.error(`${message}\nUsage: npm run restore -- <file> [--force]`);
  process.exit(2);
}

if (!file) refuse("Which backup file should be restored?");
const source = path.resolve(file);
let kind: ReturnType<typeof backupKind>;
try {
  kind = backupKind(source);
} catch (error) {
  refuse(`Cannot read ${source}: ${scriptError(error)}`);
}
if (kind === "unknown") refuse(`${source} is not a backup of npm run backup (neither a pg_dump custom-format file nor a PGlite data-folder dump).`);

const e = env();
type Rows<T> = { rows: T[] };

async function restorePostgres(url: string): Promise<void> {
  const where = describeUrl(url);
  // The connecting user itself (never DATABASE_ROLE): the restore creates tables, which the role may not.
  const handle = await openDatabase({ url }).catch((error: unknown) => {
    console.error(`Cannot open the database: ${scriptError(error)}`);
    process.exit(1);
  });
  try {
    const tables = (await handle.db.execute(sql`
      select count(*) as n from pg_catalog.pg_tables
      where schemaname not in ('pg_catalog', 'information_schema') and schemaname not like 'pg\_%'`)) as unknown as Rows<{ n: string | number }>;
    const existing = Number(tables.rows[0]?.n ?? 0);
    if (existing > 0 && !force) {
      refuse(
        `${where} is not empty (${existing} tables): nothing was restored. Restore into an empty database ` +
          `(createdb <name>, then DATABASE_URL pointing at it), or add --force to drop the objects the backup holds and restore them over it.`,
      );
    }
    // The grants in the backup name the portal's role (drizzle/0007_audit_protection.sql), which
    // belongs to the cluster, not the database: made here when missing and allowed, as the migration does.
    await handle.db.execute(sql`
      do $$ begin
        if not exists (select from pg_catalog.pg_roles where rolname = 'tongban_app') then
          begin
            create role "tongban_app" nologin;
          exception when insufficient_privilege then
            raise notice 'role tongban_app not created';
          end;
        end if;
      end $$`);
  } finally {
    await handle.close();
  }

  const { dbname, env: toolEnv } = pgConnection(url);
  const restored = runPgTool(
    "pg_restore",
    ["--no-owner", "--single-transaction", "--exit-on-error", ...(force ? ["--clean", "--if-exists"] : []), "--dbname", dbname, source],
    toolEnv,
  );
  if (!restored.ok) throw new Error(`${restored.message}; nothing was restored (one transaction)`);

  const after = await openDatabase({ url });
  try {
    console.log(`Restored ${source} into ${where}${force ? " (--force: the backup's objects replaced)" : ""}.`);
    console.log(formatCounts(await tableRowCounts(after.db)));
  } finally {
    await after.close();
  }
}

async function restorePglite(dataDir: string): Promise<void> {
  // The folder's lock first, so no portal starts on it while it is being filled.
  let unlock: () => void;
  try {
    unlock = lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DatabaseInUseError)) throw error;
    console.error(`Cannot restore: ${error.message}`);
    process.exit(1);
  }
  try {
    let movedTo: string | undefined;
    if (!folderIsEmpty(dataDir)) {
      if (!force) {
        refuse(
          `${dataDir} already holds a database: nothing was restored. Restore into an empty folder (another DATA_DIR), ` +
            `or add --force to move the existing folder aside and restore in its place.`,
        );
      }
      movedTo = `${path.resolve(dataDir)}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      renameSync(dataDir, movedTo);
    }
    const handle = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(source)]) });
    try {
      console.log(`Restored ${source} into the embedded database in ${dataDir}.${movedTo ? ` The folder that was there is now ${movedTo}.` : ""}`);
      console.log(formatCounts(await tableRowCounts(handle.db)));
    } finally {
      await handle.close();
    }
  } finally {
    unlock();
  }
}

try {
  if (kind === "postgres") {
    if (!e.DATABASE_URL) refuse(`${source} is a PostgreSQL backup (pg_dump): set DATABASE_URL to the empty database to restore it into.`);
    await restorePostgres(e.DATABASE_URL);
  } else {
    if (e.DATABASE_URL) refuse(`${source} is a backup of the embedded database (PGlite): unset DATABASE_URL and set DATA_DIR to an empty folder.`);
    await restorePglite(e.DATA_DIR);
  }
} catch (error) {
  console.error(`Restore failed: ${scriptError(error)}`);
  process.exitCode = 1;
}
