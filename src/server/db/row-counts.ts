import { sql } from "drizzle-orm";
import type { Db } from "./client";

type Rows<T> = { rows: T[] };

/**
 * Every table's row count, `schema.table` → rows, over every schema but PostgreSQL's own (the
 * portal's `public`, drizzle's migrations, pg-boss's queues): what a backup holds and a restore
 * must give back. A partitioned table counts its partitions' rows, and each partition is listed too.
 */
export async function tableRowCounts(db: Db): Promise<Map<string, number>> {
  const tables = (await db.execute(sql`
    select schemaname as schema, tablename as name from pg_catalog.pg_tables
    where schemaname not in ('pg_catalog', 'information_schema') and schemaname not like 'pg\_%'
    order by schemaname, tablename`)) as unknown as Rows<{ schema: string; name: string }>;
  const counts = new Map<string, number>();
  for (const t of tables.rows) {
    const result = (await db.execute(sql`select count(*) as n from ${sql.identifier(t.schema)}.${sql.identifier(t.name)}`)) as unknown as Rows<{
      n: string | number;
    }>;
    counts.set(`${t.schema}.${t.name}`, Number(result.rows[0]?.n ?? 0));
  }
  return counts;
}
