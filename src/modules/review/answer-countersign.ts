import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { lockApplication } from "../applications/transition";
import type { Actor } from "../identity/model";
import { notify } from "../notifications/notify";
import { loadOwnTask } from "./claim-task";
import type { TaskAuditAction } from "./model";
import type { ZAnswerCountersignInput } from "./ops-inputs";
import { countersigns } from "./schema";

/**
 * The countersigner gives their opinion (agree or disagree, with text) on a task of their
 * department. Once, by a conditional update: a second answer is a conflict. The reviewer who asked
 * is told and may then decide; both opinions stay on the task and in the case's history.
 */
export async function answerCountersign(db: Db, actor: Actor, input: z.output<typeof ZAnswerCountersignInput>, now: Date = new Date()) {
  const [known] = await db.select().from(countersigns).where(eq(countersigns.id, input.countersignId));
  if (!known) throw new DomainError("notFound", "errors.notFound");
  if (known.countersignerId !== actor.userId) throw new DomainError("forbidden", "review.ops.errors.notCountersigner");
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, known.applicationId);
    // Still a task of the countersigner's department (it may have been transferred meanwhile).
    const task = await loadOwnTask(tx, actor, known.taskId);
    const [answered] = await tx
      .update(countersigns)
      .set({ opinion: input.opinion, opinionText: input.text, answeredAt: now })
      .where(and(eq(countersigns.id, known.id), isNull(countersigns.answeredAt)))
      .returning();
    if (!answered) throw new DomainError("conflict", "errors.conflict");
    await recordAudit<TaskAuditAction>(tx, {
      streamId: app.id,
      actor: { userId: actor.userId, role: actor.role },
      action: "task.countersigned",
      entityType: "reviewTask",
      entityId: task.id,
      data: { stepKey: task.stepKey, countersignId: known.id, opinion: input.opinion, text: input.text },
      at: now,
    });
    await notify(tx, {
      kind: "countersignGiven",
      to: { userIds: [known.requestedBy] },
      applicationId: app.id,
      params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, outcome: input.opinion },
    });
    return { id: answered.id, opinion: answered.opinion };
  });
}
