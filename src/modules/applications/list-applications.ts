import { and, asc, desc, eq, exists, inArray, isNotNull, max, or, sql, type SQL } from "drizzle-orm";
import { cachedCalendar } from "../calendar/load-calendar";
import { isOverdue, remainingWorkingDays } from "../calendar/model";
import type { Db } from "@/server/db/client";
import { principalOf, type Actor } from "../identity/model";
import type { WindowApplicationStatus } from "./model";
import { users } from "../identity/schema";
import { reviewTasks } from "../review/schema";
import { bundles } from "../catalog/schema";
import { applications, supplementNotices } from "./schema";
import { applicantNameContains } from "./name-search";
import { cappedCount } from "@/server/db/capped-count";

async function progressFor(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { decided: number; total: number }>();
  const rows = await db
    .select({
      applicationId: reviewTasks.applicationId,
      total: sql<number>`count(*)::int`,
      decided: sql<number>`count(*) filter (where ${reviewTasks.status} in ('approved','denied'))::int`,
    })
    .from(reviewTasks)
    .where(inArray(reviewTasks.applicationId, ids))
    .groupBy(reviewTasks.applicationId);
  return new Map(rows.map((r) => [r.applicationId, { decided: Number(r.decided), total: Number(r.total) }]));
}

/**
 * The applicant's applications, newest first (drafts included): the person's, or the
 * enterprise's (whoever of its people filed them). A `services` mandate sees only its services;
 * the window keying in sees only what it keyed in during this visit.
 */
export async function listMyApplications(db: Db, actor: Actor) {
  const principalId = principalOf(actor);
  if (!principalId) return [];
  const a = actor.agency;
  const scoped =
    a?.kind === "window"
      ? eq(applications.windowKeyInId, a.keyInId ?? "")
      : a?.scope === "services" && a.serviceCodes.length === 0
        ? sql`false`
        : a?.scope === "services"
          ? sql`exists (select 1 from jsonb_array_elements(${applications.plan}) s where s->>'serviceCode' in (${sql.join(
              a.serviceCodes.map((c) => sql`${c}`),
              sql`, `,
            )}))`
          : undefined;
  const rows = await db
    .select({ app: applications, bundleCode: bundles.code, filerName: users.displayName })
    .from(applications)
    .leftJoin(bundles, eq(bundles.id, applications.bundleId))
    .innerJoin(users, eq(users.id, applications.filedByUserId))
    .where(and(eq(applications.principalId, principalId), scoped))
    .orderBy(desc(applications.updatedAt))
    .limit(200);
  const progress = await progressFor(
    db,
    rows.map((r) => r.app.id),
  );
  return rows.map(({ app: r, bundleCode, filerName }) => ({
    id: r.id,
    trackingNumber: r.trackingNumber,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    status: r.status,
    submittedAt: r.submittedAt,
    updatedAt: r.updatedAt,
    progress: progress.get(r.id) ?? { decided: 0, total: r.plan.length },
    // A draft is resumed on its form, under the same key.
    resumePath:
      r.status === "draft" && r.idempotencyKey
        ? `/apply/${bundleCode ? "bundle" : "service"}/${encodeURIComponent(bundleCode ?? r.plan[0]?.serviceCode ?? "")}?key=${r.idempotencyKey}`
        : null,
    filedByName: r.filedAs === "self" ? null : filerName,
    filedAs: r.filedAs,
  }));
}

/**
 * The window's queue: submitted applications waiting for acceptance, oldest first (the
 * five-working-day limit of art. 32 runs from receipt), and those waiting on the applicant.
 */
export async function listAcceptanceQueue(db: Db, _actor: Actor, input: { status: WindowApplicationStatus }, now: Date = new Date()) {
  const cal = await cachedCalendar(db);
  const base = eq(applications.status, input.status);
  const rows = await db
    .select({
      id: applications.id,
      trackingNumber: applications.trackingNumber,
      titleZh: applications.titleZh,
      titleEn: applications.titleEn,
      applicantName: applications.applicantName,
      applicantKind: applications.applicantKind,
      status: applications.status,
      version: applications.version,
      submittedAt: applications.submittedAt,
      acceptanceDueAt: applications.acceptanceDueAt,
      acceptanceDueProvisional: applications.acceptanceDueProvisional,
      acceptedAt: applications.acceptedAt,
      /** A department sent it back (退回窗口): why, shown while the window holds it again. */
      returnedAt: applications.returnedAt,
      returnReason: applications.returnReason,
      steps: sql<number>`jsonb_array_length(${applications.plan})::int`,
    })
    .from(applications)
    // Waiting on the applicant before acceptance: asked by the window (requestCompletion always
    // writes the notice), not by the departments during review.
    .where(input.status === "supplementRequired" ? and(base, sql`${applications.acceptedAt} is null`) : base)
    .orderBy(asc(applications.submittedAt))
    .limit(200);
  // The acceptance clock counts down only while the window holds the case (not while the applicant completes it).
  const running = input.status === "submitted";
  return rows.map((r) => ({
    ...r,
    remainingDays: running && r.acceptanceDueAt ? remainingWorkingDays(cal, r.acceptanceDueAt, now) : null,
    overdue: running && r.acceptanceDueAt ? isOverdue(r.acceptanceDueAt, now) : false,
  }));
}

export const processedPageSize = 50;

/** What the window did with a case, the latest: accepted, returned for completion, or refused. */
export type WindowOutcome = "accepted" | "returned" | "refused";

/**
 * The window's processed cases (已处理): those it accepted (a clerk, not automatic acceptance),
 * refused (不予受理) or returned for completion, the latest first, searchable by the exact tracking
 * number, the applicant's exact code or a part of the name, a page at a time with the total.
 */
export async function listProcessed(db: Db, _actor: Actor, input: { q?: string; page: number }) {
  const returned = exists(
    db
      .select({ one: sql`1` })
      .from(supplementNotices)
      .where(and(eq(supplementNotices.applicationId, applications.id), eq(supplementNotices.stage, "acceptance"))),
  );
  const conditions: SQL[] = [or(isNotNull(applications.acceptedBy), eq(applications.status, "notAccepted"), returned) as SQL];
  if (input.q) {
    conditions.push(or(eq(applications.trackingNumber, input.q), eq(applications.holderCode, input.q.toUpperCase()), applicantNameContains(input.q)) as SQL);
  }
  const order = [desc(sql`coalesce(${applications.acceptedAt}, ${applications.decidedAt}, ${applications.submittedAt})`), desc(applications.id)];
  // Counted along `applications_processed_order_idx`, up to a bound (see cappedCount).
  const { total, capped } = await cappedCount(
    db,
    db
      .select({ one: sql`1` })
      .from(applications)
      .where(and(...conditions))
      .orderBy(...order)
      .getSQL(),
    (input.page - 1) * processedPageSize,
  );
  // Built with the query builder so its columns are qualified: in a plain template `id` would be
  // the notice's own id, and the subquery would never find the case's notice.
  const lastNotice = sql<Date | null>`(${db
    .select({ at: max(supplementNotices.issuedAt) })
    .from(supplementNotices)
    .where(and(eq(supplementNotices.applicationId, applications.id), eq(supplementNotices.stage, "acceptance")))})`;
  const rows = await db
    .select({
      id: applications.id,
      trackingNumber: applications.trackingNumber,
      titleZh: applications.titleZh,
      titleEn: applications.titleEn,
      applicantName: applications.applicantName,
      applicantKind: applications.applicantKind,
      status: applications.status,
      submittedAt: applications.submittedAt,
      acceptedAt: applications.acceptedAt,
      acceptedBy: applications.acceptedBy,
      decidedAt: applications.decidedAt,
      returnedAt: lastNotice.mapWith((v: string | Date | null) => (v ? new Date(v) : null)),
    })
    .from(applications)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(processedPageSize)
    .offset((input.page - 1) * processedPageSize);
  return {
    total,
    totalCapped: capped,
    page: input.page,
    pageSize: processedPageSize,
    rows: rows.map((r) => {
      const outcome: WindowOutcome = r.acceptedBy ? "accepted" : r.status === "notAccepted" ? "refused" : "returned";
      const at = outcome === "accepted" ? r.acceptedAt : outcome === "refused" ? r.decidedAt : r.returnedAt;
      return {
        id: r.id,
        trackingNumber: r.trackingNumber,
        titleZh: r.titleZh,
        titleEn: r.titleEn,
        applicantName: r.applicantName,
        applicantKind: r.applicantKind,
        status: r.status,
        submittedAt: r.submittedAt,
        outcome,
        at,
      };
    }),
  };
}
