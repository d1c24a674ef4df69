import type { z } from "zod";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { applicantUserIds } from "../identity/recipients";
import { notify } from "../notifications/notify";
import { routeSteps } from "../catalog/route-steps";
import { issueCaseDocument } from "../documents/issue-document";
import { createReviewTasks } from "../review/open-tasks";
import type { ZVersionedRef } from "./inputs";
import { applyApplicationEvent, expectVersion, lockApplication, type ApplicationRow } from "./transition";

/**
 * Accepts a locked, submitted application (统一受理): routes each step with a competence rule to
 * the competent city or county body (管辖, catalog `routeSteps`; the plan keeps the body, so its
 * reviewers and only they see the task), opens a review task for every step whose needs are met,
 * each with its due date, and tells the applicant. `actor` null: automatic acceptance.
 */
export async function acceptInTransaction(tx: Db, app: ApplicationRow, actor: Actor | null, now: Date): Promise<ApplicationRow> {
  const { plan, routed } = await routeSteps(tx, app.plan, app);
  const accepted = await applyApplicationEvent(tx, app, "accept", {
    actor,
    now,
    patch: { acceptedAt: now, acceptedBy: actor?.userId ?? null, ...(routed.length ? { plan } : {}) },
    data: { automatic: actor === null, ...(routed.length ? { routed } : {}) },
  });
  await createReviewTasks(tx, accepted, actor, now);
  // 受理通知书 (Administrative Licensing Law art. 32 (5)), in the accepting transaction.
  await issueCaseDocument(tx, accepted, { kind: "acceptanceNotice" }, actor, now);
  await notify(tx, {
    kind: "applicationAccepted",
    to: { userIds: await applicantUserIds(tx, app, now) },
    applicationId: app.id,
    params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh },
  });
  return accepted;
}

/** The window clerk accepts an application on behalf of every department concerned. */
export async function acceptApplication(db: Db, actor: Actor, input: z.output<typeof ZVersionedRef>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, input.applicationId);
    expectVersion(app, input.version);
    const accepted = await acceptInTransaction(tx, app, actor, now);
    return { id: accepted.id, status: accepted.status, version: accepted.version };
  });
}
