import { date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { certificateTypes, services } from "../catalog/schema";
import { users } from "../identity/schema";
import { recognitionStatuses } from "./model";

/** The database enum is the model's list: same values, same order. */
export const recognitionStatusEnum = pgEnum("recognition_status", recognitionStatuses);

/**
 * One entry of this node's recognition matrix: for `serviceCode` (a service of this region), a
 * certificate of type `foreignTypeCode` issued in `foreignRegion` (`src/lib/regions.ts`, never this
 * node's own region) is accepted in place of this region's `localTypeCode`, on `legalBasis`, from
 * `validFrom` to `validUntil` (both included; null: open-ended). The foreign type's names are kept
 * here as the other region publishes them: this node has no row of the other region's catalog.
 * At most one current entry per (service, region, foreign type).
 */
export const recognitions = pgTable(
  "recognitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serviceCode: text("service_code")
      .notNull()
      .references(() => services.code),
    /** A region code of `src/lib/regions.ts` other than this node's (checked by the use cases). */
    foreignRegion: text("foreign_region").notNull(),
    foreignTypeCode: text("foreign_type_code").notNull(),
    foreignTypeNameZh: text("foreign_type_name_zh").notNull(),
    foreignTypeNameEn: text("foreign_type_name_en").notNull(),
    localTypeCode: text("local_type_code")
      .notNull()
      .references(() => certificateTypes.code),
    legalBasis: text("legal_basis").notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validUntil: date("valid_until", { mode: "string" }),
    status: recognitionStatusEnum("status").notNull(),
    version: integer("version").notNull().default(1),
    /** Null when a province file brought the entry. */
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    endedBy: uuid("ended_by").references(() => users.id),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    // The duplicate rule, also as a constraint: one current entry per (service, region, foreign type).
    uniqueIndex("recognitions_current_key")
      .on(t.serviceCode, t.foreignRegion, t.foreignTypeCode)
      .where(sql`${t.status} = 'active'`),
    index("recognitions_lookup_idx").on(t.serviceCode, t.foreignRegion, t.status),
    index("recognitions_local_type_idx").on(t.localTypeCode),
    index("recognitions_created_by_idx").on(t.createdBy),
    index("recognitions_ended_by_idx").on(t.endedBy),
  ],
);

/** A field or material of a forwardable service, named as the competent region's catalog names it. */
export interface ForwardingItem {
  key: string;
  nameZh: string;
  nameEn: string;
}

/** A situation question (办理情形) of a forwardable service, with its options. */
export interface ForwardingSituation extends ForwardingItem {
  options: Array<{ value: string; labelZh: string; labelEn: string }>;
}

/**
 * 异地代收代办: which service of `competentRegion` may be accepted on its behalf by the windows of
 * `acceptingRegion`. On the competent node a row opens its own service to forwarding from that
 * region (a forwarded application for anything else is refused `serviceNotForwardable`); on the
 * accepting node it says what the window may accept and for whom, with the service's form fields
 * and file materials as the competent region publishes them (this node has no row of that
 * catalog). Published in `GET /api/open/recognition.json` (`forwarding`). Ended, not deleted.
 */
export const forwardingOpenings = pgTable(
  "forwarding_openings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    competentRegion: text("competent_region").notNull(),
    acceptingRegion: text("accepting_region").notNull(),
    serviceCode: text("service_code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    situations: jsonb("situations").$type<ForwardingSituation[]>().notNull(),
    fields: jsonb("fields").$type<ForwardingItem[]>().notNull(),
    materials: jsonb("materials").$type<ForwardingItem[]>().notNull(),
    legalBasis: text("legal_basis").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("forwarding_openings_current_key")
      .on(t.competentRegion, t.acceptingRegion, t.serviceCode)
      .where(sql`${t.endedAt} is null`),
  ],
);
