import { openDatabase } from "@/server/db/client";
import { env } from "@/server/env";

// Migrates DATABASE_URL (or the embedded database when no server is running on it).
const e = env();
const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, role: e.DATABASE_ROLE });
await handle.migrate();
await handle.close();
console.log(`Migrated ${handle.kind === "pglite" ? e.DATA_DIR : "DATABASE_URL"}.`);
