import { sql } from "drizzle-orm";
import demoProvince from "@/root/seed/demo-province.json";
import { beforeAll, describe, expect, it } from "vitest";
import { demoAccounts, seedDemoProvince } from "@/root/seed/demo";
import { onPostgres, ownDatabase, testDatabase } from "@/root/testing/database";
import type { DatabaseHandle } from "./client";

let h: DatabaseHandle;
beforeAll(async () => {
  h = await testDatabase();
});

async function count(table: string): Promise<number> {
  const result = await h.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? -1;
}

describe("migrations and demo seed", () => {
  it("migrating again changes nothing", async () => {
    await h.migrate();
    await h.migrate();
    const applied = await h.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    const journal = (await import("../../../drizzle/meta/_journal.json")).default as { entries: unknown[] };
    expect((applied as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(journal.entries.length);
  });

  // Seeding the whole demo twice takes seconds, more on a loaded machine.
  it("seeds the demo province once, however often it runs", { timeout: 120_000 }, async () => {
    await seedDemoProvince(h.db);
    const first = { departments: await count("departments"), divisions: await count("divisions"), calendar: await count("calendar_days") };
    await seedDemoProvince(h.db);
    expect({ departments: await count("departments"), divisions: await count("divisions"), calendar: await count("calendar_days") }).toEqual(first);
    // The database is shared with the worker's other files, which add departments of their own:
    // every department of the demo's province file is there.
    const codes = await h.db.execute(sql`select code from departments`);
    const haveCodes = new Set((codes as unknown as { rows: Array<{ code: string }> }).rows.map((r) => r.code));
    // Eleven provincial departments and four city and county market regulation bodies (管辖层级).
    expect(demoProvince.departments.length).toBe(15);
    expect(demoProvince.departments.filter((d) => d.level === "province")).toHaveLength(11);
    for (const d of demoProvince.departments) expect(haveCodes.has(d.code)).toBe(true);
    // Hebei: 1 province + 2 neighbours + 11 cities + their counties.
    expect(first.divisions).toBeGreaterThan(150);
    const logins = await h.db.execute(sql`select login from users`);
    const have = new Set((logins as unknown as { rows: Array<{ login: string }> }).rows.map((r) => r.login));
    for (const a of demoAccounts()) expect(have.has(a.login.toUpperCase())).toBe(true);
  });
});

// On a PGlite of its own whatever the engine: not again in the PostgreSQL run.
describe.skipIf(onPostgres)("an upgraded demo database", () => {
  it("gets the seed's corrections and signs the certificates written before signing", { timeout: 120_000 }, async () => {
    // A database of its own: the test rewinds shared catalog rows to how an earlier seed wrote them.
    const own = await ownDatabase("migrated");
    try {
      await seedDemoProvince(own.db);
      // As earlier seeds wrote them: the articles always required; the premises proof asked only
      // without the address declaration, with no commitment in the catalog.
      await own.db.execute(sql`update materials set required = true, condition_zh = null, condition_en = null where key = 'articlesOfAssociation'`);
      await own.db.execute(
        sql`update materials set required = false, condition_zh = '未作住所申报承诺的提交', condition_en = 'Without the address declaration', commitment = null where key = 'premisesProof'`,
      );
      await own.db.execute(sql`update certificates set signature = null, signing_key_id = null`);
      await seedDemoProvince(own.db);
      const rows = async (key: string) =>
        (await own.db.execute(sql`select required, condition_zh, commitment from materials where key = ${key}`)) as unknown as {
          rows: Array<{ required: boolean; condition_zh: string | null; commitment: unknown }>;
        };
      expect((await rows("articlesOfAssociation")).rows.every((r) => !r.required && r.condition_zh)).toBe(true);
      // The address declaration is now the catalog's commitment on the premises proof (issue 13).
      expect((await rows("premisesProof")).rows.every((r) => r.required && r.condition_zh === null && r.commitment !== null)).toBe(true);
      const unsigned = await own.db.execute(sql`select count(*)::int as n from certificates where signature is null`);
      expect((unsigned as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(0);
    } finally {
      await own.close();
    }
  });
});
