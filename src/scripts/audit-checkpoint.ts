import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportCheckpoint } from "@/modules/audit/checkpoint";
import { writeAuditCheckpoint } from "@/modules/audit/write-checkpoint";
import { auditSigningKey } from "@/server/keys";
import { scriptError } from "./script-error";
import { openScriptDatabase } from "./open-database";

// `npm run audit:checkpoint [-- --out <file>] [--stdout]`: writes a signed checkpoint of every
// audit stream's head now and exports it as JSON (by default into .data/audit-checkpoints/), to be
// kept somewhere the database's administrators cannot change. With the embedded database stop
// the portal first: PGlite allows one process per data folder.
const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const toStdout = args.includes("--stdout");
const handle = await openScriptDatabase();
try {
  const key = auditSigningKey();
  const written = await writeAuditCheckpoint(handle.db, new Date(), { signingKey: key });
  if (!written) throw new Error("no checkpoint written");
  const c = written.checkpoint;
  const exported = exportCheckpoint(c, written.allHeads, key.publicKeyPem);
  const file =
    outAt >= 0 && args[outAt + 1]
      ? path.resolve(args[outAt + 1]!)
      : path.join(process.cwd(), ".data", "audit-checkpoints", `checkpoint-${String(c.number).padStart(6, "0")}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(exported, null, 2)}\n`);
  const log = toStdout ? console.error : console.log;
  log(`Audit checkpoint #${c.number} written: ${c.events} events in ${c.streams} streams, up to seq ${c.lastEventSeq}; signed by audit key ${c.keyId}.`);
  const shown = path.relative(process.cwd(), file);
  log(`Exported to ${shown.startsWith("..") ? file : shown}: keep a copy outside this machine.`);
  log(`Check it later with: npm run audit:verify -- --checkpoint <file>. Public key ${c.keyId}:\n${key.publicKeyPem.trim()}`);
  if (toStdout) console.log(JSON.stringify(exported, null, 2));
} catch (error) {
  console.error(`Audit checkpoint failed: ${scriptError(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
