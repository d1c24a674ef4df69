// Runs once when the Next.js server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` must never open the database (PGlite allows one process per data folder).
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { boot } = await import("./root/boot");
  await boot();
}
