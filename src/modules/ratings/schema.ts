import { date, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { applications } from "../applications/schema";
import { departments, users } from "../identity/schema";
import { appealDecisions, ratingLevels, rectificationClassifications, rectificationStatuses, type RatingTag } from "./model";

export const ratingLevelEnum = pgEnum("rating_level", ratingLevels);
/** The database enum is the machine's one list (model.ts): same values, same order. */
export const rectificationStatusEnum = pgEnum("rectification_status", rectificationStatuses);
export const rectificationClassificationEnum = pgEnum("rectification_classification", rectificationClassifications);
export const appealDecisionEnum = pgEnum("appeal_decision", appealDecisions);

/**
 * Ratings of finished applications (好差评): one for the application as a whole (`departmentId`
 * null) and one per department that decided a task. The rater's account is kept for the audit and
 * the rectification item; no staff list shows it.
 */
export const ratings = pgTable(
  "ratings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    /** The department rated; null for the overall rating. */
    departmentId: uuid("department_id").references(() => departments.id),
    level: ratingLevelEnum("level").notNull(),
    tags: text("tags").array().$type<RatingTag[]>().notNull(),
    comment: text("comment").notNull().default(""),
    ratedBy: uuid("rated_by")
      .notNull()
      .references(() => users.id),
    /** The first rating: changes are allowed for 7 calendar days from it. */
    firstRatedAt: timestamp("first_rated_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    unique("ratings_application_department_key").on(t.applicationId, t.departmentId).nullsNotDistinct(),
    index("ratings_department_idx").on(t.departmentId, t.firstRatedAt),
    index("ratings_rated_by_idx").on(t.ratedBy),
  ],
);

/**
 * A bad rating's rectification item (差评整改): the department classifies it, replies and records
 * what it changed within 5 working days (`dueOn`); the applicant may appeal once; the data office
 * decides the appeal. One item per rating: changing a rating does not open a second one.
 */
export const rectificationItems = pgTable(
  "rectification_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ratingId: uuid("rating_id")
      .notNull()
      .unique()
      .references(() => ratings.id),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    status: rectificationStatusEnum("status").notNull(),
    version: integer("version").notNull().default(1),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    openedOn: date("opened_on", { mode: "string" }).notNull(),
    /** The last day to answer: the opening day plus 5 working days on the official calendar. */
    dueOn: date("due_on", { mode: "string" }).notNull(),
    classification: rectificationClassificationEnum("classification"),
    classificationReason: text("classification_reason"),
    reply: text("reply"),
    changes: text("changes"),
    answeredBy: uuid("answered_by").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** The China date of `answeredAt`: compared with `dueOn` for timeliness. */
    answeredOn: date("answered_on", { mode: "string" }),
    appealReason: text("appeal_reason"),
    appealedAt: timestamp("appealed_at", { withTimezone: true }),
    appealDecision: appealDecisionEnum("appeal_decision"),
    appealDecisionReason: text("appeal_decision_reason"),
    appealDecidedBy: uuid("appeal_decided_by").references(() => users.id),
    appealDecidedAt: timestamp("appeal_decided_at", { withTimezone: true }),
  },
  (t) => [
    index("rectification_items_department_idx").on(t.departmentId, t.status, t.dueOn),
    index("rectification_items_status_due_idx").on(t.status, t.dueOn),
    index("rectification_items_application_idx").on(t.applicationId),
    index("rectification_items_answered_by_idx").on(t.answeredBy),
    index("rectification_items_appeal_decided_by_idx").on(t.appealDecidedBy),
  ],
);

/** Applications whose applicant was invited to rate (inbox), by the `ratings.invite` job: once each. */
export const ratingInvitations = pgTable("rating_invitations", {
  applicationId: uuid("application_id")
    .primaryKey()
    .references(() => applications.id),
  invitedAt: timestamp("invited_at", { withTimezone: true }).notNull(),
});
