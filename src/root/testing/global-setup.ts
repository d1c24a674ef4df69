import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/server/db/client";

/**
 * The database project's global setup, run once per `vitest run` before any worker starts.
 *
 * On PostgreSQL (TEST_DATABASE_URL) it migrates the run's database once, so test files only
 * connect. On PGlite it makes two templates, saved with `dumpDataDir()`:
 * - `empty`: a cluster just after initdb (the slow part of opening a new PGlite, 1–5 s here),
 *   kept in node_modules/.cache across runs since it depends only on the PGlite version;
 * - `migrated`: that cluster with every migration and data upgrade, made afresh each run.
 * Each test file restores one (src/root/testing/database.ts) instead of initdb and migrate.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    const handle = await openDatabase({ url: process.env.TEST_DATABASE_URL });
    try {
      await handle.migrate();
    } finally {
      await handle.close();
    }
    project.provide("databaseTemplates", null);
    return () => undefined;
  }

  // Data upgrades read the key-encryption key; the workers get it from the config's `env`.
  for (const [key, value] of Object.entries(project.config.env ?? {})) process.env[key] ??= String(value);

  const root = project.config.root;
  const { PGlite } = await import("@electric-sql/pglite");
  const version = (JSON.parse(readFileSync(path.join(root, "node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string }).version;
  const cacheDir = path.join(root, "node_modules/.cache/tongban-test-db");
  const empty = path.join(cacheDir, `pglite-${version}-initdb.tar`);
  if (!existsSync(empty)) {
    const fresh = await PGlite.create("memory://");
    const tarball = await fresh.dumpDataDir("none");
    await fresh.close();
    mkdirSync(cacheDir, { recursive: true });
    // Written then renamed, so a run stopped half-way never leaves a broken template behind.
    const partial = `${empty}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
    renameSync(partial, empty);
  }

  const handle = await openDatabase({ dataDir: "memory://", loadDataDir: new Blob([readFileSync(empty)]) });
  const runDir = mkdtempSync(path.join(tmpdir(), "tongban-test-db-"));
  const migrated = path.join(runDir, "migrated.tar");
  try {
    await handle.migrate();
    if (handle.raw?.kind !== "pglite") throw new Error("expected PGlite");
    const tarball = await handle.raw.client.dumpDataDir("none");
    writeFileSync(migrated, Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await handle.close();
  }
  project.provide("databaseTemplates", { empty, migrated });
  return () => rmSync(runDir, { recursive: true, force: true });
}
