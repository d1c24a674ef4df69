import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "../identity/schema";

/** Written in the same transaction as the event; a dispatcher turns rows into inbox items and email. */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    recipientUserIds: uuid("recipient_user_ids").array().notNull(),
    applicationId: uuid("application_id"),
    params: jsonb("params").$type<Record<string, string | number>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("outbox_pending_idx").on(t.processedAt, t.createdAt)],
);

/** The in-app inbox of every user. Text is rendered from `kind` and `params` in the reader's language. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    outboxId: uuid("outbox_id").notNull(),
    kind: text("kind").notNull(),
    applicationId: uuid("application_id"),
    params: jsonb("params").$type<Record<string, string | number>>().notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    // A dispatcher that runs a row twice delivers once.
    uniqueIndex("notifications_outbox_user_key").on(t.outboxId, t.userId),
  ],
);
