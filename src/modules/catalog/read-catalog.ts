import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { certificatesIssuedBefore, mergeMaterials, validateBundleGraph, type AppliesWhen } from "./model";
import { bundleSteps, bundles, certificateTypes, materials, services } from "./schema";
import type { DepartmentRef } from "./views";

// Reads shared by the catalog's use cases. Internal to the module.

export type ServiceRow = typeof services.$inferSelect;
export type BundleRow = typeof bundles.$inferSelect;
export type StepRow = typeof bundleSteps.$inferSelect;
export type MaterialRow = typeof materials.$inferSelect;

export async function departmentRefs(db: Db, ids: readonly string[]): Promise<Map<string, DepartmentRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: departments.id, code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn })
    .from(departments)
    .where(inArray(departments.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...ref }) => [id, ref]));
}

export interface CertificateTypeRef {
  code: string;
  nameZh: string;
  nameEn: string;
  issuer: DepartmentRef;
}

export async function certificateTypeRefs(db: Db, codes: ReadonlyArray<string | null>): Promise<Map<string, CertificateTypeRef>> {
  const wanted = [...new Set(codes.filter((c): c is string => Boolean(c)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({
      code: certificateTypes.code,
      nameZh: certificateTypes.nameZh,
      nameEn: certificateTypes.nameEn,
      issuerCode: departments.code,
      issuerZh: departments.nameZh,
      issuerEn: departments.nameEn,
    })
    .from(certificateTypes)
    .innerJoin(departments, eq(departments.id, certificateTypes.issuerDepartmentId))
    .where(inArray(certificateTypes.code, wanted));
  return new Map(
    rows.map((r) => [r.code, { code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, issuer: { code: r.issuerCode, nameZh: r.issuerZh, nameEn: r.issuerEn } }]),
  );
}

/** A bundle's steps with their services, in stage then display order. */
export async function stepsOfBundle(db: Db, bundleId: string): Promise<Array<{ step: StepRow; service: ServiceRow }>> {
  return db
    .select({ step: bundleSteps, service: services })
    .from(bundleSteps)
    .innerJoin(services, eq(services.id, bundleSteps.serviceId))
    .where(eq(bundleSteps.bundleId, bundleId))
    .orderBy(asc(bundleSteps.stage), asc(bundleSteps.sortOrder), asc(bundleSteps.key));
}

/**
 * A published bundle that can be applied for: it has steps, they form a DAG, and every step's
 * service is published.
 * Null otherwise, so the guide and the application agree on what is on offer.
 */
export async function availableBundle(db: Db, code: string): Promise<{ bundle: BundleRow; steps: Array<{ step: StepRow; service: ServiceRow }> } | null> {
  const [bundle] = await db
    .select()
    .from(bundles)
    .where(and(eq(bundles.code, code), eq(bundles.published, true)));
  if (!bundle) return null;
  const steps = await stepsOfBundle(db, bundle.id);
  if (steps.length === 0 || steps.some((s) => !s.service.published)) return null;
  // The data office cannot save a cycle; rows written around it do not make a bundle on offer.
  if (validateBundleGraph(steps.map((s) => s.step)).length > 0) return null;
  return { bundle, steps };
}

export async function publishedService(db: Db, code: string): Promise<ServiceRow | null> {
  const [service] = await db
    .select()
    .from(services)
    .where(and(eq(services.code, code), eq(services.published, true)));
  return service ?? null;
}

/**
 * The materials an application for these steps asks for, each key once (see `mergeMaterials`).
 * In a bundle, a certificate that a step it needs issues is left out: that step issues it first.
 */
export async function mergedMaterialsOf(
  db: Db,
  steps: ReadonlyArray<{ key: string; needs: readonly string[]; service: ServiceRow }>,
): Promise<Array<Omit<MaterialRow, "id" | "serviceId"> & { serviceCodes: string[]; appliesWhenAny: AppliesWhen[] | null }>> {
  if (steps.length === 0) return [];
  const rows = await db
    .select()
    .from(materials)
    .where(inArray(materials.serviceId, [...new Set(steps.map((s) => s.service.id))]))
    .orderBy(asc(materials.sortOrder), asc(materials.key));
  const issuedBefore = certificatesIssuedBefore(steps.map((s) => ({ key: s.key, needs: s.needs, issues: s.service.issuesCertificateType })));
  const asked = steps.flatMap((s) =>
    rows
      .filter((m) => m.serviceId === s.service.id)
      .filter((m) => !(m.source === "certificate" && m.certificateType && issuedBefore.get(s.key)?.has(m.certificateType)))
      .map(({ id: _id, serviceId: _serviceId, ...m }) => ({ ...m, serviceCode: s.service.code })),
  );
  return mergeMaterials(asked);
}
