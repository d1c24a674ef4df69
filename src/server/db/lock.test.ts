import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DatabaseInUseError, lockDataDir, lockFileFor, processIsAlive, type LockOwner } from "./lock";

let root: string;
let sleeper: ReturnType<typeof spawn>;
let deadPid: number;
const releases: Array<() => void> = [];

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "tongban-lock-"));
  // A live process that is not this one, and the pid of one that has ended.
  sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 120000)"], { stdio: "ignore" });
  const ended = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  deadPid = Number(ended.stdout.trim());
});

afterEach(() => {
  for (const release of releases.splice(0)) release();
});

afterAll(() => {
  sleeper.kill();
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
function folder(): string {
  n += 1;
  return path.join(root, `data-${n}`);
}

function take(dataDir: string): () => void {
  const release = lockDataDir(dataDir);
  releases.push(release);
  return release;
}

function writeLock(dataDir: string, owner: Partial<LockOwner>): void {
  writeFileSync(
    lockFileFor(dataDir),
    JSON.stringify({ hostname: hostname(), startedAt: "2026-11-30T08:00:00.000Z", command: "tsx src/scripts/start.ts", ...owner }),
  );
}

function ownerOf(dataDir: string): LockOwner {
  return JSON.parse(readFileSync(lockFileFor(dataDir), "utf8")) as LockOwner;
}

describe("the embedded database's lock", () => {
  it("sits beside the data folder, not in it", () => {
    expect(lockFileFor(path.join(root, "pglite"))).toBe(path.join(root, "pglite.lock"));
    expect(lockFileFor(path.join(root, "pglite") + "/")).toBe(path.join(root, "pglite.lock"));
  });

  it("is taken with this process's pid, host, time and command, and removed when released", () => {
    const dir = folder();
    const release = take(dir);
    const owner = ownerOf(dir);
    expect(owner.pid).toBe(process.pid);
    expect(owner.hostname).toBe(hostname());
    expect(Date.parse(owner.startedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(owner.command.length).toBeGreaterThan(0);
    release();
    expect(existsSync(lockFileFor(dir))).toBe(false);
  });

  it("refuses while another live process holds it, naming the process and what to do, and leaves its lock alone", () => {
    expect(processIsAlive(sleeper.pid!)).toBe(true);
    const dir = folder();
    writeLock(dir, { pid: sleeper.pid! });
    const before = readFileSync(lockFileFor(dir), "utf8");
    let refused: unknown;
    try {
      take(dir);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DatabaseInUseError);
    const message = (refused as Error).message;
    expect(message).toContain(`process ${sleeper.pid}`);
    expect(message).toContain("tsx src/scripts/start.ts");
    expect(message).toContain("2026-11-30T08:00:00.000Z");
    expect(message).toContain(`kill ${sleeper.pid}`);
    expect(message).toContain("DATA_DIR");
    expect(message).toContain("DATABASE_URL");
    expect(readFileSync(lockFileFor(dir), "utf8")).toBe(before);
  });

  it("takes over a lock left by a process that has ended", () => {
    expect(processIsAlive(deadPid)).toBe(false);
    const dir = folder();
    writeLock(dir, { pid: deadPid });
    take(dir);
    expect(ownerOf(dir).pid).toBe(process.pid);
  });

  it("never takes over a lock held from another machine, whose pid it cannot check", () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid, hostname: "another-host.invalid" });
    expect(() => take(dir)).toThrow(/another-host\.invalid/);
    expect(ownerOf(dir).hostname).toBe("another-host.invalid");
  });

  it("refuses a lock file it cannot read rather than guess, saying which file to delete", () => {
    const dir = folder();
    writeFileSync(lockFileFor(dir), "not json");
    expect(() => take(dir)).toThrow(DatabaseInUseError);
    expect(() => take(dir)).toThrow(lockFileFor(dir));
  });

  it("may be taken again in the same process, and stays until the last taking is released", () => {
    const dir = folder();
    const first = take(dir);
    const second = take(dir);
    first();
    first(); // releasing twice counts once
    expect(ownerOf(dir).pid).toBe(process.pid);
    second();
    expect(existsSync(lockFileFor(dir))).toBe(false);
  });

  it("does not remove a lock another process took after ours was taken over", () => {
    const dir = folder();
    const release = take(dir);
    // Somebody deleted our file and another process took the folder: releasing must not free it.
    writeLock(dir, { pid: sleeper.pid! });
    release();
    expect(ownerOf(dir).pid).toBe(sleeper.pid);
  });
});
