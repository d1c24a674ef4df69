import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { ApplicationRow } from "../applications/transition";
import { shanghaiDate } from "@/lib/dates";
import type { Actor } from "../identity/model";
import { notify } from "../notifications/notify";
import { calendarFor, computeDueAt, endPauses, pausesOf } from "./clock";
import { reviewTasks } from "./schema";
import { applyTaskEventToAll } from "./transition";

/**
 * After the applicant answers the merged notice, only the tasks that asked reopen, their clocks
 * running again and their due dates moved by the pause; approvals given meanwhile stand.
 */
export async function reopenAfterSupplement(tx: Db, app: ApplicationRow, actor: Actor | null, now: Date): Promise<void> {
  const asking = await tx
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.applicationId, app.id), eq(reviewTasks.status, "supplementRequested")));
  const ids = asking.map((t) => t.id);
  await endPauses(tx, ids, now);
  const pauses = await pausesOf(tx, ids);
  const cal = await calendarFor(tx);
  const dueOf = new Map(
    asking.map((t) => [t.id, computeDueAt(cal, { startedAt: t.clockStartedAt ?? now, budgetDays: t.budgetDays, pauses: pauses.get(t.id) ?? [] }, now)]),
  );
  const reopened = await applyTaskEventToAll(tx, asking, "reopen", {
    actor,
    now,
    patch: (t) => ({
      dueAt: dueOf.get(t.id)?.dueAt,
      dueProvisional: dueOf.get(t.id)?.dueProvisional ?? false,
      dueCalendarYear: dueOf.get(t.id)?.dueCalendarYear,
      claimedBy: null,
      claimedAt: null,
      reminderSentAt: null,
      overdueNotifiedAt: null,
    }),
    data: (t) => ({ dueAt: dueOf.get(t.id)?.dueAt.toISOString(), dueProvisional: dueOf.get(t.id)?.dueProvisional ?? false }),
  });
  for (const task of reopened) {
    await notify(tx, {
      kind: "taskOpened",
      to: { departmentIds: [task.departmentId] },
      applicationId: app.id,
      params: {
        trackingNumber: app.trackingNumber ?? "",
        title: app.titleZh,
        dueDate: shanghaiDate(task.dueAt ?? now),
        provisional: task.dueProvisional ? "yes" : "no",
      },
    });
  }
}
