import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { materialStages, mergeSituations } from "./model";
import type { PlanStep } from "./plan";
import type { ApplicationPlan, PlanMaterial } from "./plan";
import { availableBundle, mergedMaterialsOf, publishedService, type ServiceRow } from "./read-catalog";

export { ZApplicationPlan } from "./views";
export type { ApplicationPlan, PlanMaterial } from "./plan";

function stepOf(service: ServiceRow, key: string, needs: string[], stage: number, partner: PlanStep["partner"] = null): PlanStep {
  return {
    key,
    serviceId: service.id,
    serviceCode: service.code,
    serviceNameZh: service.nameZh,
    serviceNameEn: service.nameEn,
    departmentId: service.departmentId,
    needs,
    promisedDays: service.promisedDays,
    statutoryDays: service.statutoryDays,
    deemedApprovalOnTimeout: service.deemedApprovalOnTimeout,
    issuesCertificateType: service.issuesCertificateType,
    registersEntity: service.registersEntity,
    stage,
    ...(service.competence ? { competence: service.competence } : {}),
    ...(partner ? { partner } : {}),
  };
}

/**
 * What applying for a published service or bundle takes: its steps (a DAG; a single service is
 * one step keyed by its code, needing nothing) and the union of the steps' materials, each piece
 * of data once by `key` (required if any service requires it; `serviceCodes` says who asks),
 * sorted by `sortOrder`. In a bundle, a certificate an earlier step issues is not asked for.
 * Automatic acceptance only when every step's service allows it. Unpublished or unknown:
 * `notFound`.
 */
export async function loadApplicationPlan(db: Db, subject: { kind: "service" | "bundle"; code: string }): Promise<ApplicationPlan> {
  if (subject.kind === "service") {
    const service = await publishedService(db, subject.code);
    if (!service) throw new DomainError("notFound", "errors.notFound");
    const steps = [stepOf(service, service.code, [], 1)];
    const materials = await mergedMaterialsOf(db, [{ key: service.code, needs: [], service }]);
    return {
      kind: "service",
      id: service.id,
      code: service.code,
      nameZh: service.nameZh,
      nameEn: service.nameEn,
      applicantKinds: service.applicantKinds,
      requiresCertificateType: null,
      autoAcceptance: service.autoAcceptance,
      registersEntity: service.registersEntity,
      steps,
      situations: service.situations,
      materials: materials.map((m) => toPlanMaterial(m, 1)),
    };
  }

  const found = await availableBundle(db, subject.code);
  if (!found) throw new DomainError("notFound", "errors.notFound");
  const { bundle, steps: rows } = found;
  const materials = await mergedMaterialsOf(
    db,
    rows.map((r) => ({ key: r.step.key, needs: r.step.needs, service: r.service })),
  );
  // Each material belongs to the first stage that needs it: later stages' materials are asked when
  // those stages open, not at submission (a construction project's completion documents).
  const stages = bundle.stagedMaterials
    ? materialStages(
        rows.map((r) => ({ key: r.step.key, needs: r.step.needs, serviceCode: r.service.code })),
        materials,
      )
    : new Map<string, number>();
  return {
    kind: "bundle",
    id: bundle.id,
    code: bundle.code,
    nameZh: bundle.nameZh,
    nameEn: bundle.nameEn,
    applicantKinds: bundle.applicantKinds,
    requiresCertificateType: bundle.requiresCertificateType,
    autoAcceptance: rows.every((r) => r.service.autoAcceptance),
    registersEntity: rows.some((r) => r.service.registersEntity),
    steps: rows.map((r) =>
      stepOf(
        r.service,
        r.step.key,
        r.step.needs,
        r.step.stage,
        r.step.partnerRegion && r.step.partnerServiceCode ? { region: r.step.partnerRegion, serviceCode: r.step.partnerServiceCode } : null,
      ),
    ),
    situations: mergeSituations(rows.map((r) => r.service.situations)),
    materials: materials.map((m) => toPlanMaterial(m, stages.get(m.key) ?? 1)),
  };
}

function toPlanMaterial(m: Awaited<ReturnType<typeof mergedMaterialsOf>>[number], stage: number): PlanMaterial {
  return {
    key: m.key,
    nameZh: m.nameZh,
    nameEn: m.nameEn,
    legalBasis: m.legalBasis,
    source: m.source,
    fieldType: m.fieldType,
    options: m.options,
    unit: m.unit,
    certificateType: m.certificateType,
    required: m.required,
    conditionZh: m.conditionZh,
    conditionEn: m.conditionEn,
    serviceCodes: m.serviceCodes,
    appliesWhen: m.appliesWhenAny,
    stage,
    commitment: m.commitment ?? null,
  };
}
