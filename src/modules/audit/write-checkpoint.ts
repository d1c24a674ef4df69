import { desc, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { auditSigningKey, type SigningKey } from "@/server/keys";
import { byStreamId, headsDigest, signCheckpoint, type Checkpoint } from "./checkpoint";
import { auditAppendLock } from "./record-audit";
import { auditCheckpoints, type CheckpointHead } from "./schema";

/** Serialises checkpoint writers (the hourly job on any node, `npm run audit:checkpoint`). */
const checkpointWriterLock = sql`7415, 3`;

type Rows<T> = { rows: T[] };

/** Every stream's newest event with seq up to `upTo`. */
export async function headsUpTo(db: Db, upTo: number): Promise<CheckpointHead[]> {
  const result = (await db.execute(
    sql`select distinct on (stream_id) stream_id, seq, hash from audit_events where seq <= ${upTo} order by stream_id, seq desc`,
  )) as unknown as Rows<{ stream_id: string; seq: string | number; hash: string }>;
  return result.rows.map((r) => ({ streamId: r.stream_id, seq: Number(r.seq), hash: r.hash })).sort(byStreamId);
}

export interface CheckpointWritten {
  written: boolean;
  checkpoint: Checkpoint;
  /** Every stream's head at the checkpoint, for the export. */
  allHeads: CheckpointHead[];
}

/**
 * Writes a signed checkpoint of every stream's head. Two short transactions:
 * 1. Take the append lock exclusively: it waits for every append in flight to commit or roll
 *    back (each holds the lock shared), so every seq up to the highest one seen is settled and
 *    later appends get higher seqs. Released at once; appends wait only that long.
 * 2. Under the writer lock, read the previous checkpoint and the heads as of that seq, and append
 *    the new checkpoint linked to the previous one.
 * `ifOlderThanMs`: write nothing when the latest checkpoint is younger (the hourly job, so a job
 * run twice in one hour writes once). Without it, always writes (the command).
 */
export async function writeAuditCheckpoint(
  db: Db,
  now: Date,
  options: { ifOlderThanMs?: number; signingKey?: SigningKey } = {},
): Promise<CheckpointWritten | null> {
  const settled = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${auditAppendLock})`);
    const result = (await tx.execute(sql`select coalesce(max(seq), 0) as last from audit_events`)) as unknown as Rows<{ last: string | number }>;
    return Number(result.rows[0]?.last ?? 0);
  });
  const key = options.signingKey ?? auditSigningKey();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${checkpointWriterLock})`);
    const [prev] = await tx.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.number)).limit(1);
    if (prev && options.ifOlderThanMs !== undefined && now.getTime() - prev.at.getTime() < options.ifOlderThanMs) return null;
    // Another writer may have settled a higher seq meanwhile; a checkpoint never goes back.
    const upTo = Math.max(settled, prev?.lastEventSeq ?? 0);
    const allHeads = await headsUpTo(tx, upTo);
    const counted = (await tx.execute(sql`select count(*) as n from audit_events where seq <= ${upTo}`)) as unknown as Rows<{ n: string | number }>;
    const since = prev?.lastEventSeq ?? 0;
    const checkpoint = signCheckpoint(
      {
        number: (prev?.number ?? 0) + 1,
        // Whole milliseconds: what timestamptz gives back is what was signed.
        at: new Date(Math.floor(now.getTime())),
        lastEventSeq: upTo,
        events: Number(counted.rows[0]?.n ?? 0),
        streams: allHeads.length,
        // A stream whose head moved got an event after the previous checkpoint's seq.
        heads: allHeads.filter((h) => h.seq > since),
        headsDigest: headsDigest(allHeads),
        prevHash: prev?.hash ?? null,
      },
      key,
    );
    await tx.insert(auditCheckpoints).values(checkpoint);
    return { written: true, checkpoint, allHeads };
  });
}
