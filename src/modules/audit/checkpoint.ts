import { createHash, sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "./hash";
import type { CheckpointHead } from "./schema";

// Signed checkpoints of the audit log: what is signed, how, and the exported file. Pure.

/** A checkpoint as stored and signed. */
export interface Checkpoint {
  number: number;
  at: Date;
  lastEventSeq: number;
  events: number;
  streams: number;
  /** Heads of the streams changed since the previous checkpoint, sorted by stream id. */
  heads: CheckpointHead[];
  headsDigest: string;
  prevHash: string | null;
  hash: string;
  keyId: string;
  signature: string;
}

/** Stream ids compared by UTF-16 code units: the same order on every machine, whatever the locale or collation. */
export function byStreamId(a: { streamId: string }, b: { streamId: string }): number {
  return a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0;
}

/** SHA-256 (hex) over every stream's head, in stream id order. */
export function headsDigest(allHeads: readonly CheckpointHead[]): string {
  const sorted = [...allHeads].sort(byStreamId);
  return createHash("sha256")
    .update(canonicalJson(sorted.map((h) => [h.streamId, h.seq, h.hash])))
    .digest("hex");
}

/** The exact bytes signed: canonical JSON of everything but the hash and signature. */
export function checkpointBytes(c: Omit<Checkpoint, "hash" | "keyId" | "signature">): Buffer {
  const heads = c.heads.map((h) => [h.streamId, h.seq, h.hash]);
  return Buffer.from(
    canonicalJson({
      v: 1,
      number: c.number,
      at: c.at.toISOString(),
      lastEventSeq: c.lastEventSeq,
      events: c.events,
      streams: c.streams,
      heads,
      headsDigest: c.headsDigest,
      prevHash: c.prevHash,
    }),
    "utf8",
  );
}

export function checkpointHash(c: Omit<Checkpoint, "hash" | "keyId" | "signature">): string {
  return createHash("sha256").update(checkpointBytes(c)).digest("hex");
}

export function signCheckpoint(c: Omit<Checkpoint, "hash" | "keyId" | "signature">, key: { privateKey: KeyObject; keyId: string }): Checkpoint {
  return { ...c, hash: checkpointHash(c), keyId: key.keyId, signature: sign(null, checkpointBytes(c), key.privateKey).toString("base64") };
}

/** Whether the hash fits the content and the signature is the given key's over it. */
export function checkCheckpoint(c: Checkpoint, publicKey: KeyObject): { hashOk: boolean; signatureOk: boolean } {
  const hashOk = checkpointHash(c) === c.hash;
  let signatureOk = false;
  try {
    signatureOk = verify(null, checkpointBytes(c), publicKey, Buffer.from(c.signature, "base64"));
  } catch {
    signatureOk = false;
  }
  return { hashOk, signatureOk };
}

// An exported checkpoint is read back from a file: every field bounded (a stream id is a uuid or a
// short name, a hash hex or base64; ten million streams is far beyond a province's audit log).
const ZHead = z.object({ streamId: z.string().max(200), seq: z.number().int().positive(), hash: z.string().max(200) });

/** An exported checkpoint: the signed row, every stream's head at it, and the public key to check it with. */
export const ZExportedCheckpoint = z.object({
  format: z.literal("tongban.audit-checkpoint"),
  version: z.literal(1),
  checkpoint: z.object({
    number: z.number().int().positive(),
    at: z.iso.datetime().transform((s) => new Date(s)),
    lastEventSeq: z.number().int().nonnegative(),
    events: z.number().int().nonnegative(),
    streams: z.number().int().nonnegative(),
    heads: z.array(ZHead).max(10_000_000),
    headsDigest: z.string().max(200),
    prevHash: z.string().max(200).nullable(),
    hash: z.string().max(200),
    keyId: z.string().max(200),
    signature: z.string().max(400),
  }),
  /** Every stream's head at the checkpoint (the row holds only those that changed). */
  allHeads: z.array(ZHead).max(10_000_000),
  /** The signing key's public half (SPKI PEM); a verifier compares its id with the key it trusts. */
  publicKey: z.string().max(2000),
});
export type ExportedCheckpoint = z.output<typeof ZExportedCheckpoint>;

export function exportCheckpoint(c: Checkpoint, allHeads: readonly CheckpointHead[], publicKeyPem: string): z.input<typeof ZExportedCheckpoint> {
  return {
    format: "tongban.audit-checkpoint",
    version: 1,
    checkpoint: { ...c, at: c.at.toISOString() },
    allHeads: [...allHeads].sort(byStreamId),
    publicKey: publicKeyPem,
  };
}
