import { sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";

/** One pg-boss queue's backlog: jobs due now and not yet taken, and how long the oldest has waited. */
export interface QueueStats {
  queue: string;
  waiting: number;
  oldestAgeSeconds: number;
}

/**
 * The backlog of every pg-boss queue, from pg-boss's own table: jobs `created` or `retry` whose
 * `start_after` has passed, i.e. due and waiting for a worker (pg-boss's partial index job_i5,
 * `(name, start_after) where state < 'active'`, covers the filter). Empty when pg-boss has not
 * made its schema yet (no process has started the jobs). The interval jobs (the outbox dispatch)
 * have no queue: their backlog is the outbox's (src/root/metrics.ts).
 */
type Rows<T> = { rows: T[] };

export async function jobQueueStats(db: Db): Promise<QueueStats[]> {
  const schema = (await db.execute(sql`select to_regclass('pgboss.job') is not null as present`)) as unknown as Rows<{ present: boolean }>;
  if (!schema.rows[0]?.present) return [];
  const result = (await db.execute(sql`
    select name as queue, count(*) as waiting, extract(epoch from (now() - min(start_after))) as oldest
    from pgboss.job
    where state < 'active' and start_after <= now()
    group by name
    order by name`)) as unknown as Rows<{ queue: string; waiting: number | string; oldest: number | string | null }>;
  return result.rows.map((r) => ({ queue: r.queue, waiting: Number(r.waiting), oldestAgeSeconds: Math.max(0, Number(r.oldest ?? 0)) }));
}
