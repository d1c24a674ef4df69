import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { applications } from "../applications/schema";
import { shanghaiDate } from "@/lib/dates";
import type { Actor } from "../identity/model";
import { notify } from "../notifications/notify";
import { isRemoteStep, openRemoteParts } from "../applications/joint-outgoing";
import { calendarFor, computeDueAt } from "./clock";
import { initialTaskStatus } from "./model";
import { reviewTasks } from "./schema";
import { applyTaskEventToAll } from "./transition";

type ApplicationRow = typeof applications.$inferSelect;

/**
 * At acceptance: one review task per step of the plan, `waiting` until the steps it needs are
 * approved; the steps that need nothing open at once, each with its clock.
 */
export async function createReviewTasks(tx: Db, application: ApplicationRow, actor: Actor | null, now: Date): Promise<void> {
  await tx
    .insert(reviewTasks)
    .values(
      application.plan.map((step) => ({
        applicationId: application.id,
        stepKey: step.key,
        serviceId: step.serviceId,
        departmentId: step.departmentId,
        status: initialTaskStatus,
        budgetDays: step.promisedDays,
      })),
    )
    .onConflictDoNothing();
  const ready = application.plan.filter((s) => s.needs.length === 0).map((s) => s.key);
  await openTasks(tx, application, ready, actor, now);
}

/**
 * Opens waiting tasks through the task machine: starts their clocks, derives due dates, tells
 * their departments. Only tasks still waiting are picked (the caller holds the application's
 * lock, so they cannot move meanwhile): a step opens once.
 */
export async function openTasks(tx: Db, application: ApplicationRow, stepKeys: string[], actor: Actor | null, now: Date): Promise<void> {
  if (stepKeys.length === 0) return;
  const cal = await calendarFor(tx);
  const waiting = await tx
    .select()
    .from(reviewTasks)
    .where(and(eq(reviewTasks.applicationId, application.id), inArray(reviewTasks.stepKey, stepKeys), eq(reviewTasks.status, initialTaskStatus)));
  const dueOf = new Map(waiting.map((t) => [t.id, computeDueAt(cal, { startedAt: now, budgetDays: t.budgetDays, pauses: [] }, now)]));
  const opened = await applyTaskEventToAll(tx, waiting, "open", {
    actor,
    now,
    patch: (t) => ({
      clockStartedAt: now,
      dueAt: dueOf.get(t.id)?.dueAt,
      dueProvisional: dueOf.get(t.id)?.dueProvisional ?? false,
      dueCalendarYear: dueOf.get(t.id)?.dueCalendarYear,
    }),
    data: (t) => ({ dueAt: dueOf.get(t.id)?.dueAt.toISOString(), dueProvisional: dueOf.get(t.id)?.dueProvisional ?? false }),
  });
  // 多地联办: a partner region's step is sent to its node (outbox) instead of a local queue.
  await openRemoteParts(tx, application, opened, now);
  const stepOf = new Map(application.plan.map((s) => [s.key, s]));
  for (const task of opened) {
    if (isRemoteStep(stepOf.get(task.stepKey))) continue;
    await notify(tx, {
      kind: "taskOpened",
      to: { departmentIds: [task.departmentId] },
      applicationId: application.id,
      params: {
        trackingNumber: application.trackingNumber ?? "",
        title: application.titleZh,
        dueDate: shanghaiDate(task.dueAt ?? now),
        provisional: task.dueProvisional ? "yes" : "no",
      },
    });
  }
}
