// Runs once when the Next.js server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` must never open the database (PGlite allows one process per data folder).
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { boot } = await import("./root/boot");
  const { DatabaseInUseError } = await import("./server/db/lock");
  try {
    await boot();
  } catch (error) {
    // `next start` run by hand on a data folder another process holds: say who holds it and stop,
    // rather than serve every request a 500. (`npm start` refuses before it builds; see start.ts.)
    if (!(error instanceof DatabaseInUseError)) throw error;
    process.stderr.write(`Cannot start Tongban: ${error.message}\n`);
    process.exit(1);
  }
}
