import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { OwedMaterials } from "../applications/stage-materials";
import type { ApplicationRow } from "../applications/transition";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { applicantUserIds } from "../identity/recipients";
import { notify } from "../notifications/notify";
import { initialTaskStatus, type TaskAuditAction } from "./model";
import { reviewTasks } from "./schema";

/**
 * A staged bundle's next steps are ready but the applicant owes the materials their stage needs:
 * the tasks stay waiting (not opened, not claimable, no clock) and the applicant is told once
 * which materials to upload. Each task is marked by a conditional update
 * (`materials_requested_at is null`), so a fan-in run again tells nobody twice.
 */
export async function holdForMaterials(
  tx: Db,
  app: ApplicationRow,
  stepKeys: readonly string[],
  owed: ReadonlyMap<string, OwedMaterials>,
  actor: Actor | null,
  now: Date,
): Promise<void> {
  if (stepKeys.length === 0) return;
  const marked = await tx
    .update(reviewTasks)
    .set({ materialsRequestedAt: now })
    .where(
      and(
        eq(reviewTasks.applicationId, app.id),
        inArray(reviewTasks.stepKey, [...stepKeys]),
        eq(reviewTasks.status, initialTaskStatus),
        isNull(reviewTasks.materialsRequestedAt),
      ),
    )
    .returning({ id: reviewTasks.id, stepKey: reviewTasks.stepKey });
  if (marked.length === 0) return;
  const materials = [...new Map(marked.flatMap((t) => owed.get(t.stepKey)?.required ?? []).map((m) => [m.key, m])).values()];
  for (const task of marked) {
    await recordAudit<TaskAuditAction>(tx, {
      streamId: app.id,
      actor: actor ? { userId: actor.userId, role: actor.role } : null,
      action: "task.materialsRequested",
      entityType: "reviewTask",
      entityId: task.id,
      data: { step: task.stepKey, materials: (owed.get(task.stepKey)?.required ?? []).map((m) => m.key) },
      at: now,
    });
  }
  await notify(tx, {
    kind: "stageMaterialsRequired",
    to: { userIds: await applicantUserIds(tx, app, now) },
    applicationId: app.id,
    params: { trackingNumber: app.trackingNumber ?? "", title: app.titleZh, count: materials.length, materials: materials.map((m) => m.nameZh).join("、") },
  });
}
