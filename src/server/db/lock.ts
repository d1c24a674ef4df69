import { linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

/**
 * The embedded database's lock: one process at a time on a PGlite data folder.
 *
 * PGlite has no lock of its own. Two processes on one folder both start, both accept writes, and
 * afterwards the folder cannot be opened at all (seen with two `npm start`). So whoever opens the
 * folder first holds `<folder>.lock` (beside the folder, not in it: initdb wants an empty
 * folder, and deleting the folder to start afresh must not take a live process's lock with it)
 * for the life of its process, and everyone else is refused with who holds it.
 */

/** What the lock file says about its holder. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** ISO time the holder took the lock. */
  startedAt: string;
  /** How the holder was started, to tell the person at the terminal what to stop. */
  command: string;
}

/** The data folder is held by another live process: nothing was opened. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly owner: LockOwner | undefined,
  ) {
    const who = owner
      ? `process ${owner.pid} (${owner.command}) on ${owner.hostname}, running since ${owner.startedAt}`
      : "another process (its lock file cannot be read)";
    const stop = owner ? `stop that process (kill ${owner.pid})` : "stop the other Tongban process";
    super(
      `The embedded database in ${dataDir} is in use by ${who}. PGlite allows one process per data folder: ` +
        `${stop} or use another DATA_DIR, or DATABASE_URL for PostgreSQL.\n` +
        `If no such process is running Tongban (its pid taken by another program after a restart), delete ${lockFile}.`,
    );
    this.name = "DatabaseInUseError";
  }
}

/** The lock file of a data folder: `.data/pglite` → `.data/pglite.lock`. */
export function lockFileFor(dataDir: string): string {
  const folder = path.resolve(dataDir);
  return path.join(path.dirname(folder), `${path.basename(folder)}.lock`);
}

/** Whether a process with this pid exists on this machine (EPERM: it exists, under another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function describeCommand(): string {
  const script = process.argv[1] ? path.relative(process.cwd(), process.argv[1]) || process.argv[1] : "node";
  const rest = process.argv.slice(2).join(" ");
  // `npm start`, `npm run db:seed`…; not `npx`, which is no script of ours.
  const npm = process.env.npm_lifecycle_event && process.env.npm_lifecycle_event !== "npx" ? process.env.npm_lifecycle_event : undefined;
  const run = `${script}${rest ? ` ${rest}` : ""}`;
  return npm ? `npm run ${npm}: ${run}` : run;
}

/** The locks this process holds, by lock file: on `globalThis`, since Next.js may load this module twice in one process. */
const registry = ((globalThis as unknown as { __tongbanDataDirLocks?: Map<string, { refs: number; onExit: () => void }> }).__tongbanDataDirLocks ??= new Map());

type ReadLock = { state: "missing" } | { state: "read"; raw: string; owner: LockOwner | undefined };

function readLock(file: string): ReadLock {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<LockOwner>;
    if (typeof parsed.pid === "number" && Number.isInteger(parsed.pid) && parsed.pid > 0 && typeof parsed.hostname === "string") {
      return {
        state: "read",
        raw,
        owner: { pid: parsed.pid, hostname: parsed.hostname, startedAt: String(parsed.startedAt ?? "?"), command: String(parsed.command ?? "?") },
      };
    }
  } catch {
    // fall through: not a lock this code wrote
  }
  return { state: "read", raw, owner: undefined };
}

/**
 * Creates the lock file holding `content`, or returns false when one exists. The content is
 * written to a file of our own first and hard-linked into place (atomic, and fails when the name
 * is taken), so no one ever reads a half-written lock. Where the file system has no hard links,
 * an exclusive create (O_EXCL) and a write.
 */
function tryCreate(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  writeFileSync(temp, content, { mode: 0o644 });
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
  } finally {
    unlinkSync(temp);
  }
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeOwnLockFile(file: string): void {
  const current = readLock(file);
  if (current.state === "read" && current.owner?.pid === process.pid && current.owner.hostname === hostname()) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
}

function hold(file: string): () => void {
  const held = registry.get(file);
  if (held) {
    held.refs += 1;
  } else {
    // Released when the process ends normally or by process.exit (the server's signal handlers
    // exit that way). A process killed outright leaves the file; the next opener finds its pid
    // dead and takes the lock over.
    const onExit = () => removeOwnLockFile(file);
    process.once("exit", onExit);
    registry.set(file, { refs: 1, onExit });
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const entry = registry.get(file);
    if (!entry) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    registry.delete(file);
    process.removeListener("exit", entry.onExit);
    removeOwnLockFile(file);
  };
}

/**
 * Takes the data folder's lock for this process, or throws DatabaseInUseError naming the process
 * that holds it. Taking it again in the same process is allowed (the server takes it before it
 * builds, then opens the database in the same process): each taking returns its own release, and
 * the file goes when the last is released or the process exits. A lock left by a process that is
 * no longer running on this machine is taken over.
 */
export function lockDataDir(dataDir: string, isAlive: (pid: number) => boolean = processIsAlive): () => void {
  const file = lockFileFor(dataDir);
  if (registry.has(file)) return hold(file);
  mkdirSync(path.dirname(file), { recursive: true });
  const host = hostname();
  const content = `${JSON.stringify({ pid: process.pid, hostname: host, startedAt: new Date().toISOString(), command: describeCommand() } satisfies LockOwner)}\n`;

  // Two rounds: a stale lock is removed in the first and the file created in the second; losing
  // that second create to another process means that process now holds it.
  for (let round = 0; round < 2; round += 1) {
    if (tryCreate(file, content)) return hold(file);
    const existing = readLock(file);
    if (existing.state === "missing") continue; // released between our create and read
    const owner = existing.owner;
    // Our own pid: a copy of this module loaded apart from the registry's (another bundle).
    if (owner && owner.pid === process.pid && owner.hostname === host) return hold(file);
    // A pid on another machine (a shared folder) cannot be checked from here: never taken over.
    if (!owner || owner.hostname !== host || isAlive(owner.pid)) throw new DatabaseInUseError(dataDir, file, owner);
    // Stale: its process is gone. Remove it only if it is still the file we judged (another
    // process taking it over at the same moment may have replaced it), then create ours.
    const again = readLock(file);
    if (again.state === "read" && again.raw === existing.raw) {
      try {
        unlinkSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  }
  const last = readLock(file);
  throw new DatabaseInUseError(dataDir, file, last.state === "read" ? last.owner : undefined);
}
