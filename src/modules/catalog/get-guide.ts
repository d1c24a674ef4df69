import { and, asc, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { criticalPathDays, materialStages, mergeSituations } from "./model";
import { availableBundle, certificateTypeRefs, departmentRefs, mergedMaterialsOf, publishedService, type CertificateTypeRef } from "./read-catalog";
import { bundleSteps, bundles } from "./schema";
import type { BundleGuide, Guide, GuideMaterial, ServiceGuide } from "./views";

/**
 * The public guide (实施清单) of a service or a bundle by its code: conditions, materials with
 * their legal basis and where they come from, statutory and promised time limits, fee,
 * departments; for a bundle, its steps with what each needs and its stages. Bundle codes are
 * looked up first unless `kind` says which. Unpublished or unknown: `notFound`.
 */
export async function getGuide(db: Db, subject: { code: string; kind?: "service" | "bundle" }): Promise<Guide> {
  if (subject.kind !== "service") {
    const found = await availableBundle(db, subject.code);
    if (found) return bundleGuide(db, found);
    if (subject.kind === "bundle") throw new DomainError("notFound", "errors.notFound");
  }
  const service = await publishedService(db, subject.code);
  if (!service) throw new DomainError("notFound", "errors.notFound");
  return serviceGuide(db, service);
}

type Merged = Awaited<ReturnType<typeof mergedMaterialsOf>>;

async function guideMaterials(db: Db, merged: Merged, stages: ReadonlyMap<string, number> = new Map()): Promise<GuideMaterial[]> {
  const types = await certificateTypeRefs(
    db,
    merged.map((m) => m.certificateType),
  );
  return merged.map((m) => ({
    key: m.key,
    nameZh: m.nameZh,
    nameEn: m.nameEn,
    legalBasis: m.legalBasis,
    source: m.source,
    fieldType: m.fieldType,
    unit: m.unit,
    certificate: m.certificateType ? (types.get(m.certificateType) ?? null) : null,
    required: m.required,
    conditionZh: m.conditionZh,
    conditionEn: m.conditionEn,
    serviceCodes: m.serviceCodes,
    appliesWhen: m.appliesWhenAny,
    stage: stages.get(m.key) ?? 1,
    commitment: m.commitment ?? null,
  }));
}

async function serviceGuide(db: Db, service: NonNullable<Awaited<ReturnType<typeof publishedService>>>): Promise<ServiceGuide> {
  const [depts, types, merged, inBundles] = await Promise.all([
    departmentRefs(db, [service.departmentId]),
    certificateTypeRefs(db, [service.issuesCertificateType]),
    mergedMaterialsOf(db, [{ key: service.code, needs: [], service }]),
    db
      .selectDistinct({ code: bundles.code, nameZh: bundles.nameZh, nameEn: bundles.nameEn })
      .from(bundleSteps)
      .innerJoin(bundles, eq(bundles.id, bundleSteps.bundleId))
      .where(and(eq(bundleSteps.serviceId, service.id), eq(bundles.published, true)))
      .orderBy(asc(bundles.code)),
  ]);
  const department = depts.get(service.departmentId);
  if (!department) throw new DomainError("notFound", "errors.notFound");
  return {
    kind: "service",
    code: service.code,
    nameZh: service.nameZh,
    nameEn: service.nameEn,
    legalBasis: service.legalBasis,
    conditionsZh: service.conditionsZh,
    conditionsEn: service.conditionsEn,
    statutoryDays: service.statutoryDays,
    promisedDays: service.promisedDays,
    feeFen: service.feeFen,
    applicantKinds: service.applicantKinds,
    autoAcceptance: service.autoAcceptance,
    deemedApprovalOnTimeout: service.deemedApprovalOnTimeout,
    department,
    issues: service.issuesCertificateType ? (types.get(service.issuesCertificateType) ?? null) : null,
    situations: service.situations,
    materials: await guideMaterials(db, merged),
    bundles: inBundles,
  };
}

async function bundleGuide(db: Db, found: NonNullable<Awaited<ReturnType<typeof availableBundle>>>): Promise<BundleGuide> {
  const { bundle, steps } = found;
  const [depts, types, merged] = await Promise.all([
    departmentRefs(db, [bundle.leadDepartmentId, ...steps.map((s) => s.service.departmentId)]),
    certificateTypeRefs(db, [bundle.requiresCertificateType, ...steps.map((s) => s.service.issuesCertificateType)]),
    mergedMaterialsOf(
      db,
      steps.map((s) => ({ key: s.step.key, needs: s.step.needs, service: s.service })),
    ),
  ]);
  const lead = depts.get(bundle.leadDepartmentId);
  if (!lead) throw new DomainError("notFound", "errors.notFound");
  const typeOf = (code: string | null): CertificateTypeRef | null => (code ? (types.get(code) ?? null) : null);
  const graph = (days: (s: (typeof steps)[number]["service"]) => number) => steps.map((s) => ({ key: s.step.key, needs: s.step.needs, days: days(s.service) }));
  return {
    kind: "bundle",
    code: bundle.code,
    nameZh: bundle.nameZh,
    nameEn: bundle.nameEn,
    descriptionZh: bundle.descriptionZh,
    descriptionEn: bundle.descriptionEn,
    applicantKinds: bundle.applicantKinds,
    requiresCertificate: typeOf(bundle.requiresCertificateType),
    leadDepartment: lead,
    promisedDays: criticalPathDays(graph((s) => s.promisedDays)),
    statutoryDays: criticalPathDays(graph((s) => s.statutoryDays)),
    feeFen: steps.reduce((sum, s) => sum + s.service.feeFen, 0),
    steps: steps.map(({ step, service }) => ({
      key: step.key,
      stage: step.stage,
      needs: step.needs,
      service: {
        code: service.code,
        nameZh: service.nameZh,
        nameEn: service.nameEn,
        legalBasis: service.legalBasis,
        conditionsZh: service.conditionsZh,
        conditionsEn: service.conditionsEn,
        promisedDays: service.promisedDays,
        statutoryDays: service.statutoryDays,
        feeFen: service.feeFen,
        department: depts.get(service.departmentId) ?? lead,
        issues: typeOf(service.issuesCertificateType),
      },
    })),
    situations: mergeSituations(steps.map((s) => s.service.situations)),
    materials: await guideMaterials(
      db,
      merged,
      bundle.stagedMaterials
        ? materialStages(
            steps.map((s) => ({ key: s.step.key, needs: s.step.needs, serviceCode: s.service.code })),
            merged,
          )
        : undefined,
    ),
  };
}
