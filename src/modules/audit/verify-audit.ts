import type { KeyObject } from "node:crypto";
import { asc, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { auditKey, auditSigningKey, publicKeyId } from "@/server/keys";
import { checkCheckpoint, headsDigest, type Checkpoint, type ExportedCheckpoint } from "./checkpoint";
import { auditHash } from "./hash";
import { auditCheckpoints, auditEvents, type CheckpointHead } from "./schema";

/**
 * What can be wrong. Chains: `hashMismatch` (the event does not give its hash: edited, or hashed
 * with another key), `linkBroken` (its previous hash is not the previous event's: one deleted or
 * inserted before it), `legacyAfterKeyed` (plain SHA-256 on an event written after the log was
 * keyed: rewritten by someone without the key). Against a checkpoint: `streamMissing` (no event
 * of a stream it names is left), `headMissing` (the stream's head event at the checkpoint is gone:
 * its newest events were cut off), `headChanged` (the event at that seq has another hash or
 * stream: the chain was recomputed), `eventCountChanged`, `streamCountChanged`. Checkpoints
 * themselves: `checkpointSignature` (hash or Ed25519 signature does not hold), `checkpointUnknownKey`,
 * `checkpointChain` (a number missing or a link broken), `checkpointHeads` (the heads do not give
 * the signed digest), `checkpointMissing` / `checkpointDiffers` (an exported checkpoint is not in
 * the database as exported: the newest checkpoints were deleted or replaced).
 */
export type AuditProblemReason =
  | "hashMismatch"
  | "linkBroken"
  | "legacyAfterKeyed"
  | "streamMissing"
  | "headMissing"
  | "headChanged"
  | "eventCountChanged"
  | "streamCountChanged"
  | "checkpointSignature"
  | "checkpointUnknownKey"
  | "checkpointChain"
  | "checkpointHeads"
  | "checkpointMissing"
  | "checkpointDiffers";

/** One thing found broken; names streams, seqs and checkpoint numbers only, never an event's content. */
export interface AuditProblem {
  reason: AuditProblemReason;
  streamId?: string;
  seq?: number;
  /** The checkpoint that shows it. */
  checkpoint?: number;
  /** Which checkpoint: the database's or the exported file's. */
  source?: "database" | "file";
  /** Numbers that explain it (expected and found counts). */
  expected?: number;
  found?: number;
}

export interface AuditVerification {
  ok: boolean;
  streams: number;
  events: number;
  /** The first event (by seq) whose hash or link to the previous event does not hold. */
  brokenAt?: { streamId: string; seq: number };
  /** Everything found broken (the first one per stream for chains), up to `maxProblems`. */
  problems: AuditProblem[];
  /** Problems found beyond `maxProblems`. */
  moreProblems: number;
  /** Checkpoints in the database. */
  checkpoints: number;
  /** The checkpoints the log was held against: the database's latest, and the exported one when given. */
  checkedAgainst: Array<{ source: "database" | "file"; number: number; at: Date; lastEventSeq: number }>;
}

export interface VerifyOptions {
  pageSize?: number;
  /** The audit HMAC key; by default the portal's (environment or `.data/audit-key`, never generated here). */
  key?: Buffer;
  /** Public keys trusted to sign checkpoints; by default the portal's audit signing key's. */
  publicKeys?: readonly KeyObject[];
  /** An exported checkpoint (kept outside the database) to hold the log against as well. */
  exported?: ExportedCheckpoint;
  maxProblems?: number;
}

type Rows<T> = { rows: T[] };

/**
 * Verifies the audit log: recomputes every event's hash (keyed events with the audit key) and
 * checks each links to the one before it in its stream; then checks the chain of signed
 * checkpoints and holds the log against them: every head a checkpoint ever named must still be
 * there with its hash, and the events and streams it counted must all still be there. An edited
 * event fails its own hash; a deleted one breaks the next event's link; a stream deleted, its
 * newest events cut off, or a chain recomputed (with or without the key) fail the checkpoints.
 * What happened after the latest checkpoint is covered by the chains only.
 */
export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 1000;
  const maxProblems = options.maxProblems ?? 100;
  const problems: AuditProblem[] = [];
  let moreProblems = 0;
  const report = (p: AuditProblem) => {
    if (problems.length < maxProblems) problems.push(p);
    else moreProblems += 1;
  };

  const checkpoints: Checkpoint[] = await db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.number));
  // Checkpoints came with the keyed chain: an event after the first one's seq was written keyed.
  const keyedSince = checkpoints[0]?.lastEventSeq ?? Number.POSITIVE_INFINITY;

  // 1. The chains. Within a stream, seq order is chain order: `recordAudit` holds the stream's
  // lock from reading the last hash until commit, so a later link always gets a later seq.
  let key = options.key;
  const lastHash = new Map<string, string>();
  const brokenStreams = new Set<string>();
  let events = 0;
  let brokenAt: AuditVerification["brokenAt"];
  let keyedSeen = false;
  let after = 0;
  for (;;) {
    const page = await db.select().from(auditEvents).where(gt(auditEvents.seq, after)).orderBy(asc(auditEvents.seq)).limit(pageSize);
    for (const e of page) {
      events += 1;
      const expectedPrev = lastHash.get(e.streamId) ?? null;
      let reason: AuditProblemReason | null = null;
      if (e.hashAlg === "sha256" && (keyedSeen || e.seq > keyedSince)) reason = "legacyAfterKeyed";
      else {
        if (e.hashAlg === "hmac-sha256") {
          keyedSeen = true;
          key ??= auditKey({ create: false });
        }
        const hash = auditHash(e, e.hashAlg, e.hashAlg === "hmac-sha256" ? (key ?? null) : null);
        if (e.hash !== hash) reason = "hashMismatch";
        else if (e.prevHash !== expectedPrev) reason = "linkBroken";
      }
      if (reason) {
        brokenAt ??= { streamId: e.streamId, seq: e.seq };
        if (!brokenStreams.has(e.streamId)) report({ reason, streamId: e.streamId, seq: e.seq });
        brokenStreams.add(e.streamId);
      }
      lastHash.set(e.streamId, e.hash);
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    after = last.seq;
  }

  // 2. The chain of checkpoints, each signed.
  const checkedAgainst: AuditVerification["checkedAgainst"] = [];
  let trusted: Array<{ id: string; key: KeyObject }> | undefined;
  const trustedKeys = () => {
    trusted ??= (options.publicKeys ?? [auditSigningKey({ create: false }).publicKey]).map((k) => ({ id: publicKeyId(k), key: k }));
    return trusted;
  };
  const checkSigned = (c: Checkpoint, source: "database" | "file") => {
    const signer = trustedKeys().find((k) => k.id === c.keyId);
    if (!signer) return report({ reason: "checkpointUnknownKey", checkpoint: c.number, source });
    const { hashOk, signatureOk } = checkCheckpoint(c, signer.key);
    if (!hashOk || !signatureOk) report({ reason: "checkpointSignature", checkpoint: c.number, source });
  };
  const attested = new Map<number, CheckpointHead & { checkpoint: number }>();
  const carried = new Map<string, CheckpointHead>();
  let prev: Checkpoint | undefined;
  for (const c of checkpoints) {
    checkSigned(c, "database");
    if (c.number !== (prev?.number ?? 0) + 1 || c.prevHash !== (prev?.hash ?? null))
      report({ reason: "checkpointChain", checkpoint: c.number, source: "database" });
    for (const h of c.heads) {
      carried.set(h.streamId, h);
      if (!attested.has(h.seq)) attested.set(h.seq, { ...h, checkpoint: c.number });
    }
    prev = c;
  }
  const latest = checkpoints.at(-1);
  if (latest) {
    checkedAgainst.push({ source: "database", number: latest.number, at: latest.at, lastEventSeq: latest.lastEventSeq });
    // The heads carried through every checkpoint must be the latest one's whole picture.
    if (headsDigest([...carried.values()]) !== latest.headsDigest) report({ reason: "checkpointHeads", checkpoint: latest.number, source: "database" });
  }

  // 3. The exported checkpoint, checked on its own and then against the database's.
  const file = options.exported;
  if (file) {
    const c: Checkpoint = file.checkpoint;
    checkedAgainst.push({ source: "file", number: c.number, at: c.at, lastEventSeq: c.lastEventSeq });
    checkSigned(c, "file");
    if (headsDigest(file.allHeads) !== c.headsDigest) report({ reason: "checkpointHeads", checkpoint: c.number, source: "file" });
    const stored = checkpoints.find((s) => s.number === c.number);
    if (!stored) report({ reason: "checkpointMissing", checkpoint: c.number, source: "file" });
    else if (stored.hash !== c.hash) report({ reason: "checkpointDiffers", checkpoint: c.number, source: "file" });
  }

  // 4. Every head a checkpoint named is still there, with its hash, in its stream.
  const heads: Array<CheckpointHead & { checkpoint: number; source: "database" | "file" }> = [...attested.values()].map((h) => ({
    ...h,
    source: "database" as const,
  }));
  if (file) for (const h of file.allHeads) heads.push({ ...h, checkpoint: file.checkpoint.number, source: "file" });
  const missing: typeof heads = [];
  for (let i = 0; i < heads.length; i += pageSize) {
    const batch = heads.slice(i, i + pageSize);
    const found = await db
      .select({ seq: auditEvents.seq, streamId: auditEvents.streamId, hash: auditEvents.hash })
      .from(auditEvents)
      .where(
        inArray(
          auditEvents.seq,
          batch.map((h) => h.seq),
        ),
      );
    const bySeq = new Map(found.map((f) => [f.seq, f]));
    for (const h of batch) {
      const f = bySeq.get(h.seq);
      if (!f) missing.push(h);
      else if (f.streamId !== h.streamId || f.hash !== h.hash)
        report({ reason: "headChanged", streamId: h.streamId, seq: h.seq, checkpoint: h.checkpoint, source: h.source });
    }
  }
  if (missing.length) {
    const streamIds = [...new Set(missing.map((h) => h.streamId))];
    const present = new Set<string>();
    for (let i = 0; i < streamIds.length; i += pageSize) {
      const rows = await db
        .selectDistinct({ streamId: auditEvents.streamId })
        .from(auditEvents)
        .where(inArray(auditEvents.streamId, streamIds.slice(i, i + pageSize)));
      for (const r of rows) present.add(r.streamId);
    }
    const told = new Set<string>();
    for (const h of missing) {
      if (present.has(h.streamId)) report({ reason: "headMissing", streamId: h.streamId, seq: h.seq, checkpoint: h.checkpoint, source: h.source });
      else if (!told.has(`${h.source}:${h.streamId}`)) report({ reason: "streamMissing", streamId: h.streamId, checkpoint: h.checkpoint, source: h.source });
      told.add(`${h.source}:${h.streamId}`);
    }
  }

  // 5. Every event and stream a checkpoint counted is still there (seqs up to its last one were
  // settled when it was taken, so these counts never change while the log is intact).
  const counted: Array<{ c: Checkpoint; source: "database" | "file" }> = [];
  if (latest) counted.push({ c: latest, source: "database" });
  if (file) counted.push({ c: file.checkpoint, source: "file" });
  for (const { c, source } of counted) {
    const result = (await db.execute(
      sql`select count(*) as events, count(distinct stream_id) as streams from audit_events where seq <= ${c.lastEventSeq}`,
    )) as unknown as Rows<{ events: string | number; streams: string | number }>;
    const row = result.rows[0];
    const foundEvents = Number(row?.events ?? 0);
    const foundStreams = Number(row?.streams ?? 0);
    if (foundEvents !== c.events) report({ reason: "eventCountChanged", checkpoint: c.number, source, expected: c.events, found: foundEvents });
    if (foundStreams !== c.streams) report({ reason: "streamCountChanged", checkpoint: c.number, source, expected: c.streams, found: foundStreams });
  }

  const ok = problems.length === 0;
  return { ok, streams: lastHash.size, events, ...(brokenAt ? { brokenAt } : {}), problems, moreProblems, checkpoints: checkpoints.length, checkedAgainst };
}
