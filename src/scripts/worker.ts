/**
 * `npm run worker`: a worker node. Runs the portal's background jobs (src/root/jobs.ts: the
 * deadline scan, the outbox dispatch, the notice deadlines, expiry, disclosure, ratings, the index,
 * risk, audit checkpoints) and serves no HTTP. It migrates the database like a web node (one
 * process at a time, under an advisory lock) and seeds nothing.
 *
 * PostgreSQL only: the embedded database is opened by one process, the web server, which runs the
 * jobs itself. Any number of workers and web nodes with jobs on may share one PostgreSQL: pg-boss
 * hands each job to one of them and every handler acts once (README, "Several nodes").
 * SIGTERM or SIGINT stops the loops and lets running jobs finish (up to 10 s), then exits.
 */
import { env } from "@/server/env";
import { log } from "@/server/log";
import { scriptError } from "./script-error";

const e = env();
if (!e.DATABASE_URL) {
  console.error("npm run worker needs DATABASE_URL (PostgreSQL): on the embedded database the web server runs the jobs itself.");
  process.exit(2);
}
if (e.JOBS_ENABLED === "false") {
  console.error("JOBS_ENABLED=false: a worker with jobs off would do nothing. Unset it for the worker.");
  process.exit(2);
}

try {
  const { getDatabase } = await import("@/server/db");
  const { startJobs, stopJobs } = await import("@/server/jobs");
  const { jobRegistry } = await import("@/root/jobs");
  const handle = await getDatabase();
  await startJobs(handle, jobRegistry);
  log.info({ jobs: jobRegistry.map((j) => j.name), pid: process.pid }, "worker started: background jobs only, no HTTP");
  // For the person or supervisor watching, whatever LOG_LEVEL: the line that says it is up.
  process.stdout.write(`Tongban worker ${process.pid}: running ${jobRegistry.length} background jobs on PostgreSQL (no HTTP)\n`);
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "worker stopping");
      void stopJobs()
        .then(() => handle.close())
        .catch((error: unknown) => log.error({ err: error }, "worker did not stop cleanly"))
        .finally(() => process.exit(0));
    });
  }
} catch (error) {
  console.error(`Cannot start the worker: ${scriptError(error)}`);
  process.exit(1);
}
