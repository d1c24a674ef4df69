import { bigint, bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * How an event's hash was made. `sha256` is plain SHA-256, what the log used before it was keyed:
 * anyone with write access could recompute it, so it is accepted only for events older than the
 * first keyed one. `hmac-sha256` uses the audit key, which is not in the database.
 */
export const auditHashAlgs = ["sha256", "hmac-sha256"] as const;
export type AuditHashAlg = (typeof auditHashAlgs)[number];
export const auditHashAlgEnum = pgEnum("audit_hash_alg", auditHashAlgs);

/**
 * Append-only audit log, hash-chained per stream (an application and everything on it): each
 * event's hash covers its content and the previous event's hash, so an edit anywhere breaks the
 * chain from there on. The database refuses UPDATE, DELETE and TRUNCATE on it (migration
 * `audit_protection`), and the role `tongban_app` has only SELECT and INSERT.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    streamId: text("stream_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    /** Null for the system (jobs). */
    actorUserId: uuid("actor_user_id"),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    fromState: text("from_state"),
    toState: text("to_state"),
    data: jsonb("data").$type<Record<string, unknown>>(),
    prevHash: text("prev_hash"),
    hash: text("hash").notNull(),
    /**
     * The default is what every event written before the log was keyed got; `recordAudit` always
     * writes `hmac-sha256`, so a row that says `sha256` and is newer than a keyed one was not
     * written by the portal.
     */
    hashAlg: auditHashAlgEnum("hash_alg").notNull().default("sha256"),
  },
  (t) => [index("audit_events_stream_idx").on(t.streamId, t.seq), index("audit_events_entity_idx").on(t.entityType, t.entityId)],
);

/** One stream's newest event at a checkpoint. */
export interface CheckpointHead {
  streamId: string;
  seq: number;
  hash: string;
}

/**
 * Signed checkpoints of the audit log (append-only like the log): each one says which event was
 * every stream's newest, how many events there were, and links to the checkpoint before it. It
 * is signed with the audit signing key (Ed25519, not in the database) and meant to be exported
 * and kept elsewhere (`npm run audit:checkpoint`); `npm run audit:verify` checks the log against
 * it, which shows what the chains alone cannot: a stream deleted, its newest events cut off, or
 * every hash recomputed.
 */
export const auditCheckpoints = pgTable("audit_checkpoints", {
  /** 1, 2, 3, …: a gap is a deleted checkpoint. */
  number: integer("number").primaryKey(),
  at: timestamp("at", { withTimezone: true }).notNull(),
  /** Every event up to this seq was committed (or had rolled back for good) when it was taken. */
  lastEventSeq: bigint("last_event_seq", { mode: "number" }).notNull(),
  /** Events with seq up to `lastEventSeq`. */
  events: bigint("events", { mode: "number" }).notNull(),
  streams: integer("streams").notNull(),
  /**
   * The heads of the streams that got events since the previous checkpoint (the others kept
   * theirs), sorted by stream id: each checkpoint stays small while the log grows.
   */
  heads: jsonb("heads").$type<CheckpointHead[]>().notNull(),
  /** SHA-256 over every stream's head (see `headsDigest`): the whole picture, signed. */
  headsDigest: text("heads_digest").notNull(),
  prevHash: text("prev_hash"),
  /** SHA-256 of the signed bytes. */
  hash: text("hash").notNull(),
  /** Id of the audit signing key's public key. */
  keyId: text("key_id").notNull(),
  /** Ed25519 over the signed bytes, base64. */
  signature: text("signature").notNull(),
});
