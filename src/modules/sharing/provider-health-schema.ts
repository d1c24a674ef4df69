import { boolean, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Each certificate provider's health (issue 14 item 6): one row per provider (the local registry,
 * a peer node, a department's own system) with its last success and last failure, and a counter
 * that numbers its calls.
 */
export const providerHealth = pgTable("provider_health", {
  /** `local`, `peer:<region>`, `department:<code>`. */
  provider: text("provider").primaryKey(),
  kind: text("kind").notNull(),
  calls: integer("calls").notNull().default(0),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
  /** A coded reason (`timeout`, `unreachable`, `serverError`, `garbage`, …). */
  lastFailureReason: text("last_failure_reason"),
});

/**
 * The provider's most recent calls, bounded: call number n lands in slot n mod the window size,
 * overwriting the oldest, so a provider never keeps more than that many rows.
 */
export const providerCalls = pgTable(
  "provider_calls",
  {
    provider: text("provider").notNull(),
    slot: integer("slot").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    ok: boolean("ok").notNull(),
    reason: text("reason"),
    latencyMs: integer("latency_ms").notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.slot] })],
);
