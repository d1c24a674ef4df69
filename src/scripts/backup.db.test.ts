import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Client } from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { writeAuditCheckpoint } from "@/modules/audit/write-checkpoint";
import { verifyAuditChain } from "@/modules/audit/verify-audit";
import { verifyCertificate } from "@/modules/sharing/gate";
import { seedDemoProvince } from "@/root/seed/demo";
import { onPostgres } from "@/root/testing/database";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { tableRowCounts } from "@/server/db/row-counts";

// `npm run backup` and `npm run restore`, run as an operator would (as processes), round trip:
// a seeded database backed up, restored into an empty target, and the copy checked: every table's
// row count equal, the audit chain intact, a certificate's signature still verifying. On the
// embedded database in `npm test`, on PostgreSQL when the suite runs there (CI).
const root = process.cwd();
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const work = mkdtempSync(path.join(tmpdir(), "tongban-backup-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(script: "backup" | "restore", args: string[], database: { DATA_DIR?: string; DATABASE_URL?: string }) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "", DATA_DIR: "", NODE_ENV: "test", npm_lifecycle_event: "", ...database };
  const result = spawnSync(tsx, [`src/scripts/${script}.ts`, ...args], { cwd: root, env, encoding: "utf8", timeout: 180_000 });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

type Rows<T> = { rows: T[] };

/** Seeds the demo province, signs an audit checkpoint, and returns what the copy must match. */
async function seed(h: DatabaseHandle): Promise<{ counts: Map<string, number>; certificate: string }> {
  await seedDemoProvince(h.db);
  await writeAuditCheckpoint(h.db, new Date());
  const cert = (await h.db.execute(
    sql`select number from certificates where status = 'valid' and signature is not null order by number limit 1`,
  )) as unknown as Rows<{ number: string }>;
  const certificate = cert.rows[0]?.number;
  if (!certificate) throw new Error("the demo province has no signed certificate");
  return { counts: await tableRowCounts(h.db), certificate };
}

/** The restored copy holds the same rows, its audit chain verifies, and the certificate's signature still holds. */
async function expectSameAndIntact(copy: DatabaseHandle, original: { counts: Map<string, number>; certificate: string }) {
  expect(Object.fromEntries(await tableRowCounts(copy.db))).toEqual(Object.fromEntries(original.counts));
  expect([...original.counts.keys()]).toEqual(expect.arrayContaining(["public.audit_events", "public.certificates", "drizzle.__drizzle_migrations"]));
  const audit = await verifyAuditChain(copy.db);
  expect(audit.problems).toEqual([]);
  expect(audit.ok).toBe(true);
  expect(audit.checkpoints).toBeGreaterThanOrEqual(1);
  const verified = await verifyCertificate(copy.db, original.certificate);
  expect(verified?.signature).toMatchObject({ present: true, valid: true });
}

describe.skipIf(onPostgres)("npm run backup / restore on the embedded database", () => {
  it("round trips a data folder, refuses a folder in use, an existing file and a non-empty target", { timeout: 600_000 }, async () => {
    const source = path.join(work, "pglite-source");
    const target = path.join(work, "pglite-target");
    const file = path.join(work, "tongban.pglite.tar.gz");
    const templates = inject("databaseTemplates");
    const h = await openDatabase({ dataDir: source, ...(templates ? { loadDataDir: new Blob([readFileSync(templates.migrated)]) } : {}) });
    let original: Awaited<ReturnType<typeof seed>>;
    try {
      if (!templates) await h.migrate();
      original = await seed(h);
      // This process holds the folder: the backup is refused, naming it, and writes nothing.
      const refused = run("backup", [file], { DATA_DIR: source });
      expect(refused.status).toBe(1);
      expect(refused.err).toContain(`process ${process.pid}`);
      expect(existsSync(file)).toBe(false);
    } finally {
      await h.close();
    }

    const backedUp = run("backup", [file], { DATA_DIR: source });
    expect(backedUp.err).toBe("");
    expect(backedUp.status).toBe(0);
    expect(backedUp.out).toContain("PGlite data-folder dump");
    expect(backedUp.out).toContain(`${original.counts.size} tables`);
    expect(backedUp.out).toMatch(/public\.audit_events\s+\d+/);

    const again = run("backup", [file], { DATA_DIR: source });
    expect(again.status).toBe(2);
    expect(again.err).toContain("--force");

    expect(run("backup", [path.join(work, "none.tar.gz")], { DATA_DIR: path.join(work, "no-such-folder") }).status).toBe(2);

    const restored = run("restore", [file], { DATA_DIR: target });
    expect(restored.err).toBe("");
    expect(restored.status).toBe(0);
    expect(restored.out).toContain(`Restored ${file}`);

    const notEmpty = run("restore", [file], { DATA_DIR: target });
    expect(notEmpty.status).toBe(2);
    expect(notEmpty.err).toContain("already holds a database");
    expect(notEmpty.err).toContain("--force");

    const copy = await openDatabase({ dataDir: target });
    try {
      await expectSameAndIntact(copy, original);
    } finally {
      await copy.close();
    }
  });
});

describe.skipIf(!onPostgres)("npm run backup / restore on PostgreSQL", () => {
  it("round trips a database with pg_dump and pg_restore into an empty one, and refuses a non-empty target", { timeout: 600_000 }, async () => {
    const base = new URL(process.env.TEST_DATABASE_URL ?? "");
    const names = { source: `tongban_backup_src_${process.pid}`, target: `tongban_backup_dst_${process.pid}` };
    const urlOf = (name: string) => Object.assign(new URL(base.toString()), { pathname: `/${name}` }).toString();
    const admin = new Client({ connectionString: base.toString() });
    await admin.connect();
    try {
      for (const name of Object.values(names)) {
        await admin.query(`drop database if exists "${name}" with (force)`);
        await admin.query(`create database "${name}"`);
      }
      const h = await openDatabase({ url: urlOf(names.source) });
      let original: Awaited<ReturnType<typeof seed>>;
      try {
        await h.migrate();
        original = await seed(h);
      } finally {
        await h.close();
      }

      const file = path.join(work, "tongban.pgdump");
      const backedUp = run("backup", [file], { DATABASE_URL: urlOf(names.source) });
      expect(backedUp.status).toBe(0);
      expect(backedUp.out).toContain("pg_dump custom format");
      expect(readFileSync(file).subarray(0, 5).toString("latin1")).toBe("PGDMP");

      const restored = run("restore", [file], { DATABASE_URL: urlOf(names.target) });
      expect(restored.err).toBe("");
      expect(restored.status).toBe(0);

      const notEmpty = run("restore", [file], { DATABASE_URL: urlOf(names.target) });
      expect(notEmpty.status).toBe(2);
      expect(notEmpty.err).toContain("is not empty");
      // The wrong kind of target for the file: said, nothing done.
      expect(run("restore", [file], { DATA_DIR: path.join(work, "pglite-for-pgdump") }).status).toBe(2);

      const copy = await openDatabase({ url: urlOf(names.target) });
      try {
        await expectSameAndIntact(copy, original);
      } finally {
        await copy.close();
      }
    } finally {
      for (const name of Object.values(names)) await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
      await admin.end();
    }
  });
});
