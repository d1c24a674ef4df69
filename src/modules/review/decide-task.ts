import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { keyParam } from "@/lib/message";
import type { Db } from "@/server/db/client";
import { toNoticeItems } from "../applications/notice-items";
import { lockApplication } from "../applications/transition";
import { departments } from "../identity/schema";
import type { Actor } from "../identity/model";
import { applicantUserIds } from "../identity/recipients";
import { notify } from "../notifications/notify";
import { loadOwnTask } from "./claim-task";
import { assertNoPendingCountersign } from "./countersigns";
import { standsInFor } from "./substitutes";
import { applyTaskEvent } from "./transition";
import { runFanIn } from "./fan-in";
import { endReviewerPauses } from "./clock-facts";
import type { ZDecideTaskInput } from "./inputs";
import { decisions } from "./schema";
import { eq } from "drizzle-orm";

const eventFor = { approved: "approve", denied: "deny", supplementRequested: "requestSupplement" } as const;

/**
 * A reviewer decides their department's task: approve, deny (with a reason) or ask for material
 * (with items); an unclaimed task is claimed by the decider in the same transaction. The application row is locked first, then the task moves by compare-and-set on its
 * version — of two decisions on one task, one wins and the other gets a conflict —, then the
 * fan-in decides what the application does next, all in one transaction.
 */
export async function decideTask(db: Db, actor: Actor, input: z.output<typeof ZDecideTaskInput>, now: Date = new Date()) {
  const known = await loadOwnTask(db, actor, input.taskId);
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, known.applicationId);
    let task = await loadOwnTask(tx, actor, input.taskId);
    // A stale version means someone decided first: that is a conflict, whatever it did to the
    // application (a denial closes it), so the loser of a race always hears the same thing.
    if (task.version !== input.version) throw new DomainError("conflict", "errors.taskConflict");
    // The holder decides, or the substitute the head named for them today (代岗).
    if (task.status === "claimed" && task.claimedBy !== actor.userId && !(await standsInFor(tx, actor.userId, task.claimedBy, task.departmentId, now)))
      throw new DomainError("forbidden", "errors.notClaimer");
    if (app.status !== "inReview")
      throw new DomainError("illegalTransition", "errors.illegalTransition", {
        params: { machine: "application", from: keyParam(`applications.status.application.${app.status}`), event: "decide" },
      });
    // 加签: the countersigner's opinion comes before the decision.
    await assertNoPendingCountersign(tx, task.id);

    // A decision ends a hearing, inspection or expert-review pause still running: the clock has done its work.
    await endReviewerPauses(tx, task.id, actor, now);

    // Claim-and-decide: a reviewer deciding an unclaimed task claims it in the same transaction,
    // so the claim and the decision stand or fall together (and the audit shows both).
    if (task.status === "open") {
      task = await applyTaskEvent(tx, task, "claim", { actor, now, patch: { claimedBy: actor.userId, claimedAt: now }, data: { withDecision: true } });
    }

    const reason = input.outcome === "supplementRequested" ? null : (input.reason ?? null);
    const items =
      input.outcome === "supplementRequested" ? await toNoticeItems(tx, app, input.items, { departmentId: task.departmentId, taskId: task.id }) : null;
    const decided = await applyTaskEvent(tx, task, eventFor[input.outcome], {
      actor,
      now,
      expectedVersion: task.version,
      patch: { decidedBy: actor.userId, decidedAt: now, reason, supplementItems: items },
      data: { reason, items: items?.length },
    });
    await tx
      .insert(decisions)
      .values({
        taskId: task.id,
        applicationId: app.id,
        departmentId: task.departmentId,
        outcome: input.outcome,
        reason,
        items,
        decidedBy: actor.userId,
        decidedAt: now,
      });
    // One notice (一次性告知): a department's request reaches the applicant only in the merged
    // notice the fan-in sends when the last running department has spoken, never on its own.
    if (input.outcome !== "supplementRequested") {
      const [department] = await tx.select({ nameZh: departments.nameZh }).from(departments).where(eq(departments.id, task.departmentId));
      await notify(tx, {
        kind: "taskDecided",
        to: { userIds: await applicantUserIds(tx, app, now) },
        applicationId: app.id,
        params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, department: department?.nameZh ?? "", outcome: input.outcome },
      });
    }
    const after = await runFanIn(tx, app, actor, now);
    return { taskId: decided.id, taskStatus: decided.status, taskVersion: decided.version, applicationStatus: after.status };
  });
}
