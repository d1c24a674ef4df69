import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { newCatalogVersion } from "./catalog-version";
import type { ZCreateBundleInput } from "./inputs";
import type { CatalogAuditAction } from "./model";
import { departmentIds, knownCertificateTypes, refuseFields, type FieldRefusal } from "./refusals";
import { bundleSteps, bundles } from "./schema";
import { resolveBundleSteps } from "./set-bundle-steps";

/**
 * The data office creates a bundle (一件事) with its steps, unpublished: its guide opens when it
 * is published (`publishBundle`). Refused on their fields, nothing written: a code in use, an
 * unknown lead department or required certificate type, and steps that do not form a directed
 * acyclic graph (不得互为前置) or name an unknown service (on `steps`, the province file's rule).
 * The rows, a new catalog version and the audit event are one transaction.
 */
export async function createBundle(db: Db, actor: Actor, input: z.output<typeof ZCreateBundleInput>, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const refusals: FieldRefusal[] = [];
    const leadDepartmentId = (await departmentIds(tx, [input.leadDepartmentCode])).get(input.leadDepartmentCode);
    if (!leadDepartmentId) refusals.push({ field: "leadDepartmentCode", message: "catalog.errors.unknownDepartment" });
    if (input.requiresCertificateType && !(await knownCertificateTypes(tx, [input.requiresCertificateType])).has(input.requiresCertificateType))
      refusals.push({ field: "requiresCertificateType", message: "catalog.errors.unknownCertificateType" });
    if (refusals.length || !leadDepartmentId) refuseFields(refusals);
    const steps = await resolveBundleSteps(tx, input.steps, "steps");
    // Insert-or-nothing on the unique code: two offices creating one code at once get one row and one refusal.
    const [row] = await tx
      .insert(bundles)
      .values({
        code: input.code,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        descriptionZh: input.descriptionZh,
        descriptionEn: input.descriptionEn,
        leadDepartmentId,
        applicantKinds: input.applicantKinds,
        requiresCertificateType: input.requiresCertificateType,
        published: false,
        createdAt: now,
      })
      .onConflictDoNothing({ target: bundles.code })
      .returning({ id: bundles.id, code: bundles.code });
    if (!row) refuseFields([{ field: "code", message: "catalog.errors.codeTaken" }]);
    await tx.insert(bundleSteps).values(steps.map((s) => ({ bundleId: row.id, ...s })));
    const catalogVersion = await newCatalogVersion(tx, { reason: "catalog.createBundle", subject: row.code, actorUserId: actor.userId, now });
    await recordAudit<CatalogAuditAction>(tx, {
      streamId: "catalog",
      actor: { userId: actor.userId, role: actor.role },
      action: "catalog.createBundle",
      entityType: "bundle",
      entityId: row.id,
      data: { ...input, catalogVersion },
      at: now,
    });
    return { code: row.code, catalogVersion };
  });
}
