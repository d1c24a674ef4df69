import { regions } from "@/lib/regions";
import { getDatabase } from "@/server/db";
import { env } from "@/server/env";
import { log } from "@/server/log";

/**
 * Starts the background jobs (outbox dispatch, deadline scan) in this process. A failure is
 * logged, not fatal: the portal still serves, notifications wait in the outbox until a process
 * with working jobs dispatches them.
 */
async function bootJobs(handle: Awaited<ReturnType<typeof getDatabase>>): Promise<void> {
  try {
    const { startJobs, stopJobs } = await import("@/server/jobs");
    const { jobRegistry } = await import("./jobs");
    await startJobs(handle, jobRegistry);
    // Best effort: Next.js exits on these signals by itself; stopping first lets running jobs end.
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void stopJobs());
    log.info("background jobs started");
  } catch (error) {
    log.error({ err: error }, "background jobs did not start");
  }
}

/** Opens, migrates and seeds the database at server start, then prints how to sign in. */
export async function boot(): Promise<void> {
  const e = env();
  const started = Date.now();
  const handle = await getDatabase();
  const where = handle.kind === "pglite" ? `embedded PGlite in ${e.DATA_DIR}` : "PostgreSQL (DATABASE_URL)";
  const seeded = e.SEED_DEMO ? e.SEED_DEMO === "true" : handle.kind === "pglite";
  if (seeded) {
    // The demo of the node's region: Hebei's province, or Beijing's or Tianjin's small one.
    const { seedNodeDemo } = await import("./seed/region-demo");
    await seedNodeDemo(handle.db, e.REGION, Object.keys(e.PEERS));
    // Twelve months of generated case history (Hebei's demo only), once (a second start finds it
    // and adds nothing): the index, the guides' durations and the disclosure page have something
    // to show. Off with DEMO_HISTORY=false (the browser journeys' server, whose data must stay predictable).
    if (e.REGION === "hebei" && process.env.DEMO_HISTORY !== "false") {
      const { generateDemoHistory } = await import("./seed/demo-history");
      const r = await generateDemoHistory(handle.db);
      if (r.status === "written") log.info({ ms: r.ms, snapshotMs: r.snapshotMs, ...r.counts }, `demo history generated in ${(r.ms / 1000).toFixed(1)} s`);
    }
  }
  log.info({ database: handle.kind, readyMs: Date.now() - started, demo: seeded }, `database ready: ${where}`);
  // The public pages' copies are kept per catalog version (src/server/page-cache.ts).
  const { currentCatalogVersion } = await import("@/modules/catalog/catalog-version");
  const { setCatalogVersionSource } = await import("@/server/public-pages");
  await setCatalogVersionSource(() => currentCatalogVersion(handle.db));
  if (e.JOBS_ENABLED !== "false") await bootJobs(handle);
  if (seeded && process.env.TONGBAN_QUIET !== "1") {
    const { demoPassword } = await import("./seed/demo");
    const { regionDemoAccounts, visitingAccounts } = await import("./seed/region-demo");
    const visiting = e.REGION === "hebei" ? visitingAccounts(Object.keys(e.PEERS)) : [];
    const rows = [...regionDemoAccounts(e.REGION), ...visiting].flatMap((a) => [
      `  ${a.role.padEnd(12)} ${a.login.padEnd(26)} ${a.displayName}`,
      ...(a.represents ?? []).map((e) => `  ${"".padEnd(12)} ${"".padEnd(26)}   法定代表人 of ${e}`),
    ]);
    // The demo accounts are for the person at the terminal, not for the log: plain text.
    process.stdout.write(
      [
        "",
        `Demo province (${regions[e.REGION].nameEn}) accounts — password for all: ${demoPassword}`,
        "Enterprises sign in as a person (法人登录: the credit code plus the legal representative's ID number and password).",
        `  ${"role".padEnd(12)} ${"sign in with".padEnd(26)} name`,
        ...rows,
        `Open http://localhost:${process.env.PORT ?? "3000"}`,
        "",
      ].join("\n") + "\n",
    );
  }
}
