import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only audit log, hash-chained per stream (an application and everything on it): each
 * event's hash covers its content and the previous event's hash, so an edit anywhere breaks the
 * chain from there on.
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
  },
  (t) => [index("audit_events_stream_idx").on(t.streamId, t.seq), index("audit_events_entity_idx").on(t.entityType, t.entityId)],
);
