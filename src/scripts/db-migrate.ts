import { env } from "@/server/env";
import { openScriptDatabase } from "./open-database";

// Migrates DATABASE_URL (or the embedded database when no server is running on it).
const e = env();
const handle = await openScriptDatabase();
await handle.migrate();
await handle.close();
console.log(`Migrated ${handle.kind === "pglite" ? e.DATA_DIR : "DATABASE_URL"}.`);
