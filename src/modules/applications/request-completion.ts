import type { z } from "zod";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { applicantUserIds } from "../identity/recipients";
import { issueCaseDocument } from "../documents/issue-document";
import { notify } from "../notifications/notify";
import type { ZRequestCompletionInput } from "./inputs";
import { noticeDeadline, toNoticeItems } from "./notice-items";
import { supplementNotices } from "./schema";
import { applyApplicationEvent, expectVersion, lockApplication } from "./transition";

/**
 * The window asks for every missing item in one notice before acceptance (Administrative
 * Licensing Law art. 32: told once and completely, within five working days of receipt).
 */
export async function requestCompletion(db: Db, actor: Actor, input: z.output<typeof ZRequestCompletionInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, input.applicationId);
    expectVersion(app, input.version);
    const items = await toNoticeItems(tx, app, input.items, { departmentId: null, taskId: null });
    const { dueDays, dueAt } = await noticeDeadline(tx, app, [null], now);
    const updated = await applyApplicationEvent(tx, app, "requestCompletion", { actor, now, data: { items: items.length, dueAt: dueAt.toISOString() } });
    const [notice] = await tx
      .insert(supplementNotices)
      .values({ applicationId: app.id, stage: "acceptance", items, issuedAt: now, dueDays, dueAt })
      .returning();
    // 补正告知书, rendered from the notice as stored.
    await issueCaseDocument(tx, updated, { kind: "supplementNotice", notice: notice! }, actor, now);
    await notify(tx, {
      kind: "completionRequested",
      to: { userIds: await applicantUserIds(tx, app, now) },
      applicationId: app.id,
      params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh },
    });
    return { id: updated.id, status: updated.status, version: updated.version };
  });
}
