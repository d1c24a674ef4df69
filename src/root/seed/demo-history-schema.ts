import { date, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * One run of the demo history generator (`npm run demo:history`, demo-history.ts): its seed and
 * end day, what it wrote and the digest of the rows (the same seed and end day give the same
 * digest). The generated cases themselves carry `applications.demo`. The certificate ids of the
 * generated enterprises' business licences are kept here so a replacing run reuses them without
 * reading the registry around the gate.
 */
export const demoHistoryRuns = pgTable("demo_history_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  seed: integer("seed").notNull(),
  /** The last day of the history (China date), inclusive. */
  endOn: date("end_on", { mode: "string" }).notNull(),
  months: integer("months").notNull(),
  perMonth: integer("per_month").notNull(),
  counts: jsonb("counts").$type<Record<string, number>>().notNull(),
  digest: text("digest").notNull(),
  licences: jsonb("licences").$type<Record<string, string>>().notNull(),
  durationMs: integer("duration_ms").notNull(),
  generatedAt: timestamp("generated_at", { withTimezone: true }).notNull(),
});
