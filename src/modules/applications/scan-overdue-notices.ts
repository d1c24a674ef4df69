import { and, asc, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { shanghaiDate } from "@/lib/dates";
import { recordAudit } from "../audit/record-audit";
import { users } from "../identity/schema";
import { notify } from "../notifications/notify";
import type { ApplicationAuditAction } from "./model";
import { applications, supplementNotices } from "./schema";

/**
 * The notice-deadline job: a one-time notice still unanswered after its deadline is reported, once,
 * to the data office and to whoever asked (the departments whose items it holds, or the window
 * for a notice issued at acceptance). The applicant may still answer; the answer is marked late.
 * Each notice is claimed by a conditional update (`overdue_notified_at is null`), so a scan run
 * twice, or on two nodes at once, tells each notice's recipients once.
 */
export async function scanOverdueNotices(db: Db, now: Date = new Date(), options: { batchSize?: number } = {}): Promise<{ notified: number }> {
  const due = await db
    .select({ id: supplementNotices.id })
    .from(supplementNotices)
    .where(and(isNull(supplementNotices.completedAt), isNull(supplementNotices.overdueNotifiedAt), lt(supplementNotices.dueAt, now)))
    .orderBy(asc(supplementNotices.dueAt))
    .limit(options.batchSize ?? 100);
  let notified = 0;
  for (const { id } of due) {
    const told = await db.transaction(async (tx) => {
      const [notice] = await tx
        .update(supplementNotices)
        .set({ overdueNotifiedAt: now })
        .where(and(eq(supplementNotices.id, id), isNull(supplementNotices.completedAt), isNull(supplementNotices.overdueNotifiedAt)))
        .returning();
      if (!notice?.dueAt) return false;
      const [app] = await tx.select().from(applications).where(eq(applications.id, notice.applicationId));
      if (!app) return false;
      const office = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, "dataOffice"), eq(users.active, true)));
      const departmentIds = [...new Set(notice.items.flatMap((i) => (i.departmentId ? [i.departmentId] : [])))];
      const dueDate = shanghaiDate(notice.dueAt);
      await notify(tx, {
        kind: "supplementOverdue",
        to: { userIds: office.map((u) => u.id), departmentIds, windowClerks: notice.stage === "acceptance" },
        applicationId: app.id,
        params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, dueDate },
      });
      await recordAudit<ApplicationAuditAction>(tx, {
        streamId: app.id,
        actor: null,
        action: "application.noticeOverdue",
        entityType: "supplementNotice",
        entityId: notice.id,
        data: { dueAt: notice.dueAt.toISOString(), departments: departmentIds.length },
        at: now,
      });
      return true;
    });
    if (told) notified++;
  }
  return { notified };
}
