import { eq } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import type { ZUpdateServiceInput } from "./inputs";
import { serviceRuleProblems, validateTimeLimits, type CatalogAuditAction } from "./model";
import { newCatalogVersion } from "./catalog-version";
import { catalogFindings, refuseAddedFindings } from "./lint-catalog";
import { competenceRefusals, departmentIds, knownCertificateTypes, refuseFields, ruleRefusals, type FieldRefusal } from "./refusals";
import { services } from "./schema";

/**
 * The data office edits a service: its time limits, fee and flags, and (from the full form) its
 * names, department, legal basis, conditions, applicants and the certificate it issues. The rules
 * are the province file's: a promised time above the statutory one (or below one day) is refused
 * on `promisedDays`, an empty legal basis on `legalBasis`, an unknown department or certificate
 * type on its field, a change that adds a finding of the catalog's lint (a circle of certificates
 * through the type it issues) on the field that causes it, a competence rule no body can carry out
 * or whose keys are not the service's fields (管辖层级, on `competence.*`); nothing is written then. The change, a new catalog version and its audit
 * event (stream `catalog`) are one transaction. Applications already submitted keep the plan
 * copied at submission, and the version they were submitted under.
 */
export async function updateService(db: Db, actor: Actor, input: z.output<typeof ZUpdateServiceInput>, now: Date = new Date()) {
  // The form's schema reports every problem at once; called directly, the limits come first.
  const problem = validateTimeLimits(input);
  if (problem) {
    throw new DomainError("invalidInput", problem === "promisedAboveStatutory" ? "validation.catalog.promisedAboveStatutory" : "validation.catalog.days", {
      field: "promisedDays",
    });
  }
  if (input.legalBasis !== undefined) {
    const early = ruleRefusals(serviceRuleProblems({ ...input, legalBasis: input.legalBasis }));
    if (early.length) refuseFields(early);
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(services).where(eq(services.code, input.code)).for("update");
    if (!before) throw new DomainError("notFound", "errors.notFound");
    const findingsBefore = await catalogFindings(tx);
    const refusals: FieldRefusal[] = [];
    let departmentId = before.departmentId;
    if (input.departmentCode !== undefined) {
      const id = (await departmentIds(tx, [input.departmentCode])).get(input.departmentCode);
      if (id) departmentId = id;
      else refusals.push({ field: "departmentCode", message: "catalog.errors.unknownDepartment" });
    }
    if (input.issuesCertificateType && !(await knownCertificateTypes(tx, [input.issuesCertificateType])).has(input.issuesCertificateType))
      refusals.push({ field: "issuesCertificateType", message: "catalog.errors.unknownCertificateType" });
    const competence = input.competence === undefined ? before.competence : input.competence;
    // A rule is checked whenever it stays: a change of department may leave it without a body.
    if (competence && refusals.length === 0) refusals.push(...(await competenceRefusals(tx, competence, before.id, departmentId)));
    if (refusals.length) refuseFields(refusals);
    const changes = {
      nameZh: input.nameZh ?? before.nameZh,
      nameEn: input.nameEn ?? before.nameEn,
      departmentId,
      legalBasis: input.legalBasis ?? before.legalBasis,
      conditionsZh: input.conditionsZh ?? before.conditionsZh,
      conditionsEn: input.conditionsEn ?? before.conditionsEn,
      applicantKinds: input.applicantKinds ?? before.applicantKinds,
      issuesCertificateType: input.issuesCertificateType === undefined ? before.issuesCertificateType : input.issuesCertificateType,
      registersEntity: input.registersEntity ?? before.registersEntity,
      statutoryDays: input.statutoryDays,
      promisedDays: input.promisedDays,
      feeFen: input.feeFen,
      autoAcceptance: input.autoAcceptance,
      deemedApprovalOnTimeout: input.deemedApprovalOnTimeout,
      published: input.published,
      competence,
    };
    await tx
      .update(services)
      .set({ ...changes, updatedAt: now })
      .where(eq(services.id, before.id));
    // The certificate it issues, or publishing it again, may close a circle of certificates (循环证明).
    await refuseAddedFindings(tx, findingsBefore, (f) => (f.code === "circular" || f.code === "orphanMaterial" ? "issuesCertificateType" : "published"));
    const catalogVersion = await newCatalogVersion(tx, { reason: "catalog.updateService", subject: before.code, actorUserId: actor.userId, now });
    const changed = (Object.keys(changes) as Array<keyof typeof changes>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(changes[k]));
    await recordAudit<CatalogAuditAction>(tx, {
      streamId: "catalog",
      actor: { userId: actor.userId, role: actor.role },
      action: "catalog.updateService",
      entityType: "service",
      entityId: before.id,
      data: {
        code: before.code,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, changes[k]])),
        catalogVersion,
      },
      at: now,
    });
    return {
      code: before.code,
      statutoryDays: changes.statutoryDays,
      promisedDays: changes.promisedDays,
      feeFen: changes.feeFen,
      autoAcceptance: changes.autoAcceptance,
      deemedApprovalOnTimeout: changes.deemedApprovalOnTimeout,
      published: changes.published,
    };
  });
}
