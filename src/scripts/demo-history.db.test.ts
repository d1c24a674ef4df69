import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { onPostgres } from "@/root/testing/database";

// `npm run demo:history` as a person runs it: a process on an embedded database folder of its own.
const root = process.cwd();
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const work = mkdtempSync(path.join(tmpdir(), "tongban-demo-history-"));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(work, "pglite"), DATABASE_URL: "", NODE_ENV: "test", npm_lifecycle_event: "" };

afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(script: string, args: string[]) {
  const result = spawnSync(tsx, [script, ...args], { cwd: root, env, encoding: "utf8", timeout: 240_000 });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe.skipIf(onPostgres)("npm run demo:history", () => {
  it("refuses bad options, needs the demo province, writes once and says so the second time", { timeout: 480_000 }, () => {
    for (const bad of [["--seed", "-1"], ["--months", "0"], ["--per-month", "x"], ["--end", "2999-01-01"], ["--nope"]]) {
      const r = run("src/scripts/demo-history.ts", bad);
      expect(r.status, bad.join(" ")).toBe(2);
      expect(r.err).toContain("usage: npm run demo:history");
    }
    const empty = run("src/scripts/demo-history.ts", ["--months", "2", "--end", "2026-06-30"]);
    expect(empty.status).toBe(1);
    expect(empty.err).toContain("seed the demo province first");

    expect(run("src/scripts/db-seed.ts", []).status).toBe(0);
    const args = ["--seed", "3", "--months", "2", "--per-month", "15", "--end", "2026-06-30"];
    const first = run("src/scripts/demo-history.ts", args);
    expect(first.err).toBe("");
    expect(first.status).toBe(0);
    expect(first.out).toContain("Demo history written (seed 3, 2 months");
    expect(first.out).toMatch(/applications\s+\d+/);
    const digest = /digest\s+([0-9a-f]{64})/.exec(first.out)?.[1];
    expect(digest).toBeTruthy();

    const second = run("src/scripts/demo-history.ts", args);
    expect(second.status).toBe(0);
    expect(second.out).toContain(`Demo history already present (digest ${digest!.slice(0, 16)}): nothing changed`);

    const replaced = run("src/scripts/demo-history.ts", [...args, "--replace"]);
    expect(replaced.status).toBe(0);
    expect(replaced.out).toContain(`digest                   ${digest}`);
  });
});
