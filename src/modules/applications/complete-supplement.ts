import { and, desc, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import { keyParam } from "@/lib/message";
import type { Db } from "@/server/db/client";
import { shanghaiDate } from "@/lib/dates";
import { loadApplicationPlan } from "../catalog/load-application-plan";
import type { Actor } from "../identity/model";
import { reopenAfterSupplement } from "../review/reopen-tasks";
import { applicantMay } from "./applicant";
import { checkMaterials } from "./check-materials";
import type { ZCompleteSupplementInput } from "./inputs";
import { applicationMaterials, supplementNotices } from "./schema";
import { subjectOf } from "./subject";
import { applyApplicationEvent, expectVersion, lockApplication } from "./transition";

/**
 * The applicant answers the one notice: supplies the items asked for, and the application goes
 * back to the window (asked at acceptance) or to the departments that asked (during review).
 */
export async function completeSupplement(db: Db, actor: Actor, input: z.output<typeof ZCompleteSupplementInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const app = await lockApplication(tx, input.applicationId);
    if (!applicantMay(actor, app, "view")) throw new DomainError("notFound", "errors.notFound");
    if (!applicantMay(actor, app, "act")) throw new DomainError("forbidden", "applications.errors.outOfMandate");
    expectVersion(app, input.version);
    const [notice] = await tx
      .select()
      .from(supplementNotices)
      .where(and(eq(supplementNotices.applicationId, app.id), isNull(supplementNotices.completedAt)))
      .orderBy(desc(supplementNotices.issuedAt))
      .limit(1);
    if (!notice || app.status !== "supplementRequired") {
      throw new DomainError("illegalTransition", "errors.illegalTransition", {
        params: { machine: "application", from: keyParam(`applications.status.application.${app.status}`), event: "supplement" },
      });
    }

    const scope = new Set(notice.items.flatMap((i) => i.materialKeys));
    if (scope.size > 0) {
      const plan = await loadApplicationPlan(tx, await subjectOf(tx, app));
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
      });
      for (const s of checked.supplies) {
        await tx
          .insert(applicationMaterials)
          .values({ ...s, applicationId: app.id, updatedAt: now })
          .onConflictDoUpdate({
            target: [applicationMaterials.applicationId, applicationMaterials.materialKey],
            set: { uploadId: s.uploadId, certificateId: s.certificateId, updatedAt: now },
          });
      }
      app.formData = { ...app.formData, ...checked.formData };
    }
    await tx.update(supplementNotices).set({ completedAt: now }).where(eq(supplementNotices.id, notice.id));

    if (notice.stage === "acceptance") {
      const updated = await applyApplicationEvent(tx, app, "resubmit", { actor, now, patch: { formData: app.formData }, data: { notice: notice.id } });
      return { id: updated.id, status: updated.status, version: updated.version };
    }
    const updated = await applyApplicationEvent(tx, app, "supplement", { actor, now, patch: { formData: app.formData }, data: { notice: notice.id } });
    await reopenAfterSupplement(tx, updated, actor, now);
    return { id: updated.id, status: updated.status, version: updated.version };
  });
}
