import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { newCatalogVersion } from "./catalog-version";
import type { ZSaveMaterialInput } from "./inputs";
import { departments } from "../identity/schema";
import { commitmentProblems, hasLegalBasis, materialSourceProblems, type CatalogAuditAction } from "./model";
import type { CatalogFinding } from "./lint";
import { catalogFindings, refuseAddedFindings } from "./lint-catalog";
import { knownCertificateTypes, refuseFields, ruleRefusals, type FieldRefusal } from "./refusals";
import { materials, services } from "./schema";

/** A finding an edit of a material adds, on the form's field that causes it. */
function materialField(f: CatalogFinding): string {
  switch (f.code) {
    case "noLegalBasis":
    case "orphanMaterial":
      return "legalBasis";
    case "governmentIssuedUpload":
      return "source";
    case "circular":
      return "certificateType";
  }
}

/**
 * The data office adds a material to a service (`add`; a key the service already asks for is
 * refused on `key`) or edits one (`update`). The province file's rules hold: a legal basis (no
 * needless certificate, 奇葩证明), a complete way of supplying it (a certificate names a known
 * type, a form field its type, a select its options), and no finding of the catalog's lint
 * (lint.ts) that the catalog did not have before (a legal basis that names no law, a document
 * government issues asked as an upload, a circle of certificates); every refusal comes back on its
 * field and nothing is written. The row, a new catalog version and the audit event are one transaction.
 * Applications already submitted keep the materials copied into their plan.
 */
export async function saveMaterial(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZSaveMaterialInput>,
  mode: "add" | "update",
  now: Date = new Date(),
): Promise<{ serviceCode: string; key: string; catalogVersion: number }> {
  // The schema checked these; a use case called directly is held to them too.
  const early: FieldRefusal[] = [
    ...(hasLegalBasis(input.legalBasis) ? [] : [{ field: "legalBasis", message: "catalog.errors.noLegalBasis" }]),
    ...ruleRefusals(materialSourceProblems(input), (p) => (p.field === "options" ? "optionsText" : p.field)),
    ...commitmentProblems(input),
  ];
  if (early.length) refuseFields(early);
  return db.transaction(async (tx) => {
    // The service row is locked: two edits of one service's materials take turns.
    const [service] = await tx.select({ id: services.id, code: services.code }).from(services).where(eq(services.code, input.serviceCode)).for("update");
    if (!service) throw new DomainError("notFound", "errors.notFound");
    const findingsBefore = await catalogFindings(tx);
    if (input.certificateType && !(await knownCertificateTypes(tx, [input.certificateType])).has(input.certificateType))
      refuseFields([{ field: "certificateType", message: "catalog.errors.unknownCertificateType" }]);
    // 告知承诺: the verifying department must exist (the rule names it by code).
    if (input.commitment) {
      const [verifier] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, input.commitment.departmentCode));
      if (!verifier) refuseFields([{ field: "commitmentDepartment", message: "catalog.errors.unknownDepartment" }]);
    }
    const { serviceCode: _serviceCode, key, ...values } = input;
    const [existing] = await tx
      .select()
      .from(materials)
      .where(and(eq(materials.serviceId, service.id), eq(materials.key, key)));
    let id: string;
    if (mode === "add") {
      if (existing) refuseFields([{ field: "key", message: "catalog.errors.materialTaken" }]);
      const [row] = await tx
        .insert(materials)
        .values({ serviceId: service.id, key, ...values })
        .returning({ id: materials.id });
      if (!row) throw new Error("material not created");
      id = row.id;
    } else {
      if (!existing) throw new DomainError("notFound", "errors.notFound");
      await tx.update(materials).set(values).where(eq(materials.id, existing.id));
      id = existing.id;
    }
    // 奇葩证明 and 循环证明: the catalog after the change may not have a finding it did not have before.
    await refuseAddedFindings(tx, findingsBefore, materialField);
    const action = mode === "add" ? "catalog.addMaterial" : "catalog.updateMaterial";
    const catalogVersion = await newCatalogVersion(tx, { reason: action, subject: `${service.code}.${key}`, actorUserId: actor.userId, now });
    await recordAudit<CatalogAuditAction>(tx, {
      streamId: "catalog",
      actor: { userId: actor.userId, role: actor.role },
      action,
      entityType: "material",
      entityId: id,
      data: {
        serviceCode: service.code,
        key,
        ...(existing ? { before: { ...existing, id: undefined, serviceId: undefined } } : {}),
        after: values,
        catalogVersion,
      },
      at: now,
    });
    return { serviceCode: service.code, key, catalogVersion };
  });
}
