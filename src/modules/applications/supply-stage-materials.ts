import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { keyParam } from "@/lib/message";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { runFanIn } from "../review/fan-in";
import { initialTaskStatus } from "../review/model";
import { reviewTasks } from "../review/schema";
import { applicantMay } from "./applicant";
import { checkMaterials } from "./check-materials";
import type { ZSupplyStageMaterialsInput } from "./inputs";
import type { ApplicationAuditAction } from "./model";
import { applicationMaterials, applications } from "./schema";
import { stageMaterialsOwed } from "./stage-materials";
import { expectVersion, lockApplication } from "./transition";

/**
 * The applicant supplies the materials a staged bundle's next stage needs (the steps the fan-in
 * held for them): every required one at once, checked like the application form (field errors
 * `formData.<key>`, `materials.<key>`), the materials the server derives from the stored
 * situations, never the form's list. Then the fan-in opens the steps that now have what they need.
 */
export async function supplyStageMaterials(db: Db, actor: Actor, input: z.output<typeof ZSupplyStageMaterialsInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, input.applicationId);
    if (!applicantMay(actor, app, "view")) throw new DomainError("notFound", "errors.notFound");
    if (!applicantMay(actor, app, "act")) throw new DomainError("forbidden", "applications.errors.outOfMandate");
    expectVersion(app, input.version);
    const held = await tx
      .select({ stepKey: reviewTasks.stepKey })
      .from(reviewTasks)
      .where(and(eq(reviewTasks.applicationId, app.id), eq(reviewTasks.status, initialTaskStatus), isNotNull(reviewTasks.materialsRequestedAt)));
    const { plan, owed } = await stageMaterialsOwed(
      tx,
      app,
      held.map((t) => t.stepKey),
    );
    const scope = new Set([...owed.values()].flatMap((o) => o.all.map((m) => m.key)));
    // Only a case under review has a stage to open; while a notice is out, it is answered first.
    if (app.status !== "inReview" || !plan || scope.size === 0) {
      throw new DomainError("illegalTransition", "errors.illegalTransition", {
        params: { machine: "application", from: keyParam(`applications.status.application.${app.status}`), event: "stageMaterials" },
      });
    }
    const checked = await checkMaterials(tx, {
      materials: plan.materials,
      formData: { ...app.formData, ...input.formData },
      supplied: input.materials,
      consent: app.consentedAt !== null,
      holderCode: app.holderCode,
      principalId: app.principalId ?? "",
      reader: actor,
      applicationId: app.id,
      today: shanghaiDate(now),
      only: scope,
      now,
    });
    for (const s of checked.supplies) {
      await tx
        .insert(applicationMaterials)
        .values({ ...s, applicationId: app.id, updatedAt: now })
        .onConflictDoUpdate({
          target: [applicationMaterials.applicationId, applicationMaterials.materialKey],
          set: { uploadId: s.uploadId, certificateId: s.certificateId, committedAt: s.committedAt, updatedAt: now },
        });
    }
    // Not a status change: the case stays under review. The version moves, so a stale page conflicts.
    const [updated] = await tx
      .update(applications)
      .set({ formData: { ...app.formData, ...checked.formData }, version: sql`${applications.version} + 1`, updatedAt: now })
      .where(and(eq(applications.id, app.id), eq(applications.version, app.version)))
      .returning();
    if (!updated) throw new DomainError("conflict", "errors.conflict");
    await recordAudit<ApplicationAuditAction>(tx, {
      streamId: app.id,
      actor: { userId: actor.userId, role: actor.role },
      action: "application.stageMaterials",
      entityType: "application",
      entityId: app.id,
      data: {
        materials: [...scope].filter((k) => checked.supplies.some((s) => s.materialKey === k) || k in checked.formData),
        steps: held.map((t) => t.stepKey),
      },
      at: now,
    });
    const after = await runFanIn(tx, updated, actor, now);
    return { id: after.id, status: after.status, version: after.version };
  });
}
