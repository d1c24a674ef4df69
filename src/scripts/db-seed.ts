import { openDatabase } from "@/server/db/client";
import { env } from "@/server/env";
import { seedDemoProvince } from "@/root/seed/demo";

// Seeds the demo province; running it again changes nothing. Stop the portal first when it uses
// the embedded database: PGlite allows one process per data folder.
const e = env();
const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, role: e.DATABASE_ROLE });
await handle.migrate();
await seedDemoProvince(handle.db);
await handle.close();
console.log("Demo province seeded.");
