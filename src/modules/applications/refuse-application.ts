import type { z } from "zod";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { applicantUserIds } from "../identity/recipients";
import { issueCaseDocument } from "../documents/issue-document";
import { notify } from "../notifications/notify";
import type { ZRefuseInput } from "./inputs";
import { applyApplicationEvent, expectVersion, lockApplication } from "./transition";

/**
 * 不予受理: the window refuses to accept, with the reason the applicant is told, and the 不予受理决定书
 * (with the remedies) issued in the same transaction. The input carries the clerk's confirmation.
 */
export async function refuseApplication(db: Db, actor: Actor, input: z.output<typeof ZRefuseInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, input.applicationId);
    expectVersion(app, input.version);
    const refused = await applyApplicationEvent(tx, app, "refuse", {
      actor,
      now,
      patch: { refusalReason: input.reason, decidedAt: now },
      data: { reason: input.reason },
    });
    await issueCaseDocument(tx, refused, { kind: "nonAcceptanceDecision", reason: input.reason }, actor, now);
    await notify(tx, {
      kind: "applicationNotAccepted",
      to: { userIds: await applicantUserIds(tx, app, now) },
      applicationId: app.id,
      params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, reason: input.reason },
    });
    return { id: refused.id, status: refused.status, version: refused.version };
  });
}
