import { existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tableRowCounts } from "@/server/db/row-counts";
import { env } from "@/server/env";
import { describeUrl, folderIsEmpty, formatCounts, formatSize, pgConnection, runPgTool } from "./backup-common";
import { openScriptDatabase } from "./open-database";
import { scriptError } from "./script-error";

// `npm run backup -- <file> [--force]`: backs up the portal's database into one file.
// - PostgreSQL (DATABASE_URL): pg_dump's custom format (a consistent snapshot of every schema:
//   the portal's tables, the migrations journal, pg-boss's queues), restored with pg_restore.
// - The embedded database (DATA_DIR): PGlite's own dump of its data folder (`dumpDataDir`, a gzip
//   tarball). PGlite allows one process per data folder: stop the portal first (a running one is
//   named with its pid, and nothing is done).
// Prints where from, the file and its size, and every table's row count. Exits 2 on a usage
// error (no file, a file that exists without --force), 1 when the backup fails. Keys kept outside
// the database (AUDIT_KEY, KEY_ENCRYPTION_KEY, the audit signing key, or the files in .data/) are
// not in the backup: keep them apart, as the README says.
const args = process.argv.slice(2);
const force = args.includes("--force");
const file = args.find((a) => !a.startsWith("--"));

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run backup -- <file> [--force]   (--force overwrites an existing file)`);
  process.exit(2);
}

if (!file) usage("Which file should the backup go to?");
const target = path.resolve(file);
if (existsSync(target) && !force) usage(`${target} exists: nothing was done. Choose another file, or add --force to overwrite it.`);

const e = env();
// Written beside the target and renamed into place: a backup that fails half-way never leaves a file that looks whole.
const partial = `${target}.partial-${process.pid}`;

async function main(): Promise<void> {
  if (e.DATABASE_URL) {
    const where = describeUrl(e.DATABASE_URL);
    // The counts are taken just before the dump; on a portal in use the dump (a snapshot a moment later) may hold a few more rows.
    const handle = await openScriptDatabase();
    let counts: Map<string, number>;
    try {
      counts = await tableRowCounts(handle.db);
    } finally {
      await handle.close();
    }
    const { dbname, env: toolEnv } = pgConnection(e.DATABASE_URL);
    const dumped = runPgTool("pg_dump", ["--format=custom", "--file", partial, "--dbname", dbname], toolEnv);
    if (!dumped.ok) throw new Error(dumped.message);
    renameSync(partial, target);
    console.log(`Backed up ${where} to ${target} (pg_dump custom format, ${formatSize(statSync(target).size)}).`);
    console.log(formatCounts(counts));
    return;
  }

  // Opening an empty folder would make a new database there: there is nothing to back up.
  if (folderIsEmpty(e.DATA_DIR)) {
    console.error(`There is no embedded database in ${e.DATA_DIR} to back up (the folder is missing or empty). Set DATA_DIR, or DATABASE_URL for PostgreSQL.`);
    process.exit(2);
  }
  const handle = await openScriptDatabase();
  try {
    if (handle.raw?.kind !== "pglite") throw new Error("expected the embedded database");
    const counts = await tableRowCounts(handle.db);
    const dump = await handle.raw.client.dumpDataDir("gzip");
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, target);
    console.log(`Backed up the embedded database in ${e.DATA_DIR} to ${target} (PGlite data-folder dump, ${formatSize(statSync(target).size)}).`);
    console.log(formatCounts(counts));
  } finally {
    await handle.close();
  }
}

try {
  await main();
} catch (error) {
  rmSync(partial, { force: true });
  console.error(`Backup failed, no file written: ${scriptError(error)}`);
  process.exitCode = 1;
}
