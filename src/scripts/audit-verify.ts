import { readFileSync } from "node:fs";
import type { KeyObject } from "node:crypto";
import { ZExportedCheckpoint, type ExportedCheckpoint } from "@/modules/audit/checkpoint";
import { verifyAuditChain, type AuditProblem } from "@/modules/audit/verify-audit";
import { publicKeyFromPem } from "@/server/keys";
import { scriptError } from "./script-error";
import { openScriptDatabase } from "./open-database";

// `npm run audit:verify [-- --checkpoint <file>] [--public-key <file>]`: recomputes the audit
// log's keyed hash chains and holds the log against the latest signed checkpoint in the database
// and, when given, an exported one; exits 1 naming what is broken (streams, seqs, checkpoints;
// never an event's content). Needs the audit key (AUDIT_KEY or .data/audit-key); checkpoints are
// checked with the audit signing key's public half (`--public-key` gives it without the private
// key). With the embedded database stop the portal first: PGlite allows one process per data folder.
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const why: Record<AuditProblem["reason"], string> = {
  hashMismatch: "the event does not match its hash (edited, or hashed with another key)",
  linkBroken: "the event does not link to the one before it (an event was deleted or inserted before it)",
  legacyAfterKeyed: "an unkeyed (plain SHA-256) event written after the log was keyed (rewritten without the key)",
  streamMissing: "the stream is gone (deleted)",
  headMissing: "the stream's newest event at the checkpoint is gone (its newest events were cut off)",
  headChanged: "the event at the checkpoint's head has another hash (the chain was recomputed)",
  eventCountChanged: "events up to the checkpoint's last seq differ from its count (events deleted)",
  streamCountChanged: "streams up to the checkpoint's last seq differ from its count (a stream deleted)",
  checkpointSignature: "the checkpoint's hash or signature does not hold (changed after signing)",
  checkpointUnknownKey: "the checkpoint is signed by a key that is not trusted",
  checkpointChain: "the chain of checkpoints is broken here (a checkpoint deleted or replaced)",
  checkpointHeads: "the checkpoint's heads do not give its signed digest",
  checkpointMissing: "the exported checkpoint is not in the database (the newest checkpoints were deleted)",
  checkpointDiffers: "the database's checkpoint with this number differs from the exported one",
};

function describe(p: AuditProblem): string {
  const where = [
    p.streamId ? `stream ${p.streamId}` : null,
    p.seq !== undefined ? `seq ${p.seq}` : null,
    p.checkpoint !== undefined ? `checkpoint #${p.checkpoint}${p.source === "file" ? " (exported file)" : ""}` : null,
    p.expected !== undefined ? `expected ${p.expected}, found ${p.found}` : null,
  ].filter(Boolean);
  return `  ${where.join(", ")}: ${why[p.reason]}`;
}

let exported: ExportedCheckpoint | undefined;
let publicKeys: KeyObject[] | undefined;
try {
  const checkpointFile = option("--checkpoint");
  if (checkpointFile) exported = ZExportedCheckpoint.parse(JSON.parse(readFileSync(checkpointFile, "utf8")));
  const keyFile = option("--public-key");
  if (keyFile) publicKeys = [publicKeyFromPem(readFileSync(keyFile, "utf8"))];
} catch (error) {
  console.error(`Cannot read the arguments: ${scriptError(error)}`);
  process.exit(2);
}

const handle = await openScriptDatabase();
try {
  const result = await verifyAuditChain(handle.db, { exported, publicKeys });
  const against = result.checkedAgainst
    .map((c) => `checkpoint #${c.number} of ${c.at.toISOString()}${c.source === "file" ? " (exported file)" : ""}`)
    .join(" and ");
  const checked = `${plural(result.events, "event")} in ${plural(result.streams, "stream")}, ${plural(result.checkpoints, "checkpoint")}`;
  if (result.ok) {
    console.log(`Audit log intact: ${checked}${against ? `; held against ${against}` : "; no checkpoint yet (npm run audit:checkpoint)"}.`);
  } else {
    console.error(`Audit log BROKEN (${checked} checked${against ? `, against ${against}` : ""}):`);
    for (const p of result.problems) console.error(describe(p));
    if (result.moreProblems) console.error(`  … and ${result.moreProblems} more.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`Audit verification failed: ${scriptError(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
