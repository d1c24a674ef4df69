import { and, asc, eq, gte, inArray, notExists, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { ratableApplicationStatuses } from "../applications/model";
import { applications } from "../applications/schema";
import { applicantUserIds } from "../identity/recipients";
import { notify } from "../notifications/notify";
import type { RatingsAuditAction } from "./model";
import { ratingInvitations } from "./schema";

/** Cases finished longer ago than this are not invited any more (the first run does not invite the whole history). */
export const invitationLookbackDays = 30;

/**
 * Invites the applicants of finished cases to rate them (inbox), once per case. The invitation is
 * derived here from the application's status, by the `ratings.invite` job, rather than by an effect
 * in casework's transactions: casework stays unaware of ratings, a case finished by any path
 * (completion, denial, refusal at the window) is invited the same way, and a run twice invites once
 * (the invitation's key is the application). The case page shows the rating form from the status
 * itself, so the applicant can rate before the job has run.
 */
export async function inviteRaters(db: Db, now: Date = new Date(), options: { batchSize?: number } = {}): Promise<{ invited: number }> {
  const since = new Date(now.getTime() - invitationLookbackDays * 24 * 60 * 60 * 1000);
  const pending = await db
    .select()
    .from(applications)
    .where(
      and(
        inArray(applications.status, [...ratableApplicationStatuses]),
        gte(applications.updatedAt, since),
        notExists(
          db
            .select({ one: sql`1` })
            .from(ratingInvitations)
            .where(eq(ratingInvitations.applicationId, applications.id)),
        ),
      ),
    )
    .orderBy(asc(applications.updatedAt))
    .limit(options.batchSize ?? 200);
  let invited = 0;
  for (const app of pending) {
    await db.transaction(async (tx) => {
      const [row] = await tx.insert(ratingInvitations).values({ applicationId: app.id, invitedAt: now }).onConflictDoNothing().returning();
      if (!row) return;
      invited++;
      await notify(tx, {
        kind: "ratingInvited",
        to: { userIds: await applicantUserIds(tx, app, now) },
        applicationId: app.id,
        params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh },
      });
      await recordAudit<RatingsAuditAction>(tx, {
        streamId: app.id,
        actor: null,
        action: "rating.invite",
        entityType: "application",
        entityId: app.id,
        at: now,
      });
    });
  }
  return { invited };
}
