/**
 * A process that holds the embedded database in DATA_DIR open, for the two-process lock test
 * (src/server/db/lock.db.test.ts): opens it, writes a row, prints "ready <pid>", and on a line "close"
 * on stdin closes the database and exits 0.
 */
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/server/db/client";

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error("DATA_DIR must be set");
const handle = await openDatabase({ dataDir });
await handle.db.execute(sql`create table if not exists lock_probe (id serial primary key, note text not null)`);
await handle.db.execute(sql`insert into lock_probe (note) values (${process.env.PROBE_NOTE ?? "held"})`);
// Its own pid: under tsx the spawned process is a launcher, and this is its child.
console.log(`ready ${process.pid}`);
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === "close") break;
}
await handle.close();
process.exit(0);
