import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** The five roles of the portal; a reviewer always belongs to exactly one department. */
export const roleEnum = pgEnum("role", ["enterprise", "citizen", "windowClerk", "reviewer", "dataOffice"]);

export const departments = pgTable("departments", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Stable short code used in URLs and seeds, e.g. `market`. */
  code: text("code").notNull().unique(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  /** GB/T 2260 code of the division the department serves. */
  divisionCode: text("division_code").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    role: roleEnum("role").notNull(),
    /**
     * What the user types to sign in: the credit code for an enterprise, the ID number for a
     * citizen, a user name for staff. Stored normalised (upper case for codes).
     */
    login: text("login").notNull(),
    displayName: text("display_name").notNull(),
    /** `scrypt$N$r$p$salt$hash`; null for accounts that only sign in through OpenID Connect. */
    passwordHash: text("password_hash"),
    email: text("email"),
    phone: text("phone"),
    /** Subject from the province's identity platform, when the account is linked to it. */
    oidcSubject: text("oidc_subject"),
    active: boolean("active").notNull().default(true),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_login_key").on(t.login), uniqueIndex("users_oidc_subject_key").on(t.oidcSubject)],
);

/** Market entities (enterprises and other organisations) identified by their credit code. */
export const entities = pgTable("entities", {
  id: uuid("id").primaryKey().defaultRandom(),
  creditCode: text("credit_code").notNull().unique(),
  name: text("name").notNull(),
  legalRepresentative: text("legal_representative").notNull(),
  contactName: text("contact_name").notNull(),
  contactPhone: text("contact_phone").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const citizens = pgTable(
  "citizens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").references(() => users.id),
    idNumber: text("id_number").notNull().unique(),
    name: text("name").notNull(),
    phone: text("phone").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("citizens_user_id_key").on(t.userId)],
);

/** Staff accounts: window clerks, reviewers (with their department) and the data office. */
export const staff = pgTable(
  "staff",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    departmentId: uuid("department_id").references(() => departments.id),
    title: text("title"),
  },
  (t) => [index("staff_department_id_idx").on(t.departmentId)],
);

/**
 * Who may act for an entity. The enterprise's own account is an agent of kind `account`; a
 * founder or an authorised employee is of kind `agent`.
 */
export const agents = pgTable(
  "agents",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    entityId: uuid("entity_id")
      .notNull()
      .references(() => entities.id),
    kind: text("kind", { enum: ["account", "agent"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.entityId] }), index("agents_entity_id_idx").on(t.entityId)],
);

/**
 * No longer written: failed sign-ins are counted per (client address, login name) pair and per
 * address in src/server/rate-limit.ts, so a stranger cannot lock an owner out. To be dropped by a
 * migration (kept here so that this branch adds none while others add theirs).
 */
export const signInThrottles = pgTable("sign_in_throttles", {
  login: text("login").primaryKey(),
  failedCount: integer("failed_count").notNull().default(0),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});
