import { and, asc, desc, eq, gte, inArray, isNotNull } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { grantedApplicationStatuses } from "../applications/model";
import { applications } from "../applications/schema";
import { cachedCalendar } from "../calendar/load-calendar";
import { CalendarRangeError, workingDaysBetween, type WorkCalendar } from "../calendar/model";
import { bundles } from "../catalog/schema";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { decidedTaskStatuses } from "../review/model";
import { reviewTasks } from "../review/schema";
import { nearestRank } from "../serviceIndex/real-durations";
import { bottleneckWindowDays, finishersByBundle, maxBottleneckCases } from "./model";
import { assertDataOffice } from "./office";

export interface Bottleneck {
  bundleCode: string;
  bundleZh: string;
  bundleEn: string;
  /** The bundle's cases granted in the window. */
  cases: number;
  /** The department whose task was decided last most often (on a tie, the first by id). */
  departmentCode: string;
  departmentZh: string;
  departmentEn: string;
  /** In how many of the cases it was the last to decide, and that share of `cases` (0–1, 4 decimals). */
  count: number;
  share: number;
  /** The median (nearest rank) working days its task took in those cases, from its clock's start to its decision. */
  medianWorkingDays: number | null;
}

export interface Bottlenecks {
  windowDays: number;
  /** More cases than `maxBottleneckCases` were granted in the window: the figures cover the most recent ones. */
  truncated: boolean;
  bundles: Bottleneck[];
}

function taskWorkingDays(cal: WorkCalendar, started: Date | null, decided: Date | null): number | null {
  if (!started || !decided) return null;
  try {
    return Math.max(0, workingDaysBetween(cal, shanghaiDate(started), shanghaiDate(decided)));
  } catch (e) {
    if (e instanceof CalendarRangeError) return null;
    throw e;
  }
}

/**
 * The bottleneck of each bundle (一件事): over its cases granted in the last 90 days, the department
 * whose task was decided last — the one the applicant waited for — how often, and how long its
 * task took. Granted cases only: there every department decided, so "last" means something; in a
 * denied case the other departments' tasks are cancelled, not finished. One query picks each
 * case's last decided task (DISTINCT ON the case, latest decision first); the grouping and the
 * medians (on the official calendar) are done here.
 */
export async function readBottlenecks(db: Db, actor: Actor, now: Date = new Date()): Promise<Bottlenecks> {
  assertDataOffice(actor);
  const since = new Date(now.getTime() - bottleneckWindowDays * 86_400_000);
  const last = db
    .selectDistinctOn([applications.id], {
      applicationId: applications.id,
      bundleId: applications.bundleId,
      departmentId: reviewTasks.departmentId,
      clockStartedAt: reviewTasks.clockStartedAt,
      decidedAt: reviewTasks.decidedAt,
    })
    .from(applications)
    .innerJoin(reviewTasks, eq(reviewTasks.applicationId, applications.id))
    .where(
      and(
        isNotNull(applications.bundleId),
        inArray(applications.status, [...grantedApplicationStatuses]),
        gte(applications.decidedAt, since),
        inArray(reviewTasks.status, [...decidedTaskStatuses]),
        isNotNull(reviewTasks.decidedAt),
      ),
    )
    // Two tasks decided at the same instant (the deadline job deeming both approved): the lower department id, to be stable.
    .orderBy(asc(applications.id), desc(reviewTasks.decidedAt), asc(reviewTasks.departmentId))
    .as("last_decisions");
  const rows = await db
    .select()
    .from(last)
    // The last task's decision is the case's (the fan-in grants it in that transaction): most recent first.
    .orderBy(desc(last.decidedAt), asc(last.applicationId))
    .limit(maxBottleneckCases + 1);
  const truncated = rows.length > maxBottleneckCases;
  const cal = await cachedCalendar(db, now.getTime());
  const groups = finishersByBundle(
    rows
      .slice(0, maxBottleneckCases)
      .map((r) => ({ bundleId: r.bundleId ?? "", departmentId: r.departmentId, workingDays: taskWorkingDays(cal, r.clockStartedAt, r.decidedAt) })),
  );
  if (groups.length === 0) return { windowDays: bottleneckWindowDays, truncated, bundles: [] };

  const [bundleRows, departmentRows] = await Promise.all([
    db
      .select({ id: bundles.id, code: bundles.code, nameZh: bundles.nameZh, nameEn: bundles.nameEn })
      .from(bundles)
      .where(
        inArray(
          bundles.id,
          groups.map((g) => g.bundleId),
        ),
      ),
    db
      .select({ id: departments.id, code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn })
      .from(departments)
      .where(
        inArray(
          departments.id,
          groups.map((g) => g.departments[0]!.departmentId),
        ),
      ),
  ]);
  const bundleById = new Map(bundleRows.map((b) => [b.id, b]));
  const departmentById = new Map(departmentRows.map((d) => [d.id, d]));
  return {
    windowDays: bottleneckWindowDays,
    truncated,
    bundles: groups.flatMap((g) => {
      const top = g.departments[0]!;
      const bundle = bundleById.get(g.bundleId);
      const department = departmentById.get(top.departmentId);
      if (!bundle || !department) return [];
      return [
        {
          bundleCode: bundle.code,
          bundleZh: bundle.nameZh,
          bundleEn: bundle.nameEn,
          cases: g.cases,
          departmentCode: department.code,
          departmentZh: department.nameZh,
          departmentEn: department.nameEn,
          count: top.count,
          share: top.share,
          medianWorkingDays: nearestRank(top.workingDays, 50),
        },
      ];
    }),
  };
}
