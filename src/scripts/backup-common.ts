import { spawnSync } from "node:child_process";
import { closeSync, openSync, readdirSync, readSync } from "node:fs";

/**
 * What `npm run backup` and `npm run restore` share: how they connect pg_dump and pg_restore
 * without showing a password, how they tell the two kinds of backup file apart, and how they print
 * row counts.
 */

/**
 * pg_dump / pg_restore's connection to DATABASE_URL: the URL without its password (passed as
 * `--dbname`, visible in the process list) and the password in PGPASSWORD (not visible there).
 */
export function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** A database URL fit to print: host, port and database name; never the user's password. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
}

/**
 * The kind of a backup file, by its first bytes: pg_dump's custom format starts with `PGDMP`; an
 * embedded database's dump (PGlite's `dumpDataDir`) is a gzip (1f 8b) or a plain tar (`ustar` at 257).
 */
export function backupKind(file: string): "postgres" | "pglite" | "unknown" {
  const head = Buffer.alloc(262);
  const fd = openSync(file, "r");
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read >= 5 && head.subarray(0, 5).toString("latin1") === "PGDMP") return "postgres";
  if (read >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  if (read >= 262 && head.subarray(257, 262).toString("latin1") === "ustar") return "pglite";
  return "unknown";
}

/** Whether a folder is missing or empty (a restore target). */
export function folderIsEmpty(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/** Runs pg_dump or pg_restore; its stderr is shown as it comes (it never contains the password, which is in the environment). */
export function runPgTool(tool: "pg_dump" | "pg_restore", args: string[], env: NodeJS.ProcessEnv): { ok: boolean; message: string } {
  const result = spawnSync(tool, args, { env, stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === "ENOENT";
    return {
      ok: false,
      message: missing ? `${tool} is not installed (the PostgreSQL client tools, e.g. apt-get install postgresql-client)` : result.error.message,
    };
  }
  if (result.stderr) process.stderr.write(result.stderr);
  return { ok: result.status === 0, message: result.status === 0 ? "" : `${tool} exited with status ${result.status}` };
}

/** The row counts as lines: the total, then each table. */
export function formatCounts(counts: Map<string, number>): string {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const width = Math.max(0, ...[...counts.keys()].map((k) => k.length));
  const lines = [...counts].map(([table, n]) => `  ${table.padEnd(width)}  ${n}`);
  return [`${counts.size} tables, ${total} rows:`, ...lines].join("\n");
}

/** A file size in human units. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
