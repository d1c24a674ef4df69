import { date, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../identity/schema";

export const calendarDayKindEnum = pgEnum("calendar_day_kind", ["holiday", "makeupWorkday"]);

/**
 * Exceptions to the Monday–Friday week, as published by the State Council each year:
 * public holidays (no work) and make-up working days (a weekend day worked).
 */
export const calendarDays = pgTable("calendar_days", {
  day: date("day", { mode: "string" }).primaryKey(),
  kind: calendarDayKindEnum("kind").notNull(),
  /** The notice that published the day. */
  source: text("source").notNull(),
});

export const calendarYears = pgTable("calendar_years", {
  /** A year whose calendar has been published; due dates past the last one are an error. */
  year: text("year").primaryKey(),
  source: text("source").notNull(),
  /** When and by whom the data office published it; null for years seeded from the official file. */
  publishedAt: timestamp("published_at", { withTimezone: true }),
  publishedBy: uuid("published_by").references(() => users.id),
});
