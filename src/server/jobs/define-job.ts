import type { Db } from "@/server/db/client";

/** A job fetched from pg-boss (empty list for interval jobs, which have no queue). */
export interface FetchedJob {
  id: string;
  name: string;
  data: unknown;
}

/**
 * A background job. Exactly one of:
 * - `cron`: a pg-boss queue fed by a pg-boss schedule (minute resolution, Asia/Shanghai). Any
 *   number of nodes may run it: pg-boss sends one job per tick and each job goes to one worker.
 * - `everySeconds`: an in-process loop on every node, for work finer than a minute; its handler
 *   must be safe to run on several nodes at once (e.g. `FOR UPDATE SKIP LOCKED`).
 * Neither: a plain queue, fed by `send`.
 *
 * Handlers must be idempotent: a job can run twice (retry after a crash, expiry).
 */
export interface JobDefinition {
  /** Queue name: letters, digits, `.`, `_` and `-`. */
  name: string;
  cron?: string;
  everySeconds?: number;
  /** Jobs a worker fetches at a time; for interval jobs, rows the handler takes per run. */
  batchSize: number;
  /** How often an idle worker polls its queue (pg-boss minimum 0.5 s). */
  pollingIntervalSeconds?: number;
  /**
   * Does the work. Returns, for interval jobs, how many items it handled: a full batch
   * (`>= batchSize`) runs again at once instead of waiting for the next tick.
   */
  handler: (db: Db, jobs: readonly FetchedJob[]) => Promise<unknown>;
}

export function defineJob(definition: JobDefinition): JobDefinition {
  if (definition.cron && definition.everySeconds) throw new Error(`job ${definition.name}: cron or everySeconds, not both`);
  if (!Number.isInteger(definition.batchSize) || definition.batchSize < 1) throw new Error(`job ${definition.name}: batchSize must be a positive integer`);
  return definition;
}
