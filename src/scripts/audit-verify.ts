import { verifyAuditChain } from "@/modules/audit/verify-audit";
import { openDatabase } from "@/server/db/client";
import { env } from "@/server/env";

// `npm run audit:verify`: recomputes the audit log's hash chains; exits 1 when one is broken.
// With the embedded database stop the portal first: PGlite allows one process per data folder.
const e = env();
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.DATA_DIR });
try {
  const result = await verifyAuditChain(handle.db);
  if (result.ok) {
    console.log(`Audit log intact: ${plural(result.events, "event")} in ${plural(result.streams, "stream")}.`);
  } else {
    console.error(
      `Audit log BROKEN at seq ${result.brokenAt?.seq} (stream ${result.brokenAt?.streamId}); ${plural(result.events, "event")} in ${plural(result.streams, "stream")} checked.`,
    );
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
