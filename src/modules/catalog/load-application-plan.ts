import { and, asc, eq, inArray } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { PlanStep } from "../applications/schema";
import type { ApplicationPlan, PlanMaterial } from "./plan";
import { bundleSteps, bundles, materials, services } from "./schema";

type ServiceRow = typeof services.$inferSelect;

function stepOf(service: ServiceRow, key: string, needs: string[], stage: number): PlanStep {
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
    stage,
  };
}

/**
 * What applying for a published service or bundle takes: its steps and the union of their
 * materials, each piece of data once (by key; required if any service requires it).
 */
export async function loadApplicationPlan(db: Db, subject: { kind: "service" | "bundle"; code: string }): Promise<ApplicationPlan> {
  let head: Omit<ApplicationPlan, "steps" | "materials" | "autoAcceptance">;
  let steps: PlanStep[];
  let serviceRows: ServiceRow[];
  if (subject.kind === "service") {
    const [service] = await db.select().from(services).where(and(eq(services.code, subject.code), eq(services.published, true)));
    if (!service) throw new DomainError("notFound", "errors.notFound");
    head = { kind: "service", id: service.id, code: service.code, nameZh: service.nameZh, nameEn: service.nameEn, applicantKinds: service.applicantKinds, requiresCertificateType: null };
    steps = [stepOf(service, service.code, [], 1)];
    serviceRows = [service];
  } else {
    const [bundle] = await db.select().from(bundles).where(and(eq(bundles.code, subject.code), eq(bundles.published, true)));
    if (!bundle) throw new DomainError("notFound", "errors.notFound");
    const rows = await db
      .select({ step: bundleSteps, service: services })
      .from(bundleSteps)
      .innerJoin(services, eq(services.id, bundleSteps.serviceId))
      .where(eq(bundleSteps.bundleId, bundle.id))
      .orderBy(asc(bundleSteps.stage), asc(bundleSteps.sortOrder));
    if (rows.length === 0 || rows.some((r) => !r.service.published)) throw new DomainError("notFound", "errors.notFound");
    head = { kind: "bundle", id: bundle.id, code: bundle.code, nameZh: bundle.nameZh, nameEn: bundle.nameEn, applicantKinds: bundle.applicantKinds, requiresCertificateType: bundle.requiresCertificateType };
    steps = rows.map((r) => stepOf(r.service, r.step.key, r.step.needs, r.step.stage));
    serviceRows = rows.map((r) => r.service);
  }

  const materialRows = await db
    .select()
    .from(materials)
    .where(inArray(materials.serviceId, serviceRows.map((s) => s.id)))
    .orderBy(asc(materials.sortOrder));
  const codeOf = new Map(serviceRows.map((s) => [s.id, s.code]));
  const byKey = new Map<string, PlanMaterial>();
  for (const m of materialRows) {
    const existing = byKey.get(m.key);
    if (existing) {
      existing.required ||= m.required;
      existing.serviceCodes.push(codeOf.get(m.serviceId) ?? "");
      continue;
    }
    byKey.set(m.key, {
      key: m.key,
      nameZh: m.nameZh,
      nameEn: m.nameEn,
      legalBasis: m.legalBasis,
      source: m.source,
      fieldType: m.fieldType,
      options: m.options,
      certificateType: m.certificateType,
      required: m.required,
      conditionZh: m.conditionZh,
      conditionEn: m.conditionEn,
      serviceCodes: [codeOf.get(m.serviceId) ?? ""],
    });
  }
  return { ...head, autoAcceptance: serviceRows.every((s) => s.autoAcceptance), steps, materials: [...byKey.values()] };
}
