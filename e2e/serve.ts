/**
 * The server the browser journeys run against: the same `npm start` path, on its own port and a
 * fresh embedded database, seeded with the demo province.
 */
import { rmSync } from "node:fs";
import path from "node:path";

const dataDir = path.join(process.cwd(), ".data", `e2e-pglite-${process.env.PORT ?? "3100"}`);
rmSync(dataDir, { recursive: true, force: true });
process.env.DATA_DIR = dataDir;
process.env.SEED_DEMO = "true";
// No generated demo history: the journeys count queue rows, index figures and published decisions
// of their own cases, and the history's year of cases would move them (and slow every start).
process.env.DEMO_HISTORY = "false";
delete process.env.DATABASE_URL;
process.env.AUTH_SECRET ??= "e2e-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";
await import("../src/scripts/start");
