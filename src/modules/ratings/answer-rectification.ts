import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { applications } from "../applications/schema";
import { applicantUserIds } from "../identity/recipients";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { notify } from "../notifications/notify";
import { ZAnswerRectificationInput, type AnswerRectificationInput } from "./inputs";
import { loadItem, moveItem } from "./transition";

/**
 * The rated department answers a rectification item: classifies the bad rating (justified or not,
 * with the reason), replies to the applicant and records what it changed. Any reviewer of that
 * department (its head included) may answer; an answer after the due day is accepted and counted late.
 */
export async function answerRectification(db: Db, actor: Actor, raw: AnswerRectificationInput, now: Date = new Date()): Promise<{ version: number }> {
  const input = ZAnswerRectificationInput.parse(raw);
  return db.transaction(async (tx) => {
    const item = await loadItem(tx, input.itemId);
    if (actor.role !== "reviewer" || !actor.departmentId || actor.departmentId !== item.departmentId)
      throw new DomainError("notFound", "errors.notFound", { field: "itemId" });
    const answeredOn = shanghaiDate(now);
    const row = await moveItem(
      tx,
      item,
      input.version,
      "answer",
      {
        classification: input.classification,
        classificationReason: input.classificationReason,
        reply: input.reply,
        changes: input.changes,
        answeredBy: actor.userId,
        answeredAt: now,
        answeredOn,
      },
      actor,
      now,
      { classification: input.classification, dueOn: item.dueOn, answeredOn, late: answeredOn > item.dueOn },
    );
    const [app] = await tx.select().from(applications).where(eq(applications.id, item.applicationId));
    const [dept] = await tx.select({ nameZh: departments.nameZh }).from(departments).where(eq(departments.id, item.departmentId));
    if (app)
      await notify(tx, {
        kind: "rectificationAnswered",
        to: { userIds: await applicantUserIds(tx, app, now) },
        applicationId: app.id,
        params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, department: dept?.nameZh ?? "" },
      });
    return { version: row.version };
  });
}
