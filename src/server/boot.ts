import { getDatabase } from "./db";
import { env } from "./env";

/** Opens, migrates and seeds the database at server start, then prints how to sign in. */
export async function boot(): Promise<void> {
  const e = env();
  const started = Date.now();
  const handle = await getDatabase();
  const where = handle.kind === "pglite" ? `embedded PGlite in ${e.DATA_DIR}` : "PostgreSQL (DATABASE_URL)";
  console.log(`Tongban database ready: ${where}, migrated in ${Date.now() - started} ms.`);
  const seeded = e.SEED_DEMO ? e.SEED_DEMO === "true" : handle.kind === "pglite";
  if (seeded && process.env.TONGBAN_QUIET !== "1") {
    const { demoAccounts, demoPassword } = await import("./seed/demo");
    const rows = demoAccounts().map((a) => `  ${a.role.padEnd(12)} ${a.login.padEnd(26)} ${a.displayName}`);
    console.log(
      [
        "",
        `Demo province (Hebei) accounts — password for all: ${demoPassword}`,
        `  ${"role".padEnd(12)} ${"sign in with".padEnd(26)} name`,
        ...rows,
        `Open http://localhost:${process.env.PORT ?? "3000"}`,
        "",
      ].join("\n"),
    );
  }
}
