import { and, eq, inArray } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { planFormOf } from "./plan-form";
import type { Db } from "@/server/db/client";
import { principalOf, type Actor } from "../identity/model";
import { reviewTasks } from "../review/schema";
import { applicantMay } from "./applicant";
import { applicationMaterials, applications, supplementAnswers, supplementNotices, uploads } from "./schema";

/**
 * An uploaded file for download, to those who may see it:
 * - its applicant (the person, or whoever acts for the enterprise or person today), while the
 *   file is unused or used by an application they may see;
 * - the window, for applications past the draft;
 * - a reviewer, only for a material that their own step asks for (as the gate does for
 *   certificates): a department with a task on a bundle does not read the other steps' files;
 *   and for a file answering a notice item their department asked for.
 * Anyone else: not found.
 */
export async function readUpload(db: Db, actor: Actor, uploadId: string) {
  const [file] = await db.select().from(uploads).where(eq(uploads.id, uploadId));
  if (!file) throw new DomainError("notFound", "errors.notFound");
  const usedBy = await db
    .select({ app: applications, materialKey: applicationMaterials.materialKey })
    .from(applicationMaterials)
    .innerJoin(applications, eq(applications.id, applicationMaterials.applicationId))
    .where(eq(applicationMaterials.uploadId, uploadId));
  if (principalOf(actor) === file.principalId && actor.agency?.kind !== "window") {
    if (usedBy.length === 0 || usedBy.some((u) => applicantMay(actor, u.app, "view"))) return file;
  }
  const live = usedBy.filter((u) => u.app.status !== "draft");
  if (actor.role === "windowClerk" && live.length > 0) return file;
  if (actor.role === "reviewer" && actor.departmentId && live.length > 0) {
    const tasks = await db
      .select({ applicationId: reviewTasks.applicationId, stepKey: reviewTasks.stepKey })
      .from(reviewTasks)
      .where(
        and(
          eq(reviewTasks.departmentId, actor.departmentId),
          inArray(
            reviewTasks.applicationId,
            live.map((u) => u.app.id),
          ),
        ),
      );
    for (const u of live) {
      const steps = new Set(tasks.filter((t) => t.applicationId === u.app.id).map((t) => t.stepKey));
      if (steps.size === 0) continue;
      const services = new Set(u.app.plan.filter((s) => steps.has(s.key)).map((s) => s.serviceCode));
      const plan = await planFormOf(db, u.app);
      const material = plan?.materials.find((m) => m.key === u.materialKey);
      if (material?.serviceCodes.some((c) => services.has(c))) return file;
    }
  }
  // A file answering a notice's document request: the window reads it, and a reviewer of the
  // department that asked for it (the item names its department).
  if (actor.role === "windowClerk" || (actor.role === "reviewer" && actor.departmentId)) {
    const answering = await db
      .select({ index: supplementAnswers.itemIndex, items: supplementNotices.items })
      .from(supplementAnswers)
      .innerJoin(supplementNotices, eq(supplementNotices.id, supplementAnswers.noticeId))
      .where(eq(supplementAnswers.uploadId, uploadId));
    for (const a of answering) {
      if (actor.role === "windowClerk") return file;
      if (a.items[a.index]?.departmentId === actor.departmentId) return file;
    }
  }
  throw new DomainError("notFound", "errors.notFound");
}
