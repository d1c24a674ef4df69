/**
 * `npm start`: builds when the build is missing or older than the sources, then serves the portal
 * (`npm run dev`: the development server) through src/scripts/server.ts. With `--no-build` (the
 * nodes of `npm run start:regions`, built once before) an existing build is served as it is.
 * The server process itself opens, migrates and seeds the database (see src/instrumentation.ts):
 * PGlite must be opened by one process only. That process is this one (only the build runs in a
 * child, and the build never opens the database), so it takes the embedded database's lock here,
 * before building: a second `npm start` on a folder in use is refused at once, not after a build.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { DatabaseInUseError, lockDataDir } from "@/server/db/lock";
import { buildExists, buildIsStale } from "./build-state";
import { ensureAuthSecret } from "./local-secret";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const noBuild = process.argv.includes("--no-build");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  AUTH_SECRET: ensureAuthSecret(root),
  AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
  NEXT_TELEMETRY_DISABLED: "1",
};

// The same choice as src/server/env.ts (blank counts as unset); the lock is held until this
// process exits, and the database opened later in this process takes it again (src/server/db/lock.ts).
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || ".data/pglite";
if (!databaseUrl && !dataDir.startsWith("memory://")) {
  try {
    lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DatabaseInUseError)) throw error;
    console.error(`Cannot start Tongban: ${error.message}`);
    process.exit(1);
  }
}

if (!dev && noBuild && !buildExists(root)) {
  console.error("Cannot start Tongban with --no-build: there is no build (.next/BUILD_ID). Run npm run build first.");
  process.exit(1);
}
if (!dev && !noBuild && buildIsStale(root)) {
  console.log("Building Tongban (first start or changed sources)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: childEnv });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The server runs in this process: Next.js inside a small HTTP server that decides the client's
// address and the request id from the socket (see ./server.ts).
Object.assign(process.env, childEnv, { NODE_ENV: dev ? "development" : "production" });
const { startServer } = await import("./server");
await startServer({ dev, port: Number(process.env.PORT ?? "3000") });
