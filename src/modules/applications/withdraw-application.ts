import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { applicantUserIds } from "../identity/recipients";
import { notify } from "../notifications/notify";
import { applicantMay } from "./applicant";
import { cancellableTaskStatuses } from "../review/model";
import { reviewTasks } from "../review/schema";
import { applyTaskEventToAll } from "../review/transition";
import type { ZVersionedRef } from "./inputs";
import { applyApplicationEvent, expectVersion, lockApplication } from "./transition";

/** 撤回: the applicant takes the application back; open review tasks are cancelled. */
export async function withdrawApplication(db: Db, actor: Actor, input: z.output<typeof ZVersionedRef>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, input.applicationId);
    if (!applicantMay(actor, app, "view")) throw new DomainError("notFound", "errors.notFound");
    if (!applicantMay(actor, app, "act")) throw new DomainError("forbidden", "applications.errors.outOfMandate");
    expectVersion(app, input.version);
    const updated = await applyApplicationEvent(tx, app, "withdraw", { actor, now });
    const live = await tx
      .select()
      .from(reviewTasks)
      .where(and(eq(reviewTasks.applicationId, app.id), inArray(reviewTasks.status, [...cancellableTaskStatuses])));
    const cancelled = await applyTaskEventToAll(tx, live, "cancel", { actor, now });
    await notify(tx, {
      kind: "applicationWithdrawn",
      to: { userIds: await applicantUserIds(tx, app, now), departmentIds: [...new Set(cancelled.map((c) => c.departmentId))] },
      applicationId: app.id,
      params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh },
    });
    return { id: updated.id, status: updated.status, version: updated.version };
  });
}
