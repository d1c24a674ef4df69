import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { env } from "@/server/env";
import { scriptError } from "./script-error";

/**
 * Opens the database a script works on (DATABASE_URL, or the embedded one in DATA_DIR). A data
 * folder another process holds (the portal, another script) is refused at once: the message says
 * who holds it and what to do, and the script exits 1 without a stack trace.
 */
export async function openScriptDatabase(): Promise<DatabaseHandle> {
  const e = env();
  try {
    return await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, role: e.DATABASE_ROLE });
  } catch (error) {
    console.error(`Cannot open the database: ${scriptError(error)}`);
    process.exit(1);
  }
}
