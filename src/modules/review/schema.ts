import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { applications, type NoticeItem } from "../applications/schema";
import { services } from "../catalog/schema";
import { departments, users } from "../identity/schema";
import { countersignOpinions, decisionOutcomes, extensionStatuses, opinionTemplateOutcomes, pauseReasons, taskStatuses } from "./model";

/** The database enum is the machine's one list (model.ts): same values, same order. */
export const taskStatusEnum = pgEnum("task_status", taskStatuses);

/** One department's share of the review of one application (审查任务). */
export const reviewTasks = pgTable(
  "review_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    stepKey: text("step_key").notNull(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    status: taskStatusEnum("status").notNull(),
    version: integer("version").notNull().default(1),
    claimedBy: uuid("claimed_by").references(() => users.id),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    /** The clock's facts: when it started and its budget; pauses are in task_pauses. */
    clockStartedAt: timestamp("clock_started_at", { withTimezone: true }),
    budgetDays: integer("budget_days").notNull(),
    /** Derived from the facts above on the official calendar; kept for sorting and job scans. */
    dueAt: timestamp("due_at", { withTimezone: true }),
    /**
     * Whether `dueAt` rests on a provisional calendar year (computed from the holiday rules, not
     * yet published by the State Council); recomputed when the year is published.
     */
    dueProvisional: boolean("due_provisional").notNull().default(false),
    /**
     * The last published calendar year `dueAt` was computed against. A provisional date computed
     * before a later year was published is stale, wherever it ends (the deadline job's sweep).
     */
    dueCalendarYear: integer("due_calendar_year"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reason: text("reason"),
    supplementItems: jsonb("supplement_items").$type<NoticeItem[]>(),
    deemedApproval: boolean("deemed_approval").notNull().default(false),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    overdueNotifiedAt: timestamp("overdue_notified_at", { withTimezone: true }),
    /**
     * A staged bundle: when this waiting step's earlier steps were approved but the applicant
     * still owed the materials its stage needs. The applicant was told then (once: set by a
     * conditional update); the task stays waiting, not claimable, until the materials are in.
     */
    materialsRequestedAt: timestamp("materials_requested_at", { withTimezone: true }),
    /**
     * How far up the escalation ladder an overdue task has been reported (model.ts
     * `escalationLadder`): 0 none beyond the reviewer's overdue notice, then the head, the lead
     * department of the bundle, the data office. Each rung is told once.
     */
    escalationRung: integer("escalation_rung").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("review_tasks_application_step_key").on(t.applicationId, t.stepKey),
    index("review_tasks_queue_idx").on(t.departmentId, t.status, t.dueAt),
    // The queue in its order whatever the status filter (two statuses, all, or a search that
    // matches most cases): walked and stopped after a page (bench:queries at scale).
    index("review_tasks_department_due_idx").on(t.departmentId, t.dueAt, t.createdAt),
    index("review_tasks_due_idx").on(t.status, t.dueAt),
    // Publishing a calendar year looks up the provisional due dates: few rows, a partial index.
    index("review_tasks_due_provisional_idx")
      .on(t.status)
      .where(sql`${t.dueProvisional}`),
    index("review_tasks_claimed_by_idx").on(t.claimedBy),
    index("review_tasks_service_id_idx").on(t.serviceId),
  ],
);

export const pauseReasonEnum = pgEnum("pause_reason", pauseReasons);

/**
 * Intervals a task's clock stood still: waiting for the applicant's supplement, or hearings,
 * inspections and expert review (Administrative Licensing Law art. 45 leaves them out of the limit).
 */
export const taskPauses = pgTable(
  "task_pauses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => reviewTasks.id),
    reason: pauseReasonEnum("reason").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** Why the reviewer paused (a hearing's subject, what is inspected); null for supplement pauses. */
    note: text("note"),
    /** Who started and ended a reviewer's pause; null for supplement pauses (the notice moves them). */
    startedBy: uuid("started_by").references(() => users.id),
    endedBy: uuid("ended_by").references(() => users.id),
  },
  (t) => [
    index("task_pauses_task_id_idx").on(t.taskId),
    // One running pause per task at a time: a second start while one runs is refused.
    uniqueIndex("task_pauses_running_key")
      .on(t.taskId)
      .where(sql`${t.endedAt} is null`),
    index("task_pauses_started_by_idx").on(t.startedBy),
    index("task_pauses_ended_by_idx").on(t.endedBy),
  ],
);

export const extensionStatusEnum = pgEnum("extension_status", extensionStatuses);

/**
 * Extensions (延期, Administrative Licensing Law art. 42): a reviewer asks for up to 10 working
 * days with a reason, the head of the task's department approves or refuses. On approval the
 * task's budget grows by `days`, its due date moves on the official calendar and the applicant gets
 * a 延期办理告知书 (`documentId`).
 */
export const taskExtensions = pgTable(
  "task_extensions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => reviewTasks.id),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    status: extensionStatusEnum("status").notNull(),
    days: integer("days").notNull(),
    reason: text("reason").notNull(),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The head's note: why refused (required then), optional on approval. */
    decisionNote: text("decision_note"),
    /** The due date before and after the approval (facts kept for the notice and the timeline). */
    previousDueAt: timestamp("previous_due_at", { withTimezone: true }),
    newDueAt: timestamp("new_due_at", { withTimezone: true }),
    /** The 延期办理告知书 issued on approval (a case_documents row). */
    documentId: uuid("document_id"),
  },
  (t) => [
    index("task_extensions_task_id_idx").on(t.taskId),
    index("task_extensions_application_id_idx").on(t.applicationId),
    // The head's queue: requests of a department still to be decided.
    index("task_extensions_department_status_idx").on(t.departmentId, t.status),
    index("task_extensions_requested_by_idx").on(t.requestedBy),
    index("task_extensions_decided_by_idx").on(t.decidedBy),
    // At most one request standing or granted per task (art. 42: one extension); races lose here.
    uniqueIndex("task_extensions_one_per_task_key")
      .on(t.taskId)
      .where(sql`${t.status} in ('requested', 'approved')`),
  ],
);

/** Every decision taken on a task, in order: a task may ask for material, then approve. */
export const decisions = pgTable(
  "decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => reviewTasks.id),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    outcome: text("outcome", { enum: decisionOutcomes }).notNull(),
    reason: text("reason"),
    items: jsonb("items").$type<NoticeItem[]>(),
    /** Null when the system decided (deemed approval). */
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("decisions_task_id_idx").on(t.taskId), index("decisions_application_id_idx").on(t.applicationId)],
);

/**
 * A department's opinion templates (审查意见模板): standard wording a reviewer picks to fill the
 * opinion of an approval or a denial, kept per department by the data office.
 */
export const opinionTemplates = pgTable(
  "opinion_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    outcome: text("outcome", { enum: opinionTemplateOutcomes }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("opinion_templates_department_title_key").on(t.departmentId, t.title), index("opinion_templates_updated_by_idx").on(t.updatedBy)],
);

/**
 * A countersign (加签): the reviewer holding a task asks a second reviewer of the same department
 * for an opinion, with a reason; the task cannot be decided while one is unanswered. Both the
 * request and the opinion (agree or disagree, with text) are kept.
 */
export const countersigns = pgTable(
  "countersigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => reviewTasks.id),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    countersignerId: uuid("countersigner_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    /** Null until the countersigner has given their opinion. */
    opinion: text("opinion", { enum: countersignOpinions }),
    opinionText: text("opinion_text"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [
    index("countersigns_task_id_idx").on(t.taskId),
    index("countersigns_application_id_idx").on(t.applicationId),
    index("countersigns_department_id_idx").on(t.departmentId),
    index("countersigns_requested_by_idx").on(t.requestedBy),
    // A countersigner's unanswered requests.
    index("countersigns_countersigner_idx").on(t.countersignerId, t.answeredAt),
  ],
);

/**
 * A substitute (代岗) named by the head of a department for an absent reviewer over a range of
 * days (Shanghai dates, both included): meanwhile the absent reviewer's claimed tasks are in the
 * substitute's "mine" and the substitute may decide them.
 */
export const substitutes = pgTable(
  "substitutes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    departmentId: uuid("department_id")
      .notNull()
      .references(() => departments.id),
    absentUserId: uuid("absent_user_id")
      .notNull()
      .references(() => users.id),
    substituteUserId: uuid("substitute_user_id")
      .notNull()
      .references(() => users.id),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    reason: text("reason").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("substitutes_department_id_idx").on(t.departmentId, t.endsOn),
    index("substitutes_substitute_idx").on(t.substituteUserId, t.startsOn, t.endsOn),
    index("substitutes_absent_user_id_idx").on(t.absentUserId),
    index("substitutes_created_by_idx").on(t.createdBy),
    check("substitutes_range", sql`${t.startsOn} <= ${t.endsOn}`),
    check("substitutes_not_oneself", sql`${t.absentUserId} <> ${t.substituteUserId}`),
  ],
);
