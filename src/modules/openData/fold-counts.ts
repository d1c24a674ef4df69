import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";

/** One fold at a time across the cluster (a transaction-scoped advisory lock). */
const foldLock = 7_415_150;

/**
 * Collapses the open-data count rows the triggers appended (see ./schema.ts) into one row per key,
 * keys whose count is zero dropped; in one transaction, so a reader sees the rows before or after,
 * with the same sums. Rows appended meanwhile by other transactions are left for the next fold.
 * The `openData.fold` job runs it every minute: the tables stay about as small as their keys.
 * Returns how many rows it removed.
 */
export async function foldOpenDataCounts(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${foldLock})`);
    const apps = (await tx.execute(sql`
      with moved as (delete from open_data_application_counts returning month, service_id, bundle_id, status, n),
      folded as (
        insert into open_data_application_counts (month, service_id, bundle_id, status, n)
        select month, service_id, bundle_id, status, sum(n)::int from moved
        group by month, service_id, bundle_id, status having sum(n) <> 0
        returning 1
      )
      select (select count(*) from moved)::int - (select count(*) from folded)::int as removed`)) as unknown as { rows: Array<{ removed: number }> };
    const tasks = (await tx.execute(sql`
      with moved as (delete from open_data_task_counts returning department_id, status, on_time, n),
      folded as (
        insert into open_data_task_counts (department_id, status, on_time, n)
        select department_id, status, on_time, sum(n)::int from moved
        group by department_id, status, on_time having sum(n) <> 0
        returning 1
      )
      select (select count(*) from moved)::int - (select count(*) from folded)::int as removed`)) as unknown as { rows: Array<{ removed: number }> };
    return Number(apps.rows[0]?.removed ?? 0) + Number(tasks.rows[0]?.removed ?? 0);
  });
}
