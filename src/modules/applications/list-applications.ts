import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
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

/** The applicant's own applications, newest first (drafts included). */
export async function listMyApplications(db: Db, actor: Actor) {
  const rows = await db
    .select({ app: applications, bundleCode: bundles.code })
    .from(applications)
    .leftJoin(bundles, eq(bundles.id, applications.bundleId))
    .where(eq(applications.applicantUserId, actor.userId))
    .orderBy(desc(applications.updatedAt))
    .limit(200);
  const progress = await progressFor(
    db,
    rows.map((r) => r.app.id),
  );
  return rows.map(({ app: r, bundleCode }) => ({
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
  }));
}

/**
 * The window's queue: submitted applications waiting for acceptance, oldest first (the
 * five-working-day limit of art. 32 runs from receipt), and those waiting on the applicant.
 */
export async function listAcceptanceQueue(db: Db, _actor: Actor, input: { status: "submitted" | "supplementRequired" }) {
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
