import { seedNodeDemo } from "@/root/seed/region-demo";
import { env } from "@/server/env";
import { openScriptDatabase } from "./open-database";

// Seeds the demo province of the node's REGION (Hebei by default); running it again changes
// nothing. Stop the portal first when it uses the embedded database: PGlite allows one process
// per data folder.
const handle = await openScriptDatabase();
await handle.migrate();
await seedNodeDemo(handle.db, env().REGION);
await handle.close();
console.log(`Demo province seeded (${env().REGION}).`);
