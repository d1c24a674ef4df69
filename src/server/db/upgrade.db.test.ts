import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { generateKeyPairSync } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditHash } from "@/modules/audit/hash";
import { recordAudit } from "@/modules/audit/record-audit";
import { verifyAuditChain } from "@/modules/audit/verify-audit";
import { verifyCertificate } from "@/modules/sharing/gate";
import { signFacts } from "@/modules/sharing/signing";
import { onPostgres, ownDatabase } from "@/root/testing/database";
import { migrationsFolder, type Db } from "./client";

type Rows<T> = { rows: T[] };
const rows = async <T>(db: Db, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as Rows<T>).rows;

/** The migrations folder as it was before the audit hardening (the first five migrations). */
function migrationsBeforeHardening(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tongban-migrations-"));
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
  const upTo = journal.entries.findIndex((e) => e.tag.endsWith("_audit_hardening"));
  expect(upTo).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, upTo);
  mkdirSync(path.join(dir, "meta"));
  writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const e of entries) cpSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

// PGlite-only (its migrator on a database of its own): not again in the PostgreSQL run.
describe.skipIf(onPostgres)("a database from before the audit hardening", () => {
  it("upgrades in order: old events verify the old way, plaintext keys are sealed, old signatures stay valid", async () => {
    const own = await ownDatabase("empty");
    try {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(own.db as never, { migrationsFolder: migrationsBeforeHardening() });

      // What an earlier version wrote: a department key in plaintext, a certificate it signed,
      // and audit events hashed with plain SHA-256.
      const pair = generateKeyPairSync("ed25519");
      const pem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
      const [department] = await rows<{ id: string }>(
        own.db,
        sql`insert into departments (code, name_zh, name_en, division_code) values ('upgradeDept', '升级测试部门', 'Upgrade test', '130000') returning id`,
      );
      await own.db.execute(
        sql`insert into certificate_types (code, name_zh, name_en, issuer_department_id) values ('upgradeLicence', '升级测试许可证', 'Upgrade licence', ${department!.id})`,
      );
      const [key] = await rows<{ id: string }>(
        own.db,
        sql`insert into department_keys (department_id, public_key, private_key, created_at) values (${department!.id}, ${pair.publicKey.export({ type: "spki", format: "pem" }).toString()}, ${pem}, now() - interval '1 day') returning id`,
      );
      const facts = {
        number: "20260105000000042",
        typeCode: "upgradeLicence",
        holderCode: "91130102MA0TB00118",
        holderName: "示范",
        issuerDepartmentCode: "upgradeDept",
        issuedOn: "2020-01-05",
        validUntil: null,
        fields: { name: "示范" },
      };
      await own.db.execute(
        sql`insert into certificates (number, type_code, holder_code, holder_name, issuer_department_id, issued_on, fields, signature, signing_key_id) values (${facts.number}, 'upgradeLicence', ${facts.holderCode}, '示范', ${department!.id}, '2020-01-05', ${JSON.stringify(facts.fields)}::jsonb, ${signFacts(pem, facts)}, ${key!.id})`,
      );
      let prevHash: string | null = null;
      for (const action of ["submit", "accept"]) {
        const row = {
          streamId: "old-app",
          at: new Date("2026-01-05T00:00:00.000Z"),
          actorUserId: null,
          actorRole: null,
          action,
          entityType: "application",
          entityId: "old-app",
          fromState: null,
          toState: null,
          data: null,
          prevHash,
        };
        const hash = auditHash(row, "sha256", null);
        await own.db.execute(
          sql`insert into audit_events (stream_id, at, action, entity_type, entity_id, prev_hash, hash) values ('old-app', ${row.at}, ${action}, 'application', 'old-app', ${prevHash}, ${hash})`,
        );
        prevHash = hash;
      }

      // The new version starts: the remaining migrations, then the data upgrades.
      await own.migrate();
      const keys = await rows<{ private_key: string | null; sealed_private_key: string | null; kek_id: string | null; valid_from: Date; created_at: Date }>(
        own.db,
        sql`select * from department_keys`,
      );
      expect(keys).toHaveLength(1);
      expect(keys[0]?.private_key).toBeNull();
      expect(keys[0]?.sealed_private_key).toBeTruthy();
      expect(keys[0]?.kek_id).toMatch(/^kek-/);
      expect(new Date(keys[0]!.valid_from).getTime()).toBe(new Date(keys[0]!.created_at).getTime());
      const [events] = await rows<{ algs: string }>(
        own.db,
        sql`select string_agg(hash_alg::text, ',' order by seq) as algs from audit_events where stream_id = 'old-app'`,
      );
      expect(events?.algs).toBe("sha256,sha256");

      // The old certificate (issued in 2020, signed when the registry held it) still verifies.
      expect((await verifyCertificate(own.db, facts.number))?.signature).toMatchObject({ present: true, valid: true, inKeyWindow: true });
      // The log goes on keyed and verifies, old events the old way.
      await own.db.transaction((tx) =>
        recordAudit<string>(tx, { streamId: "old-app", actor: null, action: "approve", entityType: "application", entityId: "old-app" }),
      );
      const result = await verifyAuditChain(own.db);
      expect(result.problems).toEqual([]);
      // Migrating again changes nothing.
      await own.migrate();
      expect(await rows(own.db, sql`select 1 from department_keys where private_key is not null`)).toEqual([]);
    } finally {
      await own.close();
    }
    // A database of its own is made and migrated from scratch: slow on a busy machine.
  }, 180_000);
});
