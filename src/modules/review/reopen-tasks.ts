import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { ApplicationRow } from "../applications/transition";
import { shanghaiDate } from "@/lib/dates";
import type { Actor } from "../identity/model";
import { staff, users } from "../identity/schema";
import { notify } from "../notifications/notify";
import { calendarFor, computeDueAt, endPauses, pausesOf } from "./clock";
import { reviewTasks } from "./schema";
import { applyTaskEventToAll, type TaskRow } from "./transition";

/**
 * After the applicant answers the merged notice, only the tasks that asked reopen, their clocks
 * running again and their due dates moved by the pause; approvals given meanwhile stand. Each goes
 * back to the reviewer who asked, claimed by them, so the case stays with whoever knows it.
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
  // The reviewer who asked keeps the case: the task goes back to them, claimed, if they are still an
  // active reviewer of its department; otherwise it goes back to the department's queue.
  const askerIds = [...new Set(asking.flatMap((t) => (t.decidedBy ? [t.decidedBy] : [])))];
  const present = askerIds.length
    ? await tx
        .select({ id: users.id, departmentId: staff.departmentId })
        .from(users)
        .innerJoin(staff, eq(staff.userId, users.id))
        .where(and(inArray(users.id, askerIds), eq(users.active, true), eq(users.role, "reviewer")))
    : [];
  const askerOf = (t: TaskRow) => (t.decidedBy && present.some((p) => p.id === t.decidedBy && p.departmentId === t.departmentId) ? t.decidedBy : null);
  const common = { dueAt: undefined as Date | undefined, reminderSentAt: null, overdueNotifiedAt: null };
  const due = (t: TaskRow) => ({
    dueAt: dueOf.get(t.id)?.dueAt,
    dueProvisional: dueOf.get(t.id)?.dueProvisional ?? false,
    dueCalendarYear: dueOf.get(t.id)?.dueCalendarYear,
  });
  const resumed = await applyTaskEventToAll(
    tx,
    asking.filter((t) => askerOf(t) !== null),
    "resume",
    {
      actor,
      now,
      patch: (t) => ({ ...common, ...due(t), claimedBy: askerOf(t), claimedAt: now }),
      data: (t) => ({ dueAt: dueOf.get(t.id)?.dueAt.toISOString(), dueProvisional: dueOf.get(t.id)?.dueProvisional ?? false, claimedBy: askerOf(t) }),
    },
  );
  const reopened = await applyTaskEventToAll(
    tx,
    asking.filter((t) => askerOf(t) === null),
    "reopen",
    {
      actor,
      now,
      patch: (t) => ({ ...common, ...due(t), claimedBy: null, claimedAt: null }),
      data: (t) => ({ dueAt: dueOf.get(t.id)?.dueAt.toISOString(), dueProvisional: dueOf.get(t.id)?.dueProvisional ?? false }),
    },
  );
  for (const task of resumed) {
    await notify(tx, {
      kind: "taskOpened",
      to: { userIds: task.claimedBy ? [task.claimedBy] : [] },
      applicationId: app.id,
      params: {
        trackingNumber: app.trackingNumber ?? "",
        title: app.titleZh,
        dueDate: shanghaiDate(task.dueAt ?? now),
        provisional: task.dueProvisional ? "yes" : "no",
      },
    });
  }
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
