import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { lockFileFor } from "./lock";

const root = process.cwd();
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const work = mkdtempSync(path.join(tmpdir(), "tongban-two-processes-"));
const dataDir = path.join(work, "pglite");
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  AUTH_SECRET: "test-only secret for the lock test, 0123456789abcdef",
  NODE_ENV: "test",
  npm_lifecycle_event: "",
};

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a script to its end while the folder is held: it must be refused, fast. */
function refusedRun(script: string): { status: number | null; stderr: string } {
  const run = spawnSync(tsx, [script], { cwd: root, env: childEnv, encoding: "utf8", timeout: 30_000 });
  return { status: run.status, stderr: run.stderr };
}

describe("two processes on one embedded database folder", () => {
  it("the second is refused at once, naming the first; the first's data stays intact", { timeout: 90_000 }, async () => {
    const first: ChildProcessWithoutNullStreams = spawn(tsx, ["src/root/testing/hold-database.ts"], {
      cwd: root,
      env: { ...childEnv, PROBE_NOTE: "written by the first" },
      stdio: "pipe",
    });
    let out = "";
    let err = "";
    first.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => first.on("exit", (code) => resolve(code)));
    const holder = await new Promise<number>((resolve, reject) => {
      first.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const ready = /ready (\d+)/.exec(out);
        if (ready) resolve(Number(ready[1]));
      });
      first.on("exit", (code: number | null) => reject(new Error(`the first process ended early (${code}): ${err}`)));
    });

    try {
      for (const script of ["src/scripts/db-migrate.ts", "src/scripts/start.ts"]) {
        const started = Date.now();
        const second = refusedRun(script);
        expect(second.status, `${script}: ${second.stderr}`).toBe(1);
        expect(second.stderr).toContain(`is in use by process ${holder}`);
        expect(second.stderr).toContain("hold-database.ts");
        expect(second.stderr).toContain(`kill ${holder}`);
        expect(second.stderr).not.toMatch(/\n\s+at /); // no stack trace
        expect(Date.now() - started).toBeLessThan(20_000);
      }
    } finally {
      first.stdin.write("close\n");
    }
    expect(await exited).toBe(0);
    expect(existsSync(lockFileFor(dataDir))).toBe(false);

    // The folder opens again, with the first process's row in it.
    const again = await openDatabase({ dataDir });
    try {
      const rows = await again.db.execute(sql`select note from lock_probe`);
      expect((rows as unknown as { rows: Array<{ note: string }> }).rows).toEqual([{ note: "written by the first" }]);
    } finally {
      await again.close();
    }
    expect(existsSync(lockFileFor(dataDir))).toBe(false);
  });
});
