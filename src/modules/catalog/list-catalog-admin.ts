import { asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { departments, users } from "../identity/schema";
import { currentCatalogVersion } from "./catalog-version";
import { bundleSteps, bundles, catalogVersions, certificateTypes, materials, services } from "./schema";
import type { CatalogAdmin } from "./views";

/** How many of the latest catalog versions the data office's page lists. */
const recentVersions = 10;

/**
 * Everything the data office keeps: every service (published or not) with its materials, every
 * bundle's steps, what the forms choose from, and the catalog's current and latest versions.
 */
export async function listCatalogAdmin(db: Db): Promise<CatalogAdmin> {
  const department = { code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn };
  const serviceRows = await db
    .select({ service: services, department })
    .from(services)
    .innerJoin(departments, eq(departments.id, services.departmentId))
    .orderBy(asc(services.createdAt), asc(services.code));
  const materialRows = await db.select().from(materials).orderBy(asc(materials.sortOrder), asc(materials.key));
  const bundleRows = await db.select().from(bundles).orderBy(asc(bundles.createdAt), asc(bundles.code));
  const stepRows = await db
    .select({ step: bundleSteps, service: { code: services.code, nameZh: services.nameZh, nameEn: services.nameEn }, department })
    .from(bundleSteps)
    .innerJoin(services, eq(services.id, bundleSteps.serviceId))
    .innerJoin(departments, eq(departments.id, services.departmentId))
    .orderBy(asc(bundleSteps.stage), asc(bundleSteps.sortOrder), asc(bundleSteps.key));
  const versionRows = await db
    .select({
      version: catalogVersions.version,
      reason: catalogVersions.reason,
      subject: catalogVersions.subject,
      by: users.displayName,
      at: catalogVersions.createdAt,
    })
    .from(catalogVersions)
    .leftJoin(users, eq(users.id, catalogVersions.createdBy))
    .orderBy(desc(catalogVersions.version))
    .limit(recentVersions);
  const departmentRows = await db.select(department).from(departments).orderBy(asc(departments.code));
  const typeRows = await db
    .select({ code: certificateTypes.code, nameZh: certificateTypes.nameZh, nameEn: certificateTypes.nameEn })
    .from(certificateTypes)
    .orderBy(asc(certificateTypes.code));
  return {
    version: { current: await currentCatalogVersion(db), recent: versionRows },
    departments: departmentRows,
    certificateTypes: typeRows,
    services: serviceRows.map(({ service: s, department: d }) => ({
      code: s.code,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      department: d,
      legalBasis: s.legalBasis,
      conditionsZh: s.conditionsZh,
      conditionsEn: s.conditionsEn,
      applicantKinds: s.applicantKinds,
      issuesCertificateType: s.issuesCertificateType,
      registersEntity: s.registersEntity,
      statutoryDays: s.statutoryDays,
      promisedDays: s.promisedDays,
      feeFen: s.feeFen,
      autoAcceptance: s.autoAcceptance,
      deemedApprovalOnTimeout: s.deemedApprovalOnTimeout,
      published: s.published,
      competence: s.competence ?? null,
      updatedAt: s.updatedAt,
      materials: materialRows
        .filter((m) => m.serviceId === s.id)
        .map((m) => ({
          key: m.key,
          nameZh: m.nameZh,
          nameEn: m.nameEn,
          legalBasis: m.legalBasis,
          source: m.source,
          fieldType: m.fieldType,
          options: m.options,
          certificateType: m.certificateType,
          required: m.required,
          commitment: m.commitment,
          conditionZh: m.conditionZh,
          conditionEn: m.conditionEn,
          sortOrder: m.sortOrder,
        })),
    })),
    bundles: bundleRows.map((b) => ({
      code: b.code,
      nameZh: b.nameZh,
      nameEn: b.nameEn,
      published: b.published,
      steps: stepRows
        .filter((r) => r.step.bundleId === b.id)
        .map((r) => ({
          key: r.step.key,
          serviceCode: r.service.code,
          serviceNameZh: r.service.nameZh,
          serviceNameEn: r.service.nameEn,
          department: r.department,
          needs: r.step.needs,
          stage: r.step.stage,
        })),
    })),
  };
}
