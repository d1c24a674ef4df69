import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";

/** How many rows past the current page a list counts before it says "more than". */
export const countLookahead = 500;

/**
 * A list's total without counting every row (issue 15: a `count(*)` over a province-year of cases
 * is a full scan per page view): counts the rows of `rows` (a select of the list's rows, ordered as
 * the list is, so the database walks the list's index) up to the end of the current page plus
 * `countLookahead`. `capped`: there are more than `total`.
 */
export async function cappedCount(db: Db, rows: SQL, offset: number): Promise<{ total: number; capped: boolean }> {
  const limit = offset + countLookahead;
  const r = (await db.execute(sql`select count(*)::int as n from (${rows} limit ${limit + 1}) as capped`)) as unknown as { rows: Array<{ n: number }> };
  const n = Number(r.rows[0]?.n ?? 0);
  return n > limit ? { total: limit, capped: true } : { total: n, capped: false };
}
