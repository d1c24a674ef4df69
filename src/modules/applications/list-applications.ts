import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { principalOf, type Actor } from "../identity/model";
import type { WindowApplicationStatus } from "./model";
import { users } from "../identity/schema";
import { reviewTasks } from "../review/schema";
import { bundles } from "../catalog/schema";
import { applications } from "./schema";

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
export async function listAcceptanceQueue(db: Db, _actor: Actor, input: { status: WindowApplicationStatus }) {
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
      acceptedAt: applications.acceptedAt,
      steps: sql<number>`jsonb_array_length(${applications.plan})::int`,
    })
    .from(applications)
    // Waiting on the applicant before acceptance: asked by the window (requestCompletion always
    // writes the notice), not by the departments during review.
    .where(input.status === "supplementRequired" ? and(base, sql`${applications.acceptedAt} is null`) : base)
    .orderBy(asc(applications.submittedAt))
    .limit(200);
  return rows;
}
