import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { onPostgres } from "@/root/testing/database";

// The two commands a new province runs before `npm start`, run as a person would: as processes,
// on an embedded database folder of their own (PostgreSQL takes the same code path after opening).
const root = process.cwd();
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const work = mkdtempSync(path.join(tmpdir(), "tongban-scripts-"));
const dataDir = path.join(work, "pglite");
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "test", npm_lifecycle_event: "" };

afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(script: string, args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(tsx, [script, ...args], { cwd: root, env: { ...env, ...extraEnv }, encoding: "utf8", timeout: 120_000 });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

const demoFile = path.join(root, "src/root/seed/demo-province.json");

describe.skipIf(onPostgres)("npm run catalog:import and npm run admin:create", () => {
  it("refuse a bad province file with every problem at its path, before touching any database", { timeout: 120_000 }, () => {
    const file = JSON.parse(readFileSync(demoFile, "utf8")) as {
      services: Array<{ code: string; promisedDays: number; statutoryDays: number; department: string }>;
      bundles: Array<{ steps: Array<{ key: string; needs: string[] }> }>;
    };
    file.services[1]!.department = "noSuchDepartment";
    file.services[2]!.promisedDays = file.services[2]!.statutoryDays + 1;
    file.services[3]!.code = file.services[0]!.code;
    const steps = file.bundles[0]!.steps;
    steps[0]!.needs = [steps[steps.length - 1]!.key];
    const bad = path.join(work, "bad.json");
    writeFileSync(bad, JSON.stringify(file));

    const refused = run("src/scripts/catalog-import.ts", [bad]);
    expect(refused.status).toBe(2);
    expect(refused.err).toContain("nothing was written");
    for (const p of ["services[1].department", "services[2].promisedDays", "services[3]", "bundles[0].steps"]) expect(refused.err).toContain(p);
    expect(existsSync(dataDir)).toBe(false);

    const notJson = path.join(work, "not.json");
    writeFileSync(notJson, "{ not json");
    expect(run("src/scripts/catalog-import.ts", [notJson]).status).toBe(2);
  });

  it("load a province once, say no change the second time, and create its first administrator once", { timeout: 300_000 }, () => {
    const first = run("src/scripts/catalog-import.ts", [demoFile]);
    expect(first.err).toBe("");
    expect(first.status).toBe(0);
    expect(first.out).toMatch(/services: \d+ created/);
    expect(first.out).toContain("imported (content hash");

    const second = run("src/scripts/catalog-import.ts", [demoFile]);
    expect(second.status).toBe(0);
    expect(second.out).toContain("no change");

    const password = "Provincial-Admin-2026";
    const created = run("src/scripts/admin-create.ts", ["--login", "provadmin", "--name", "省级管理员"], { ADMIN_PASSWORD: password });
    expect(created.status).toBe(0);
    expect(created.out).toMatch(/provadmin/i);
    expect(created.out + created.err).not.toContain(password);

    const again = run("src/scripts/admin-create.ts", ["--login", "provadmin", "--name", "省级管理员"], { ADMIN_PASSWORD: password });
    expect(again.status).toBe(2);
    expect(again.err).toContain("already in use");
  });
});
