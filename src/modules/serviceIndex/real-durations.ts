import { and, eq, gte, inArray, isNotNull } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { grantedApplicationStatuses } from "../applications/model";
import { applications } from "../applications/schema";
import { cachedCalendar } from "../calendar/load-calendar";
import { workingDaysBetween } from "../calendar/model";
import { bundles, services } from "../catalog/schema";
import { methodology } from "./model";

/** The p-th percentile (0–100) of sorted values by the nearest-rank method; null for none. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export interface RealDurations {
  /** Granted cases of the last 12 months. */
  cases: number;
  /** Below the index's threshold (`methodology.minimumCases`): 数据不足, no figures. */
  sufficient: boolean;
  /** Working days from submission to decision, on the official calendar. */
  median: number | null;
  p90: number | null;
}

/**
 * How long a service (applied for alone) or a bundle has really taken: the median and the 90th
 * percentile (nearest rank) of working days from submission to decision over the cases granted in
 * the 12 months before `now`. Below the index's minimum number of cases nothing is said but the count.
 */
export async function realDurations(db: Db, guide: { kind: "service" | "bundle"; code: string }, now: Date = new Date()): Promise<RealDurations> {
  const since = new Date(now.getTime() - 365 * 86_400_000);
  const subject =
    guide.kind === "service"
      ? await db.select({ id: services.id }).from(services).where(eq(services.code, guide.code))
      : await db.select({ id: bundles.id }).from(bundles).where(eq(bundles.code, guide.code));
  const id = subject[0]?.id;
  if (!id) return { cases: 0, sufficient: false, median: null, p90: null };
  const rows = await db
    .select({ submittedAt: applications.submittedAt, decidedAt: applications.decidedAt })
    .from(applications)
    .where(
      and(
        guide.kind === "service" ? eq(applications.serviceId, id) : eq(applications.bundleId, id),
        inArray(applications.status, [...grantedApplicationStatuses]),
        isNotNull(applications.submittedAt),
        isNotNull(applications.decidedAt),
        gte(applications.decidedAt, since),
      ),
    );
  const cal = await cachedCalendar(db, now.getTime());
  const days = rows
    .flatMap((r) => (r.submittedAt && r.decidedAt ? [Math.max(0, workingDaysBetween(cal, shanghaiDate(r.submittedAt), shanghaiDate(r.decidedAt)))] : []))
    .sort((a, b) => a - b);
  const sufficient = days.length >= methodology.minimumCases;
  return { cases: days.length, sufficient, median: sufficient ? nearestRank(days, 50) : null, p90: sufficient ? nearestRank(days, 90) : null };
}
