import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { bundles, services } from "./schema";

/** The public list of service guides: published bundles first, then services, with departments. */
export async function listGuides(db: Db) {
  const bundleRows = await db
    .select({ code: bundles.code, nameZh: bundles.nameZh, nameEn: bundles.nameEn, descriptionZh: bundles.descriptionZh, descriptionEn: bundles.descriptionEn, applicantKinds: bundles.applicantKinds, deptZh: departments.nameZh, deptEn: departments.nameEn })
    .from(bundles)
    .innerJoin(departments, eq(departments.id, bundles.leadDepartmentId))
    .where(eq(bundles.published, true))
    .orderBy(asc(bundles.createdAt));
  const serviceRows = await db
    .select({ code: services.code, nameZh: services.nameZh, nameEn: services.nameEn, promisedDays: services.promisedDays, statutoryDays: services.statutoryDays, feeFen: services.feeFen, applicantKinds: services.applicantKinds, deptCode: departments.code, deptZh: departments.nameZh, deptEn: departments.nameEn })
    .from(services)
    .innerJoin(departments, eq(departments.id, services.departmentId))
    .where(and(eq(services.published, true)))
    .orderBy(asc(departments.code), asc(services.createdAt));
  // Test fixtures create services with a `t-` prefix; they are not part of the public catalog.
  return {
    bundles: bundleRows.filter((b) => !b.code.startsWith("t-")),
    services: serviceRows.filter((s) => !s.code.startsWith("t-")),
  };
}
