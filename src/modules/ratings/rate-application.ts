import { and, eq, isNull } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { cachedCalendar } from "../calendar/load-calendar";
import { addWorkingDays } from "../calendar/model";
import type { Actor } from "../identity/model";
import { notify } from "../notifications/notify";
import { ZRateInput, type RateInput } from "./inputs";
import { initialRectificationStatus, isBadRating, mayChangeRating, rectificationDueWorkingDays, type RatingsAuditAction } from "./model";
import { ratings, rectificationItems } from "./schema";
import { applicantsApplication, assertRatable, decidingDepartments } from "./targets";

export interface RateResult {
  ratingId: string;
  /** A rectification item opened by this rating (a bad rating of a department, the first time). */
  rectificationItemId: string | null;
}

/**
 * The applicant rates a finished case (好差评), overall or one deciding department: one rating per
 * application and department, changeable within 7 calendar days of the first. A department rated
 * 不满意 or worse gets a rectification item due in 5 working days; one item per rating, so changing
 * a rating does not open another (nor close the one opened).
 */
export async function rateApplication(db: Db, actor: Actor, raw: RateInput, now: Date = new Date()): Promise<RateResult> {
  const input = ZRateInput.parse(raw);
  const cal = await cachedCalendar(db, now.getTime());
  return db.transaction(async (tx) => {
    // The application row locked: two ratings of one department at once do not both insert.
    const app = await applicantsApplication(tx, actor, input.applicationId, "act", true);
    assertRatable(app);
    const departmentId = input.departmentId ?? null;
    const department = departmentId ? (await decidingDepartments(tx, app.id)).find((d) => d.id === departmentId) : null;
    if (departmentId && !department) throw new DomainError("invalidInput", "ratings.errors.department", { field: "departmentId" });

    const [existing] = await tx
      .select()
      .from(ratings)
      .where(and(eq(ratings.applicationId, app.id), departmentId ? eq(ratings.departmentId, departmentId) : isNull(ratings.departmentId)));
    const values = { level: input.level, tags: input.tags, comment: input.comment, ratedBy: actor.userId, updatedAt: now };
    let ratingId: string;
    if (existing) {
      if (!mayChangeRating(existing.firstRatedAt, now)) throw new DomainError("conflict", "ratings.errors.changeWindow", { field: "level" });
      const [changed] = await tx
        .update(ratings)
        .set({ ...values, version: existing.version + 1 })
        .where(and(eq(ratings.id, existing.id), eq(ratings.version, existing.version)))
        .returning({ id: ratings.id });
      if (!changed) throw new DomainError("conflict", "errors.conflict");
      ratingId = existing.id;
    } else {
      const [row] = await tx
        .insert(ratings)
        .values({ applicationId: app.id, departmentId, firstRatedAt: now, ...values })
        .returning({ id: ratings.id });
      if (!row) throw new Error("rating not written");
      ratingId = row.id;
    }
    const actorRef = { userId: actor.userId, role: actor.role };
    await recordAudit<RatingsAuditAction>(tx, {
      streamId: app.id,
      actor: actorRef,
      action: existing ? "rating.change" : "rating.rate",
      entityType: "rating",
      entityId: ratingId,
      from: existing?.level ?? null,
      to: input.level,
      data: { departmentId, tags: input.tags, commentLength: input.comment.length },
      at: now,
    });

    let rectificationItemId: string | null = null;
    if (department && isBadRating(input.level)) {
      const openedOn = shanghaiDate(now);
      const dueOn = addWorkingDays(cal, openedOn, rectificationDueWorkingDays);
      const [item] = await tx
        .insert(rectificationItems)
        .values({ ratingId, applicationId: app.id, departmentId: department.id, status: initialRectificationStatus, openedAt: now, openedOn, dueOn })
        .onConflictDoNothing()
        .returning({ id: rectificationItems.id });
      if (item) {
        rectificationItemId = item.id;
        await recordAudit<RatingsAuditAction>(tx, {
          streamId: app.id,
          actor: actorRef,
          action: "rectification.open",
          entityType: "rectificationItem",
          entityId: item.id,
          to: initialRectificationStatus,
          data: { departmentId: department.id, dueOn },
          at: now,
        });
        await notify(tx, {
          kind: "rectificationOpened",
          to: { departmentIds: [department.id] },
          applicationId: app.id,
          params: { trackingNumber: app.trackingNumber ?? "", department: department.nameZh, dueDate: dueOn },
        });
      }
    }
    return { ratingId, rectificationItemId };
  });
}
