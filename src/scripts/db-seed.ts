import { seedDemoProvince } from "@/root/seed/demo";
import { openScriptDatabase } from "./open-database";

// Seeds the demo province; running it again changes nothing. Stop the portal first when it uses
// the embedded database: PGlite allows one process per data folder.
const handle = await openScriptDatabase();
await handle.migrate();
await seedDemoProvince(handle.db);
await handle.close();
console.log("Demo province seeded.");
