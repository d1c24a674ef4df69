import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./client";

/** About how much JSON one statement carries. */
const statementBytes = 4 * 2 ** 20;

/**
 * Inserts many rows in few statements, for generated data at scale (issue 15): each statement
 * sends its rows as one JSON parameter that the database unpacks with `json_populate_recordset`,
 * far less work per row than a multi-row VALUES list of thousands of parameters. Rows are written
 * in the order given, grouped by the columns they set (a column a row leaves out gets its
 * default, as with Drizzle's insert). Values are what Drizzle's insert takes: each goes through
 * its column's own mapping, and json/jsonb values are sent as they are. Binary columns are not
 * supported. Returns how many rows it wrote.
 */
export async function bulkInsert<T extends PgTable>(db: Db, table: T, rows: ReadonlyArray<T["$inferInsert"]>): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = getTableColumns(table) as Record<string, { name: string; columnType: string; mapToDriverValue: (v: unknown) => unknown }>;
  const name = sql.identifier(getTableName(table));
  let group: string[] = [];
  let keys = "";
  let parts: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const names = sql.join(
      group.map((k) => sql.identifier(columns[k]!.name)),
      sql`, `,
    );
    await db.execute(sql`insert into ${name} (${names}) select ${names} from json_populate_recordset(null::${name}, ${`[${parts.join(",")}]`}::json)`);
    parts = [];
    bytes = 0;
  };
  for (const row of rows as ReadonlyArray<Record<string, unknown>>) {
    const set = Object.keys(row).filter((k) => row[k] !== undefined);
    const signature = set.join(",");
    if (signature !== keys) {
      await flush();
      for (const k of set) {
        if (!columns[k]) throw new Error(`bulkInsert: ${getTableName(table)} has no column ${k}`);
        if (columns[k].columnType === "PgBytea") throw new Error(`bulkInsert: binary column ${k} is not supported`);
      }
      group = set;
      keys = signature;
    }
    const out: Record<string, unknown> = {};
    for (const k of group) {
      const c = columns[k]!;
      const v = row[k];
      out[c.name] = v === null || c.columnType === "PgJsonb" || c.columnType === "PgJson" ? v : c.mapToDriverValue(v);
    }
    const text = JSON.stringify(out);
    parts.push(text);
    bytes += text.length;
    if (bytes >= statementBytes) await flush();
  }
  await flush();
  return rows.length;
}
