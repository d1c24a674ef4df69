import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listMyApplications } from "@/modules/applications/list-applications";
import { actForEntity } from "@/modules/identity/acting";
import { loadActor } from "@/modules/identity/authenticate";
import { onPostgres, ownDatabase } from "@/root/testing/database";
import { migrationsFolder, type Db } from "./client";

type Rows<T> = { rows: T[] };
const rows = async <T>(db: Db, query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as Rows<T>).rows;

/** The migrations folder as it was before the migration whose tag ends with `suffix`. */
function migrationsBefore(suffix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tongban-migrations-"));
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
  const upTo = journal.entries.findIndex((e) => e.tag.endsWith(suffix));
  expect(upTo).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, upTo);
  mkdirSync(path.join(dir, "meta"));
  writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  for (const e of entries) cpSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

// PGlite-only (its migrator on a database of its own): not again in the PostgreSQL run.
describe.skipIf(onPostgres)("a database from before mandates", () => {
  it("upgrades in order: enterprise logins end, their cases and files become the enterprise's, the founder is its legal representative", async () => {
    const own = await ownDatabase("empty");
    try {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(own.db as never, { migrationsFolder: migrationsBefore("_trust") });

      // What an earlier version held: an enterprise with its own login and a case it filed with an
      // upload; a citizen with a case; a founder who became an enterprise's agent by registration.
      const [market] = await rows<{ id: string }>(
        own.db,
        sql`insert into departments (code, name_zh, name_en, division_code) values ('market', '市场监管', 'Market', '130000') returning id`,
      );
      const [service] = await rows<{ id: string }>(
        own.db,
        sql`insert into services (code, name_zh, name_en, department_id, legal_basis, conditions_zh, conditions_en, statutory_days, promised_days, applicant_kinds) values ('enterpriseEstablishment', '企业设立登记', 'Registration', ${market!.id}, '《条例》', '条件', 'Conditions', 3, 1, '{citizen}') returning id`,
      );
      const [login] = await rows<{ id: string }>(
        own.db,
        sql`insert into users (role, login, display_name) values ('enterprise', '91130102MA0TB00118', '旧企业') returning id`,
      );
      const [entity] = await rows<{ id: string }>(
        own.db,
        sql`insert into entities (credit_code, name, legal_representative, contact_name, contact_phone) values ('91130102MA0TB00118', '旧企业', '林示范', '林示范', '13800000001') returning id`,
      );
      await own.db.execute(sql`insert into agents (user_id, entity_id, kind) values (${login!.id}, ${entity!.id}, 'account')`);
      const [file] = await rows<{ id: string }>(
        own.db,
        sql`insert into uploads (owner_user_id, file_name, media_type, size_bytes, sha256, content) values (${login!.id}, 'a.pdf', 'application/pdf', 4, 'x', '\\x25504446'::bytea) returning id`,
      );
      const [stray] = await rows<{ id: string }>(
        own.db,
        sql`insert into uploads (owner_user_id, file_name, media_type, size_bytes, sha256, content) values (${login!.id}, 'b.pdf', 'application/pdf', 4, 'y', '\\x25504446'::bytea) returning id`,
      );
      const [entityApp] = await rows<{ id: string }>(
        own.db,
        sql`insert into applications (applicant_user_id, applicant_kind, entity_id, holder_code, applicant_name, service_id, title_zh, title_en, status, plan, division_code, idempotency_key) values (${login!.id}, 'enterprise', ${entity!.id}, '91130102MA0TB00118', '旧企业', ${service!.id}, '事项', 'Service', 'submitted', ${JSON.stringify([{ key: "s", serviceCode: "enterpriseEstablishment" }])}::jsonb, '130102', 'k-1') returning id`,
      );
      await own.db.execute(sql`insert into application_materials (application_id, material_key, upload_id) values (${entityApp!.id}, 'plan', ${file!.id})`);

      const [founderUser] = await rows<{ id: string }>(
        own.db,
        sql`insert into users (role, login, display_name) values ('citizen', '130102199003070011', '钱通办') returning id`,
      );
      const [founder] = await rows<{ id: string }>(
        own.db,
        sql`insert into citizens (user_id, id_number, name, phone) values (${founderUser!.id}, '130102199003070011', '钱通办', '13900000002') returning id`,
      );
      const [newEntity] = await rows<{ id: string }>(
        own.db,
        sql`insert into entities (credit_code, name, legal_representative, contact_name, contact_phone) values ('91130602MA0TB002XR', '新企业', '钱通办', '钱通办', '13900000002') returning id`,
      );
      await own.db.execute(sql`insert into agents (user_id, entity_id, kind) values (${founderUser!.id}, ${newEntity!.id}, 'agent')`);
      const [citizenApp] = await rows<{ id: string }>(
        own.db,
        sql`insert into applications (applicant_user_id, applicant_kind, holder_code, applicant_name, service_id, title_zh, title_en, status, plan, division_code, idempotency_key) values (${founderUser!.id}, 'citizen', '130102199003070011', '钱通办', ${service!.id}, '事项', 'Service', 'submitted', ${JSON.stringify([{ key: "s", serviceCode: "enterpriseEstablishment" }])}::jsonb, '130102', 'k-2') returning id`,
      );
      const [name] = await rows<{ id: string }>(
        own.db,
        sql`insert into enterprise_names (division_code, division_name, trade_name, industry, form, full_name, normalised_trade, status, reserved_by, reserved_until) values ('130602', '保定', '新', '餐饮', '有限公司', '新企业', '新', 'registered', ${founderUser!.id}, now()) returning id`,
      );
      await own.db.execute(
        sql`insert into business_registrations (application_id, name_id, entity_type, registered_capital, division_code, street_address, scope_codes, legal_representative_name, legal_representative_id_number, shareholders, employee_count, founder_phone, entity_id, credit_code) values (${citizenApp!.id}, ${name!.id}, 'limitedLiabilityCompany', '100', '130602', '示例路1号', '{}', '钱通办', '130102199003070011', '[]'::jsonb, 3, '13900000002', ${newEntity!.id}, '91130602MA0TB002XR')`,
      );

      // The new version starts.
      await own.migrate();
      const [oldLogin] = await rows<{ active: boolean }>(own.db, sql`select active from users where id = ${login!.id}`);
      expect(oldLogin?.active).toBe(false);
      const apps = await rows<{ id: string; entity_id: string | null; person_id: string | null; principal_id: string; filed_by_user_id: string }>(
        own.db,
        sql`select id, entity_id, person_id, principal_id, filed_by_user_id from applications order by idempotency_key`,
      );
      expect(apps).toEqual([
        { id: entityApp!.id, entity_id: entity!.id, person_id: null, principal_id: entity!.id, filed_by_user_id: login!.id },
        { id: citizenApp!.id, entity_id: null, person_id: founder!.id, principal_id: founder!.id, filed_by_user_id: founderUser!.id },
      ]);
      const files = await rows<{ id: string; principal_id: string }>(own.db, sql`select id, principal_id from uploads order by file_name`);
      // The file a case used belongs to that case's applicant; a file never used, to the enterprise whose login uploaded it.
      expect(files).toEqual([
        { id: file!.id, principal_id: entity!.id },
        { id: stray!.id, principal_id: entity!.id },
      ]);
      {
        const [rep] = await rows<{ legal_representative_id_number: string | null }>(
          own.db,
          sql`select legal_representative_id_number from entities where id = ${newEntity!.id}`,
        );
        expect(rep?.legal_representative_id_number).toBe("130102199003070011");
        // The founder, its legal representative by the registration, acts for it and sees nothing that is not its.
        const self = await loadActor(own.db, founderUser!.id);
        const acting = await actForEntity(own.db, self!, newEntity!.id, "2026-03-02");
        expect(acting?.agency?.kind).toBe("legalRepresentative");
        expect(await listMyApplications(own.db, acting!)).toEqual([]);
        expect((await listMyApplications(own.db, self!)).map((a) => a.id)).toEqual([citizenApp!.id]);
      }
      expect(await rows(own.db, sql`select 1 from information_schema.tables where table_name = 'agents'`)).toEqual([]);
      // Migrating again changes nothing.
      await own.migrate();
    } finally {
      await own.close();
    }
  }, 120_000);
});
