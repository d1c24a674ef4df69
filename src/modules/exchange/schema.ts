import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { jointOutboxStatuses } from "./model";

/**
 * The node's Ed25519 exchange keys: it signs its requests and answers to other region nodes with
 * the active one; all are published with their windows at `GET /api/exchange/node`. Stored like
 * the departments' signing keys (sharing `department_keys`): the private key sealed under the
 * key-encryption key, destroyed when the key retires; a retired key still verifies what it signed
 * inside [validFrom, retiredAt).
 */
export const exchangeNodeKeys = pgTable(
  "exchange_node_keys",
  {
    id: uuid("id").primaryKey(),
    /** The region the key speaks for (one node serves one region). */
    region: text("region").notNull(),
    /** SPKI, PEM. */
    publicKey: text("public_key").notNull(),
    sealedPrivateKey: text("sealed_private_key"),
    privateKeyNonce: text("private_key_nonce"),
    privateKeyTag: text("private_key_tag"),
    wrappedDataKey: text("wrapped_data_key"),
    kekId: text("kek_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("exchange_node_keys_active_key")
      .on(t.region)
      .where(sql`${t.retiredAt} is null`),
    check("exchange_node_keys_window", sql`${t.retiredAt} is null or ${t.retiredAt} >= ${t.validFrom}`),
  ],
);

/**
 * The nonces of the requests this node accepted from its peers, so a replay is refused. A nonce
 * older than twice the allowed clock skew can go: its request is refused as stale anyway.
 */
export const exchangeNonces = pgTable(
  "exchange_nonces",
  { peerRegion: text("peer_region").notNull(), nonce: text("nonce").notNull(), receivedAt: timestamp("received_at", { withTimezone: true }).notNull() },
  (t) => [primaryKey({ columns: [t.peerRegion, t.nonce] }), index("exchange_nonces_received_idx").on(t.receivedAt)],
);

export const exchangeDirectionEnum = pgEnum("exchange_direction", ["incoming", "outgoing"]);
export const exchangeOutcomeEnum = pgEnum("exchange_outcome", ["answered", "refused", "down"]);

/**
 * Every exchange with a peer, both directions, answered, refused or failed (append-only). The
 * holder's reads also land in the holder's data log (sharing); this is the node's own record of
 * the protocol, including requests that never got as far as a holder (a bad signature).
 */
export const exchangeLog = pgTable(
  "exchange_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    direction: exchangeDirectionEnum("direction").notNull(),
    peerRegion: text("peer_region").notNull(),
    /** The request's nonce, as claimed (unchecked on a refusal before the signature). */
    nonce: text("nonce"),
    departmentCode: text("department_code"),
    serviceCode: text("service_code"),
    applicationRef: text("application_ref"),
    purpose: text("purpose"),
    legalBasis: text("legal_basis"),
    consentRef: text("consent_ref"),
    holderCode: text("holder_code"),
    typeCodes: text("type_codes").array(),
    outcome: exchangeOutcomeEnum("outcome").notNull(),
    /** A refusal code (model.ts `refusalCodes`) or a down reason (`downReasons`). */
    reason: text("reason"),
    certificateCount: integer("certificate_count").notNull().default(0),
    durationMs: integer("duration_ms"),
  },
  (t) => [index("exchange_log_peer_idx").on(t.peerRegion, t.at), index("exchange_log_holder_idx").on(t.holderCode, t.at)],
);

export const jointOutboxStatusEnum = pgEnum("joint_outbox_status", jointOutboxStatuses);

/**
 * 多地联办: joint-review messages this node sends a peer (a part to open, an update on a part),
 * written in the transaction that decided them and delivered by the `exchange.jointOutbox` job.
 * The row's id is the message id: every attempt sends the same one, so the receiver's inbox drops
 * a duplicate. `body` is the payload without its envelope fields (timestamp and nonce are fresh
 * for each attempt and signed then).
 */
export const jointOutbox = pgTable(
  "joint_outbox",
  {
    id: uuid("id").primaryKey(),
    peerRegion: text("peer_region").notNull(),
    kind: text("kind").notNull(),
    /** The application this message concerns on this node (for the case page's "waiting to be sent"). */
    applicationId: uuid("application_id"),
    stepKey: text("step_key"),
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    status: jointOutboxStatusEnum("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    /** The last failure: a down reason, or the peer's refusal code. */
    lastError: text("last_error"),
    /** The partner's reference in its acknowledgement (its tracking number for an opened part). */
    reference: text("reference"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("joint_outbox_pending_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("joint_outbox_application_idx").on(t.applicationId),
  ],
);

/**
 * The joint-review messages this node took from its peers, by message id: a retry of a message
 * already taken is acknowledged again (`duplicate`) and does nothing. `reference` is what the
 * first acknowledgement said (the part's tracking number on this node).
 */
export const jointInbox = pgTable(
  "joint_inbox",
  {
    peerRegion: text("peer_region").notNull(),
    messageId: uuid("message_id").notNull(),
    kind: text("kind").notNull(),
    reference: text("reference"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.peerRegion, t.messageId] })],
);
