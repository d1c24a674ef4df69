import { sql } from "drizzle-orm";
import { index, integer, jsonb, numeric, pgEnum, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { applications } from "../applications/schema";
import { entities, users } from "../identity/schema";
import { lifecycleKinds, nameStatuses, releasedNameStatus, type ChangeItem, type ContributionForm, type Particulars } from "./model";

/**
 * Organisation codes market regulation assigns with a new credit code. A sequence hands out each
 * number once, whatever rolls back, so a code is never reused and concurrent approvals never
 * collide.
 */
export const organisationCodeSequence = pgSequence("organisation_code_seq", { startWith: 1, minValue: 1 });

/** The database enum is the machine's one list (model.ts): same values, same order. */
export const nameStatusEnum = pgEnum("name_status", nameStatuses);

/**
 * Enterprise names (企业名称): those registered in the province and those reserved by a founder's
 * declaration. One live name per (division, industry, trade name as read).
 */
export const enterpriseNames = pgTable(
  "enterprise_names",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fullName: text("full_name").notNull(),
    divisionCode: text("division_code").notNull(),
    divisionName: text("division_name").notNull(),
    tradeName: text("trade_name").notNull(),
    normalisedTrade: text("normalised_trade").notNull(),
    industry: text("industry").notNull(),
    form: text("form").notNull(),
    status: nameStatusEnum("status").notNull(),
    reservedBy: uuid("reserved_by").references(() => users.id),
    reservedUntil: timestamp("reserved_until", { withTimezone: true }),
    applicationId: uuid("application_id"),
    entityId: uuid("entity_id").references(() => entities.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("enterprise_names_live_key")
      .on(t.divisionCode, t.industry, t.normalisedTrade)
      .where(sql`${t.status} <> ${sql.raw(`'${releasedNameStatus}'`)}`),
    index("enterprise_names_division_idx").on(t.divisionCode),
    index("enterprise_names_reserved_by_idx").on(t.reservedBy),
  ],
);

export interface Shareholder {
  name: string;
  idNumber: string;
  /** Subscribed contribution in 10,000 yuan. */
  contribution: string;
  /** How it is contributed (`contributionForms`); absent in registrations made before it was asked. */
  contributionForm?: ContributionForm;
  /** 认缴出资期限 (YYYY-MM-DD); absent in registrations made before it was asked. */
  contributionDueOn?: string;
}

/**
 * What a founder declared in the start-a-business form, kept with the application: the parts the
 * bundle's services do not each ask for (shareholders, the address's division, the scope codes).
 */
export const businessRegistrations = pgTable(
  "business_registrations",
  {
    applicationId: uuid("application_id")
      .primaryKey()
      .references(() => applications.id),
    nameId: uuid("name_id")
      .notNull()
      .references(() => enterpriseNames.id),
    entityType: text("entity_type").notNull(),
    registeredCapital: numeric("registered_capital", { precision: 14, scale: 2 }).notNull(),
    divisionCode: text("division_code").notNull(),
    streetAddress: text("street_address").notNull(),
    scopeCodes: text("scope_codes").array().notNull(),
    legalRepresentativeName: text("legal_representative_name").notNull(),
    legalRepresentativeIdNumber: text("legal_representative_id_number").notNull(),
    shareholders: jsonb("shareholders").$type<Shareholder[]>().notNull(),
    employeeCount: integer("employee_count").notNull(),
    founderPhone: text("founder_phone").notNull(),
    /** Set when market regulation approved and the enterprise was registered. */
    entityId: uuid("entity_id").references(() => entities.id),
    creditCode: text("credit_code").unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // A name whose application was withdrawn or denied may be used again by a new one.
  (t) => [index("business_registrations_name_idx").on(t.nameId)],
);

/** The database enum is the model's list of life-cycle kinds. */
export const lifecycleKindEnum = pgEnum("lifecycle_kind", lifecycleKinds);

/**
 * A change (变更) or deregistration (注销) of an existing enterprise, kept with its application:
 * the licence's particulars as read through the gate at submission, the requested ones, and when
 * market regulation's approval took effect (the licence re-issued, or the enterprise deregistered).
 */
export const lifecycleRegistrations = pgTable(
  "lifecycle_registrations",
  {
    applicationId: uuid("application_id")
      .primaryKey()
      .references(() => applications.id),
    kind: lifecycleKindEnum("kind").notNull(),
    entityId: uuid("entity_id")
      .notNull()
      .references(() => entities.id),
    creditCode: text("credit_code").notNull(),
    /** The number of the licence the particulars were read from. */
    licenceNumber: text("licence_number").notNull(),
    before: jsonb("before").$type<Particulars>().notNull(),
    /** The requested particulars (a deregistration requests none: equal to `before`). */
    after: jsonb("after").$type<Particulars>().notNull(),
    items: text("items").array().$type<ChangeItem[]>().notNull(),
    /** The new name, reserved for this application until market regulation registers it. */
    nameId: uuid("name_id").references(() => enterpriseNames.id),
    reason: text("reason"),
    /** When market regulation's approval took effect. */
    effectiveAt: timestamp("effective_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("lifecycle_registrations_entity_idx").on(t.entityId), index("lifecycle_registrations_name_idx").on(t.nameId)],
);
