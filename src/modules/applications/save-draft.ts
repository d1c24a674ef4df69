import { and, count, eq, inArray, ne } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { loadApplicationPlan } from "../catalog/load-application-plan";
import { principalOf, type Actor } from "../identity/model";
import { draftRow } from "./draft-row";
import { applicantIdentity, assertMayFile } from "./applicant";
import type { ZSaveDraftInput } from "./inputs";
import { applicationMaterials, applications, uploads } from "./schema";

/** Drafts an applicant may keep at once: enough for real work, not a place to store data. */
export const maxDraftsPerApplicant = 50;

/** Only uploads of the applicant (the enterprise or the person) may be referenced. */
export async function assertOwnUploads(db: Db, principalId: string, uploadIds: readonly string[], path: (uploadId: string) => string): Promise<void> {
  if (uploadIds.length === 0) return;
  const owned = await db
    .select({ id: uploads.id })
    .from(uploads)
    .where(and(inArray(uploads.id, [...uploadIds]), eq(uploads.principalId, principalId)));
  const ownedIds = new Set(owned.map((u) => u.id));
  const foreign = uploadIds.find((id) => !ownedIds.has(id));
  if (foreign) throw new DomainError("invalidInput", "validation.material.uploadUnknown", { field: path(foreign) });
}

/**
 * Saves what the applicant has typed so far under the form's idempotency key; submitting later
 * with the same key submits this draft. Nothing is checked for completeness here, but a draft
 * may only name the applicant's own uploads, and an applicant keeps at most 50 drafts.
 */
export async function saveDraft(db: Db, actor: Actor, input: z.output<typeof ZSaveDraftInput>, now: Date = new Date()) {
  const who = await applicantIdentity(db, actor);
  const plan = await loadApplicationPlan(db, input.subject);
  await assertMayFile(
    db,
    actor,
    plan.steps.map((s) => s.serviceCode),
  );
  const principalId = principalOf(actor) ?? "";
  const uploadsGiven = Object.entries(input.materials).flatMap(([key, s]) => (s.kind === "upload" ? [{ key, uploadId: s.uploadId }] : []));
  await assertOwnUploads(
    db,
    principalId,
    uploadsGiven.map((u) => u.uploadId),
    (id) => `materials.${uploadsGiven.find((u) => u.uploadId === id)?.key ?? ""}`,
  );
  return db.transaction(async (tx) => {
    const [{ drafts }] = (await tx
      .select({ drafts: count() })
      .from(applications)
      .where(and(eq(applications.principalId, principalId), eq(applications.status, "draft"), ne(applications.idempotencyKey, input.idempotencyKey)))) as [
      { drafts: number },
    ];
    if (drafts >= maxDraftsPerApplicant) throw new DomainError("invalidInput", "applications.errors.tooManyDrafts", { params: { max: maxDraftsPerApplicant } });
    const [row] = await tx
      .insert(applications)
      .values(draftRow(actor, who, plan, input))
      .onConflictDoUpdate({
        target: [applications.principalId, applications.idempotencyKey],
        set: { formData: input.formData, situations: input.situations, updatedAt: now },
        // Only a draft is overwritten; a submitted application keeps what was submitted.
        setWhere: eq(applications.status, "draft"),
      })
      .returning({ id: applications.id, status: applications.status });
    if (!row) throw new DomainError("conflict", "errors.alreadySubmitted");
    await tx.delete(applicationMaterials).where(eq(applicationMaterials.applicationId, row.id));
    if (uploadsGiven.length > 0) {
      await tx
        .insert(applicationMaterials)
        .values(uploadsGiven.map((u) => ({ applicationId: row.id, materialKey: u.key, uploadId: u.uploadId, updatedAt: now })));
    }
    return { id: row.id, savedAt: now };
  });
}

/** The applicant's saved draft for a form key, to fill the form again (any of the applicant's people may resume it). */
export async function loadDraft(db: Db, actor: Actor, idempotencyKey: string) {
  const principalId = principalOf(actor);
  if (!principalId) return null;
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.principalId, principalId), eq(applications.idempotencyKey, idempotencyKey), eq(applications.status, "draft")));
  if (!row) return null;
  const mats = await db.select().from(applicationMaterials).where(eq(applicationMaterials.applicationId, row.id));
  return {
    id: row.id,
    situations: row.situations,
    formData: row.formData,
    uploads: Object.fromEntries(mats.flatMap((m) => (m.uploadId ? [[m.materialKey, m.uploadId]] : []))),
  };
}
