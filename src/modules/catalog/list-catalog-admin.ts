import { asc, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { bundleSteps, bundles, services } from "./schema";
import type { CatalogAdmin } from "./views";

/** Everything the data office keeps: every service (published or not) and every bundle's steps. */
export async function listCatalogAdmin(db: Db): Promise<CatalogAdmin> {
  const department = { code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn };
  const serviceRows = await db
    .select({ service: services, department })
    .from(services)
    .innerJoin(departments, eq(departments.id, services.departmentId))
    .orderBy(asc(services.createdAt), asc(services.code));
  const bundleRows = await db.select().from(bundles).orderBy(asc(bundles.createdAt), asc(bundles.code));
  const stepRows = await db
    .select({ step: bundleSteps, service: { code: services.code, nameZh: services.nameZh, nameEn: services.nameEn }, department })
    .from(bundleSteps)
    .innerJoin(services, eq(services.id, bundleSteps.serviceId))
    .innerJoin(departments, eq(departments.id, services.departmentId))
    .orderBy(asc(bundleSteps.stage), asc(bundleSteps.sortOrder), asc(bundleSteps.key));
  return {
    services: serviceRows.map(({ service: s, department: d }) => ({
      code: s.code,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      department: d,
      statutoryDays: s.statutoryDays,
      promisedDays: s.promisedDays,
      feeFen: s.feeFen,
      autoAcceptance: s.autoAcceptance,
      deemedApprovalOnTimeout: s.deemedApprovalOnTimeout,
      published: s.published,
      updatedAt: s.updatedAt,
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
