import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder, type DatabaseHandle } from "./db/client";
import { jobQueueStats } from "./jobs/queue-stats";

/** One readiness check: its name, whether it passed, and a short reason (nothing secret, nothing personal). */
export interface ReadyCheck {
  name: "database" | "migrations" | "jobs";
  ok: boolean;
  detail: string;
}

export interface Readiness {
  ready: boolean;
  checks: ReadyCheck[];
}

type Rows<T> = { rows: T[] };

/** The newest migration of the code's journal (`drizzle/meta/_journal.json`): its tag and its `when`, which drizzle stores as `created_at`. */
export function latestMigration(folder: string = migrationsFolder): { tag: string; when: number } {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: Array<{ tag: string; when: number }> };
  const last = journal.entries.at(-1);
  if (!last) throw new Error("the migrations journal is empty");
  return { tag: last.tag, when: last.when };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether this node should get traffic (`/api/ready`; `/api/health` only says the process runs):
 * - **database**: it answers `select 1` within `timeoutMs`;
 * - **migrations**: the newest migration of the code's journal is applied (drizzle's
 *   `drizzle.__drizzle_migrations`), so a node of a newer release never serves an older schema;
 * - **jobs**: no pg-boss queue has a job that has been due longer than `maxJobLagSeconds` (workers
 *   stopped or falling behind: deadline scans and publications would be late).
 * The later checks are skipped when the database does not answer.
 */
export async function checkReadiness(
  open: () => Promise<DatabaseHandle>,
  options: { maxJobLagSeconds: number; timeoutMs?: number; migrationsFolder?: string },
): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const checks: ReadyCheck[] = [];
  let handle: DatabaseHandle;
  try {
    handle = await withTimeout(open(), timeoutMs, "the database");
    await withTimeout(handle.db.execute(sql`select 1`), timeoutMs, "the database");
    checks.push({ name: "database", ok: true, detail: `${handle.kind} answers` });
  } catch {
    // The error itself may name hosts or users: it goes to the log of whoever opened the database, not to the public.
    checks.push({ name: "database", ok: false, detail: "the database does not answer" });
    checks.push({ name: "migrations", ok: false, detail: "skipped: no database" });
    checks.push({ name: "jobs", ok: false, detail: "skipped: no database" });
    return { ready: false, checks };
  }

  try {
    const expected = latestMigration(options.migrationsFolder);
    const table = (await handle.db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`)) as unknown as Rows<{
      present: boolean;
    }>;
    let applied = 0;
    if (table.rows[0]?.present) {
      const last = (await handle.db.execute(sql`select max(created_at) as last from drizzle.__drizzle_migrations`)) as unknown as Rows<{
        last: string | number | null;
      }>;
      applied = Number(last.rows[0]?.last ?? 0);
    }
    checks.push(
      applied >= expected.when
        ? { name: "migrations", ok: true, detail: `current (${expected.tag})` }
        : { name: "migrations", ok: false, detail: `${expected.tag} is not applied` },
    );
  } catch {
    checks.push({ name: "migrations", ok: false, detail: "the migrations could not be read" });
  }

  try {
    const queues = await jobQueueStats(handle.db);
    const lagging = queues.filter((q) => q.oldestAgeSeconds > options.maxJobLagSeconds);
    checks.push(
      lagging.length === 0
        ? { name: "jobs", ok: true, detail: `no job waits longer than ${options.maxJobLagSeconds} s` }
        : {
            name: "jobs",
            ok: false,
            detail: `waiting longer than ${options.maxJobLagSeconds} s: ${lagging.map((q) => `${q.queue} (${Math.round(q.oldestAgeSeconds)} s)`).join(", ")}`,
          },
    );
  } catch (error) {
    // A DATABASE_ROLE without rights on pg-boss's schema cannot see the queues: not a reason to take the node out.
    const denied = (error as { cause?: { code?: string }; code?: string }).cause?.code === "42501" || (error as { code?: string }).code === "42501";
    checks.push(
      denied
        ? { name: "jobs", ok: true, detail: "the job queues are not readable by this role" }
        : { name: "jobs", ok: false, detail: "the job queues could not be read" },
    );
  }
  return { ready: checks.every((c) => c.ok), checks };
}
