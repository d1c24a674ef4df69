import { bigserial, boolean, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { applicationStatusEnum } from "../applications/schema";
import { taskStatusEnum } from "../review/schema";

/**
 * The open-data aggregates, precomputed (issue 15): counts kept by triggers on `applications` and
 * `review_tasks` (migration 0044), in the same transaction as the write that changes a counted
 * column. A trigger only appends a row (+1 for the new key, -1 for the old one): no row is
 * updated, so two transactions never wait for each other here. `foldOpenDataCounts` (the
 * `openData.fold` job, every minute) collapses the rows into one per key; the datasets sum
 * whatever is there, folded or not, so they are always current.
 */
export const openDataApplicationCounts = pgTable("open_data_application_counts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** The month of submission in China time, `YYYY-MM`. Only submitted applications are counted. */
  month: text("month").notNull(),
  serviceId: uuid("service_id"),
  bundleId: uuid("bundle_id"),
  status: applicationStatusEnum("status").notNull(),
  n: integer("n").notNull(),
});

export const openDataTaskCounts = pgTable("open_data_task_counts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  departmentId: uuid("department_id").notNull(),
  status: taskStatusEnum("status").notNull(),
  /** Decided at or before the due date (null dates: not on time). */
  onTime: boolean("on_time").notNull(),
  n: integer("n").notNull(),
});
