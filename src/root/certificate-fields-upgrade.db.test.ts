import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { CertificateField } from "@/modules/catalog/model";
import { certificateTypes } from "@/modules/catalog/schema";
import { verifyCertificate } from "@/modules/sharing/gate";
import { reissueWithDeclaredFields } from "@/modules/sharing/registry";
import { migrationsFolder, type Db } from "@/server/db/client";
import { onPostgres, ownDatabase } from "./testing/database";

type Rows<T> = { rows: T[] };
const rows = async <T>(db: Db, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as Rows<T>).rows;

/** The migrations folder as it was before certificate types declared their fields (0012). */
function migrationsBefore(tagSuffix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tongban-migrations-"));
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
  const upTo = journal.entries.findIndex((e) => e.tag.endsWith(tagSuffix));
  expect(upTo).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, upTo);
  mkdirSync(path.join(dir, "meta"));
  writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const e of entries) cpSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

/** The definition a province file gives the type once the new version runs. */
const defined: CertificateField[] = [
  { key: "holderName", nameZh: "单位名称", nameEn: "Name", type: "text", source: { registry: "holderName" }, shared: true },
  { key: "holderCode", nameZh: "统一社会信用代码", nameEn: "Credit code", type: "text", source: { registry: "holderCode" }, shared: true },
  {
    key: "sealTypes",
    nameZh: "刻制印章种类",
    nameEn: "Seals",
    type: "enum",
    options: [
      { value: "company", labelZh: "公章", labelEn: "Company seal" },
      { value: "companyFinance", labelZh: "公章、财务专用章", labelEn: "Company and finance seals" },
    ],
    source: { answer: "sealTypes" },
    shared: true,
  },
];

// PGlite-only (its migrator on a database of its own): not again in the PostgreSQL run.
describe.skipIf(onPostgres)("certificates from before types declared their fields", () => {
  it("are converted, then re-issued in place with only their declared fields and re-signed, once", async () => {
    const own = await ownDatabase("empty");
    try {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(own.db as never, { migrationsFolder: migrationsBefore("_certificate_type_fields") });

      // What the earlier version wrote: a type with a list of keys, a resource copying them, and a
      // certificate that is a dump of the whole form (unsigned here; the upgrade signs it).
      const [department] = await rows<{ id: string }>(
        own.db,
        sql`insert into departments (code, name_zh, name_en, division_code) values ('sealDept', '印章测试部门', 'Seal test', '130000') returning id`,
      );
      await own.db.execute(
        sql`insert into certificate_types (code, name_zh, name_en, issuer_department_id, fields) values ('oldSeal', '印章刻制备案回执', 'Seal filing', ${department!.id}, '["holderName", "sealTypes"]'::jsonb)`,
      );
      await own.db.execute(
        sql`insert into data_resources (code, name_zh, name_en, provider_department_id, fields, share_type, open_type, update_frequency, last_updated_at, legal_basis, certificate_type_code) values ('certificate.oldSeal', '印章', 'Seal', ${department!.id}, '["holderName", "sealTypes"]'::jsonb, 'unconditional', 'notOpen', 'realtime', now(), '《测试条例》', 'oldSeal')`,
      );
      const dump = {
        enterpriseName: "示例科技有限公司",
        limitedLiabilityCompany: "",
        entityType: "limitedLiabilityCompany",
        sealTypes: "公章、财务专用章",
        holderName: "示例科技有限公司",
        holderCode: "91130102MA0TB00118",
        trackingNumber: "HB2026000001",
      };
      await own.db.execute(
        sql`insert into certificates (number, type_code, holder_code, holder_name, issuer_department_id, issued_on, fields) values ('20260105000000077', 'oldSeal', '91130102MA0TB00118', '示例科技有限公司', ${department!.id}, '2026-01-05', ${JSON.stringify(dump)}::jsonb)`,
      );

      // The new version: migration 0012 converts the list, then the data upgrades run.
      await own.migrate();
      const [converted] = await own.db.select().from(certificateTypes).where(eq(certificateTypes.code, "oldSeal"));
      expect(converted?.fields).toEqual([
        { key: "holderName", nameZh: "holderName", nameEn: "holderName", type: "text", source: { registry: "holderName" }, shared: true },
        { key: "sealTypes", nameZh: "sealTypes", nameEn: "sealTypes", type: "text", source: { answer: "sealTypes" }, shared: true },
      ]);
      const [resource] = await rows<{ fields: string[] }>(own.db, sql`select fields from data_resources where code = 'certificate.oldSeal'`);
      expect(resource?.fields).toEqual([]);
      // The type is not defined yet (bare keys): its certificate waits, untouched.
      const [waiting] = await rows<{ fields: Record<string, string>; declared_fields_only: boolean }>(
        own.db,
        sql`select fields, declared_fields_only from certificates where number = '20260105000000077'`,
      );
      expect(waiting).toMatchObject({ fields: dump, declared_fields_only: false });

      // The province defines the type: the certificate is re-issued in place, same number.
      await own.db.update(certificateTypes).set({ fields: defined }).where(eq(certificateTypes.code, "oldSeal"));
      expect(await reissueWithDeclaredFields(own.db, new Date("2026-03-02T01:00:00Z"))).toBe(1);
      const [reissued] = await rows<{ fields: Record<string, string>; declared_fields_only: boolean; signature: string | null }>(
        own.db,
        sql`select fields, declared_fields_only, signature from certificates where number = '20260105000000077'`,
      );
      // Exactly the declared fields, the enum as its code (from the label the old dump carried).
      expect(reissued?.fields).toEqual({ holderName: "示例科技有限公司", holderCode: "91130102MA0TB00118", sealTypes: "companyFinance" });
      expect(reissued?.declared_fields_only).toBe(true);
      const verified = await verifyCertificate(own.db, "20260105000000077");
      expect(verified?.signature).toMatchObject({ present: true, valid: true, inKeyWindow: true });
      expect(verified?.fields.map((f) => [f.nameZh, f.valueZh])).toEqual([
        ["单位名称", "示例科技有限公司"],
        ["统一社会信用代码", "91130102MA0TB00118"],
        ["刻制印章种类", "公章、财务专用章"],
      ]);
      const [audit] = await rows<{ n: number }>(own.db, sql`select count(*)::int as n from audit_events where action = 'certificate.reissueDeclaredFields'`);
      expect(audit?.n).toBe(1);

      // Once: running the upgrade again (every start) changes nothing and signs nothing.
      const before = reissued?.signature;
      await own.migrate();
      expect(await reissueWithDeclaredFields(own.db)).toBe(0);
      const [after] = await rows<{ signature: string }>(own.db, sql`select signature from certificates where number = '20260105000000077'`);
      expect(after?.signature).toBe(before);
    } finally {
      await own.close();
    }
  }, 180_000);
});
