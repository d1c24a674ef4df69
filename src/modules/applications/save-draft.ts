import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { loadApplicationPlan } from "../catalog/load-application-plan";
import type { Actor } from "../identity/model";
import { draftRow } from "./draft-row";
import { applicantIdentity } from "./applicant";
import type { ZSaveDraftInput } from "./inputs";
import { applicationMaterials, applications } from "./schema";

/**
 * Saves what the applicant has typed so far under the form's idempotency key; submitting later
 * with the same key submits this draft. Nothing is checked for completeness here.
 */
export async function saveDraft(db: Db, actor: Actor, input: z.output<typeof ZSaveDraftInput>, now: Date = new Date()) {
  const who = await applicantIdentity(db, actor);
  const plan = await loadApplicationPlan(db, input.subject);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(applications)
      .values(draftRow(actor, who, plan, input))
      .onConflictDoUpdate({
        target: [applications.applicantUserId, applications.idempotencyKey],
        set: { formData: input.formData, updatedAt: now },
        // Only a draft is overwritten; a submitted application keeps what was submitted.
        setWhere: eq(applications.status, "draft"),
      })
      .returning({ id: applications.id, status: applications.status });
    if (!row) throw new DomainError("conflict", "errors.alreadySubmitted");
    const uploadsGiven = Object.entries(input.materials).flatMap(([key, s]) => (s.kind === "upload" ? [{ key, uploadId: s.uploadId }] : []));
    await tx.delete(applicationMaterials).where(eq(applicationMaterials.applicationId, row.id));
    if (uploadsGiven.length > 0) {
      await tx.insert(applicationMaterials).values(uploadsGiven.map((u) => ({ applicationId: row.id, materialKey: u.key, uploadId: u.uploadId, updatedAt: now })));
    }
    return { id: row.id, savedAt: now };
  });
}

/** The applicant's saved draft for a form key, to fill the form again. */
export async function loadDraft(db: Db, actor: Actor, idempotencyKey: string) {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.applicantUserId, actor.userId), eq(applications.idempotencyKey, idempotencyKey), eq(applications.status, "draft")));
  if (!row) return null;
  const mats = await db.select().from(applicationMaterials).where(eq(applicationMaterials.applicationId, row.id));
  return { id: row.id, formData: row.formData, uploads: Object.fromEntries(mats.flatMap((m) => (m.uploadId ? [[m.materialKey, m.uploadId]] : []))) };
}
