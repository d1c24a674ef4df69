import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { criticalPathDays, validateBundleGraph } from "./model";
import { departmentRefs } from "./read-catalog";
import { bundleSteps, bundles, services } from "./schema";
import type { DepartmentRef, GuideList } from "./views";

/**
 * The public list of guides: the bundles that can be applied for (published, every step's
 * service published), then every published service, by department. A bundle's time limits are
 * those of its critical path, since its steps run in parallel.
 */
export async function listGuides(db: Db): Promise<GuideList> {
  const serviceRows = await db
    .select({ service: services, department: { code: departments.code, nameZh: departments.nameZh, nameEn: departments.nameEn } })
    .from(services)
    .innerJoin(departments, eq(departments.id, services.departmentId))
    // The catalog's own order (creation); the page groups by department in order of appearance.
    .orderBy(asc(services.createdAt), asc(services.code));

  const bundleRows = await db.select().from(bundles).where(eq(bundles.published, true)).orderBy(asc(bundles.createdAt), asc(bundles.code));
  const stepRows = bundleRows.length
    ? await db
        .select()
        .from(bundleSteps)
        .where(
          inArray(
            bundleSteps.bundleId,
            bundleRows.map((b) => b.id),
          ),
        )
        .orderBy(asc(bundleSteps.stage), asc(bundleSteps.sortOrder))
    : [];
  const serviceById = new Map(serviceRows.map((r) => [r.service.id, r]));
  const leads = await departmentRefs(
    db,
    bundleRows.map((b) => b.leadDepartmentId),
  );

  const bundleItems = bundleRows.flatMap((b) => {
    const steps = stepRows.filter((s) => s.bundleId === b.id);
    const joined = steps.map((s) => ({ step: s, row: serviceById.get(s.serviceId) }));
    if (steps.length === 0 || joined.some((j) => !j.row?.service.published) || validateBundleGraph(steps).length > 0) return [];
    const lead = leads.get(b.leadDepartmentId);
    if (!lead) return [];
    const departmentsOfSteps = new Map<string, DepartmentRef>();
    for (const j of joined) if (j.row) departmentsOfSteps.set(j.row.department.code, j.row.department);
    const graph = (days: (s: typeof services.$inferSelect) => number) =>
      joined.map((j) => ({ key: j.step.key, needs: j.step.needs, days: j.row ? days(j.row.service) : 0 }));
    return [
      {
        code: b.code,
        nameZh: b.nameZh,
        nameEn: b.nameEn,
        descriptionZh: b.descriptionZh,
        descriptionEn: b.descriptionEn,
        leadDepartment: lead,
        departments: [...departmentsOfSteps.values()],
        stepCount: steps.length,
        stageCount: new Set(steps.map((s) => s.stage)).size,
        promisedDays: criticalPathDays(graph((s) => s.promisedDays)),
        statutoryDays: criticalPathDays(graph((s) => s.statutoryDays)),
        feeFen: joined.reduce((sum, j) => sum + (j.row?.service.feeFen ?? 0), 0),
        applicantKinds: b.applicantKinds,
        serviceCodes: [...new Set(joined.flatMap((j) => (j.row ? [j.row.service.code] : [])))],
      },
    ];
  });

  const serviceItems = serviceRows
    .filter((r) => r.service.published)
    .map(({ service: s, department }) => ({
      code: s.code,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      department,
      promisedDays: s.promisedDays,
      statutoryDays: s.statutoryDays,
      feeFen: s.feeFen,
      applicantKinds: s.applicantKinds,
    }));

  return { bundles: bundleItems, services: serviceItems };
}
