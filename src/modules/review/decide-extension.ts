import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { lockApplication } from "../applications/transition";
import { shanghaiDate } from "../calendar/model";
import { issueCaseDocument } from "../documents/issue-document";
import { applicantUserIds } from "../identity/recipients";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { notify } from "../notifications/notify";
import { calendarFor } from "./clock";
import type { ZDecideExtensionInput } from "./clock-inputs";
import { refreshDueAt, statutoryDaysOf } from "./clock-facts";
import { datedTaskStatuses, nextExtensionStatus } from "./model";
import { applyExtensionEvent } from "./extension-transition";
import { reviewTasks, taskExtensions } from "./schema";

/**
 * The head of the task's department approves or refuses an extension (Administrative Licensing
 * Law art. 42: "经本行政机关负责人批准，可以延长十日"). Only that department's head may: anyone else
 * gets a field error and nothing is written. On approval, in one transaction: the task's budget
 * grows by the days granted, its due date moves on the official calendar (the statutory limit
 * grows by the same days), a 延期办理告知书 is issued, numbered and signed by the department, and
 * the applicant and the reviewer who asked are told the reason and the new date. A refusal tells
 * the reviewer why; the due date stays.
 */
export async function decideExtension(db: Db, actor: Actor, input: z.output<typeof ZDecideExtensionInput>, now: Date = new Date()) {
  const [known] = await db.select().from(taskExtensions).where(eq(taskExtensions.id, input.extensionId));
  if (!known) throw new DomainError("notFound", "errors.notFound");
  if (actor.role !== "reviewer" || actor.departmentHead !== true || actor.departmentId !== known.departmentId) {
    throw new DomainError("forbidden", "review.clocks.errors.notHead", { field: "outcome" });
  }
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, known.applicationId);
    const [ext] = await tx.select().from(taskExtensions).where(eq(taskExtensions.id, input.extensionId));
    if (!ext) throw new DomainError("notFound", "errors.notFound");
    // Deciding a decided request is an illegal move: checked before anything is computed.
    nextExtensionStatus(ext.status, input.outcome);
    const [task] = await tx.select().from(reviewTasks).where(eq(reviewTasks.id, ext.taskId));
    if (!task) throw new DomainError("notFound", "errors.notFound");
    const note = input.note || null;

    let moved: { previousDueAt: Date; dueAt: Date } | null = null;
    let documentId: string | null = null;
    if (input.outcome === "approve") {
      // Decided or cancelled meanwhile: nothing left to extend.
      if (!datedTaskStatuses.includes(task.status) || !task.dueAt)
        throw new DomainError("invalidInput", "review.clocks.errors.notRunning", { field: "outcome" });
      const cal = await calendarFor(tx);
      const due = await refreshDueAt(tx, cal, task, task.budgetDays + ext.days, now);
      moved = { previousDueAt: task.dueAt, dueAt: due.dueAt ?? task.dueAt };
      const statutoryDays = statutoryDaysOf(app, task.stepKey);
      const doc = await issueCaseDocument(
        tx,
        app,
        {
          kind: "extensionNotice",
          extensionId: ext.id,
          departmentId: task.departmentId,
          stepKey: task.stepKey,
          reason: ext.reason,
          days: ext.days,
          previousDueAt: moved.previousDueAt,
          dueAt: moved.dueAt,
          statutoryDays,
        },
        actor,
        now,
      );
      documentId = doc.id;
    }

    const updated = await applyExtensionEvent(tx, ext, input.outcome, {
      actor,
      now,
      patch: {
        decidedBy: actor.userId,
        decidedAt: now,
        decisionNote: note,
        ...(moved ? { previousDueAt: moved.previousDueAt, newDueAt: moved.dueAt } : {}),
        documentId,
      },
      data: {
        taskId: task.id,
        stepKey: task.stepKey,
        days: ext.days,
        note,
        ...(moved ? { previousDueAt: moved.previousDueAt.toISOString(), dueAt: moved.dueAt.toISOString(), documentId } : {}),
      },
    });

    const base = { trackingNumber: app.trackingNumber ?? "", title: app.titleZh };
    if (moved) {
      const [dept] = await tx.select({ nameZh: departments.nameZh }).from(departments).where(eq(departments.id, task.departmentId));
      await notify(tx, {
        kind: "taskExtended",
        to: { userIds: [...new Set([...(await applicantUserIds(tx, app, now)), ext.requestedBy])] },
        applicationId: app.id,
        params: { ...base, department: dept?.nameZh ?? "", days: String(ext.days), reason: ext.reason, dueDate: shanghaiDate(moved.dueAt) },
      });
    } else {
      await notify(tx, { kind: "extensionRefused", to: { userIds: [ext.requestedBy] }, applicationId: app.id, params: { ...base, note: note ?? "" } });
    }
    return { id: updated.id, status: updated.status, dueAt: moved?.dueAt ?? null, documentId };
  });
}
