import type PgBoss from "pg-boss";
import type { DatabaseHandle } from "@/server/db/client";
import { log } from "@/server/log";
import { createBoss } from "./boss";
import type { JobDefinition } from "./define-job";

export { defineJob, type FetchedJob, type JobDefinition } from "./define-job";
export { createBoss } from "./boss";

interface Running {
  boss: PgBoss;
  loops: Array<{ stop: () => Promise<void> }>;
}

const globalForJobs = globalThis as unknown as { __tongbanJobs?: Promise<Running> };

/**
 * Starts pg-boss on the portal's database and every job of the registry, once per process.
 * Any number of processes may do this at once: pg-boss hands each job to one worker.
 */
export function startJobs(handle: DatabaseHandle, definitions: readonly JobDefinition[]): Promise<void> {
  globalForJobs.__tongbanJobs ??= (async () => {
    const boss = createBoss(handle, {
      // Keep finished jobs a week, for looking into what ran.
      deleteAfterDays: 7,
    });
    boss.on("error", (error) => log.error({ err: error, part: "jobs" }, "pg-boss error"));
    await boss.start();
    const loops: Running["loops"] = [];
    for (const def of definitions) {
      if (def.everySeconds) {
        loops.push(startLoop(handle, def, def.everySeconds));
        continue;
      }
      await boss.createQueue(def.name);
      await boss.work(def.name, { batchSize: def.batchSize, pollingIntervalSeconds: def.pollingIntervalSeconds ?? 2 }, async (jobs) => {
        await def.handler(handle.db, jobs);
      });
      // Every node schedules (an upsert of the same row). pg-boss lets one node a tick send the
      // cron's jobs (a conditional update of its clock row) with a singleton per queue and minute;
      // the same singleton on the job itself makes "one job per tick" a unique index of
      // pgboss.job, even if the internal send is retried after a node died mid-way.
      if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: "Asia/Shanghai", singletonKey: def.name, singletonSeconds: 60 });
    }
    return { boss, loops };
  })().catch((error: unknown) => {
    globalForJobs.__tongbanJobs = undefined;
    throw error;
  });
  return globalForJobs.__tongbanJobs.then(() => undefined);
}

/** Stops the loops and pg-boss's workers, letting running jobs finish (up to 10 s). */
export async function stopJobs(): Promise<void> {
  const running = globalForJobs.__tongbanJobs;
  if (!running) return;
  globalForJobs.__tongbanJobs = undefined;
  const { boss, loops } = await running.catch(() => ({ boss: null, loops: [] as Running["loops"] }));
  await Promise.all(loops.map((l) => l.stop()));
  // `close` only closes a pool pg-boss made itself; it uses the portal's, which stays open.
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
}

/** Runs an interval job: again at once while it handles full batches, else after `seconds`. */
function startLoop(handle: DatabaseHandle, def: JobDefinition, seconds: number): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = (async () => {
      let again = false;
      try {
        const handled = await def.handler(handle.db, []);
        again = typeof handled === "number" && handled >= def.batchSize;
      } catch (error) {
        log.error({ err: error, part: "jobs", job: def.name }, "job failed");
      }
      if (!stopped) timer = setTimeout(tick, again ? 0 : seconds * 1000);
    })();
  };
  timer = setTimeout(tick, seconds * 1000);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
