import { createTRPCRouter, dataOfficeProcedure } from "@/server/trpc/init";
import { departmentTasks } from "./department-tasks";
import { readFollowUps } from "./follow-ups";
import { readBottlenecks } from "./read-bottlenecks";
import { readVolumes } from "./read-volumes";

/** The data office's dashboard: figures read from the other modules, nothing written. */
export const dashboardRouter = createTRPCRouter({
  /** Submitted, accepted and decided: today, this month and each of the last 30 days. */
  volumes: dataOfficeProcedure.query(({ ctx }) => readVolumes(ctx.db, ctx.actor, new Date())),
  /** Each department's running, overdue and soon-due tasks. */
  departmentTasks: dataOfficeProcedure.query(({ ctx }) => departmentTasks(ctx.db, ctx.actor, new Date())),
  /** Each bundle's bottleneck over the last 90 days. */
  bottlenecks: dataOfficeProcedure.query(({ ctx }) => readBottlenecks(ctx.db, ctx.actor, new Date())),
  /** Rectification items and late publications, as counts. */
  followUps: dataOfficeProcedure.query(({ ctx }) => readFollowUps(ctx.db, ctx.actor, new Date())),
});
