import { date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { applications } from "../applications/schema";
import { commitmentMethods } from "../catalog/model";
import { departments, users } from "../identity/schema";
import { verificationStatuses } from "./model";

export const verificationStatusEnum = pgEnum("commitment_verification_status", verificationStatuses);
export const commitmentMethodEnum = pgEnum("commitment_method", commitmentMethods);

/**
 * One verification task (核查) per committed material of an approved application, for the
 * department the catalog's rule named, due the rule's working days after approval on the official
 * calendar. The notice and rule are the ones the applicant accepted (the application's plan).
 */
export const commitmentVerifications = pgTable(
  "commitment_verifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    materialKey: text("material_key").notNull(),
    materialNameZh: text("material_name_zh").notNull(),
    materialNameEn: text("material_name_en").notNull(),
    /** The applicant: a credit code or an ID number (whose credit record a failure writes). */
    subjectCode: text("subject_code").notNull(),
    subjectName: text("subject_name").notNull(),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    method: commitmentMethodEnum("method").notNull(),
    workingDays: integer("working_days").notNull(),
    openedOn: date("opened_on", { mode: "string" }).notNull(),
    /** The last day to verify: approval day + the rule's working days. */
    dueOn: date("due_on", { mode: "string" }).notNull(),
    status: verificationStatusEnum("status").notNull(),
    version: integer("version").notNull().default(1),
    /** What the department found (required for a result). */
    finding: text("finding"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("commitment_verifications_application_material_key").on(t.applicationId, t.materialKey),
    index("commitment_verifications_department_idx").on(t.departmentId, t.status, t.dueOn),
    index("commitment_verifications_subject_idx").on(t.subjectCode),
    index("commitment_verifications_decided_by_idx").on(t.decidedBy),
  ],
);
