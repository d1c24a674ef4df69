import { sql } from "drizzle-orm";
import { boolean, check, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roles } from "./model";

/**
 * The roles of the portal; a reviewer always belongs to exactly one department. `enterprise` is a
 * role a person *acts in* when acting for an enterprise by mandate; since migration 0005 no account
 * signs in as an enterprise (the old enterprise logins are deactivated, their data kept).
 */
/** The database enum is the model's list (model.ts): same values, same order. */
export const roleEnum = pgEnum("role", roles);

/** The level of government a department belongs to; see `departmentLevels` in model.ts. */
export const departmentLevelEnum = pgEnum("department_level", ["province", "city", "county"]);

/**
 * How an account's identity was verified (实名等级): not at all, by name and ID number matched
 * against public security's population register, by the province's identity platform (OIDC), or
 * as a staff account created by an administrator.
 */
export const identityVerificationEnum = pgEnum("identity_verification", ["none", "populationRegister", "identityPlatform", "staffAccount"]);

export const departments = pgTable("departments", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Stable short code used in URLs and seeds, e.g. `market`. */
  code: text("code").notNull().unique(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  /** GB/T 2260 code of the division the department serves. */
  divisionCode: text("division_code").notNull(),
  level: departmentLevelEnum("level").notNull().default("province"),
  /**
   * For a city or county body (e.g. 保定市市场监督管理局): the code of the provincial department
   * whose function it carries out at its level (`market`), so that a service of that department
   * with a competence rule is routed to it (catalog `ServiceCompetence`). Null for a provincial
   * department, and for a body no service is routed to.
   */
  functionCode: text("function_code"),
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
    verification: identityVerificationEnum("verification").notNull().default("none"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_login_key").on(t.login), uniqueIndex("users_oidc_subject_key").on(t.oidcSubject)],
);

/**
 * Market entities (enterprises and other organisations) identified by their credit code. The name
 * and the legal representative are copied from the business licence in the registry (by the
 * registration that issued it, or by 法人注册 reading it), never typed by an applicant.
 */
export const entities = pgTable(
  "entities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    creditCode: text("credit_code").notNull().unique(),
    name: text("name").notNull(),
    legalRepresentative: text("legal_representative").notNull(),
    /** The legal representative's ID number, from the licence: who acts for the entity by right. */
    legalRepresentativeIdNumber: text("legal_representative_id_number"),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When market regulation deregistered it (注销登记): it no longer exists and may not apply. */
    deregisteredAt: timestamp("deregistered_at", { withTimezone: true }),
  },
  (t) => [index("entities_legal_representative_idx").on(t.legalRepresentativeIdNumber)],
);

/**
 * People known to the portal, by resident ID number: account holders (`userId`), and people named
 * in a mandate or keyed in at the window before they have an account. Name and ID number always
 * match the population register.
 */
export const citizens = pgTable(
  "citizens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").references(() => users.id),
    idNumber: text("id_number").notNull().unique(),
    name: text("name").notNull(),
    phone: text("phone"),
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
    /**
     * The reviewer heads their department (科室负责人 / 分管负责人): approves extensions, reassigns
     * the department's tasks, names substitutes and receives escalations. Only a reviewer.
     */
    departmentHead: boolean("department_head").notNull().default(false),
  },
  (t) => [index("staff_department_id_idx").on(t.departmentId)],
);

export const mandateScopes = ["all", "services", "viewOnly"] as const;
/** What a mandate lets its holder do: everything, only the named services, or only look. */
export const mandateScopeEnum = pgEnum("mandate_scope", mandateScopes);
export const mandatePrincipalEnum = pgEnum("mandate_principal", ["entity", "person"]);

/**
 * Who may act for whom (授权委托): a person acting for an enterprise (granted by its legal
 * representative or an administrator they appointed), or for another person (帮办代办, granted by
 * that person). The legal representative needs no mandate: that right is derived from the
 * licence. Status is derived from the dates and `revokedAt`; a mandate is re-read on every request.
 */
export const mandates = pgTable(
  "mandates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    principalKind: mandatePrincipalEnum("principal_kind").notNull(),
    entityId: uuid("entity_id").references(() => entities.id),
    principalPersonId: uuid("principal_person_id").references(() => citizens.id),
    /** The person who may act (a record of the population register; may not have an account yet). */
    agentPersonId: uuid("agent_person_id")
      .notNull()
      .references(() => citizens.id),
    /** An enterprise's administrator may grant and revoke mandates too (only the legal representative appoints one). */
    administrator: boolean("administrator").notNull().default(false),
    /** For a person's agent: how they are related (relative, community helper, other). */
    relationship: text("relationship"),
    scope: mandateScopeEnum("scope").notNull(),
    /** The services a `services` mandate covers, by catalog code. */
    serviceCodes: text("service_codes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    grantedBy: uuid("granted_by")
      .notNull()
      .references(() => users.id),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    revocationReason: text("revocation_reason"),
  },
  (t) => [
    index("mandates_entity_id_idx").on(t.entityId),
    index("mandates_principal_person_id_idx").on(t.principalPersonId),
    index("mandates_agent_person_id_idx").on(t.agentPersonId),
    check(
      "mandates_principal_check",
      sql`(${t.principalKind} = 'entity' and ${t.entityId} is not null and ${t.principalPersonId} is null) or (${t.principalKind} = 'person' and ${t.principalPersonId} is not null and ${t.entityId} is null)`,
    ),
    check("mandates_dates_check", sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

/**
 * A window clerk keying in an application for a walk-in applicant (窗口代录入): who keyed it, for
 * whom, and the consent evidence shown at the counter.
 */
export const windowKeyIns = pgTable(
  "window_key_ins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clerkUserId: uuid("clerk_user_id")
      .notNull()
      .references(() => users.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => citizens.id),
    /** `signedForm`: a signed authorisation form kept on file; `inPerson`: the applicant is at the counter with their ID card. */
    consentKind: text("consent_kind", { enum: ["signedForm", "inPerson"] }).notNull(),
    /** The form's number, or how the ID card was checked. */
    consentReference: text("consent_reference").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("window_key_ins_clerk_idx").on(t.clerkUserId), index("window_key_ins_person_idx").on(t.personId)],
);

/**
 * Signed-in sessions, one row per sign-in. The session cookie (a signed JWT) only names the row;
 * every request checks it, so sign-out, deactivation and role changes end a session at once, and
 * an absolute lifetime bounds it besides the idle one. Whom the person acts for is a choice kept
 * here, re-checked against the mandates on every request.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp("absolute_expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** signOut, signOutEverywhere, deactivated, roleChanged, departmentChanged, passwordChanged, passwordReset */
    revokedReason: text("revoked_reason"),
    /** The browser, as it named itself (truncated): shown on the "my sessions" page. */
    userAgent: text("user_agent"),
    actingEntityId: uuid("acting_entity_id").references(() => entities.id),
    actingPersonId: uuid("acting_person_id").references(() => citizens.id),
    keyInId: uuid("key_in_id").references(() => windowKeyIns.id),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId, t.revokedAt)],
);
