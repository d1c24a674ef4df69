import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { loadApplicationPlan } from "./load-application-plan";
import { bundles, certificateTypes, services } from "./schema";

/** The public guide of a service or bundle: conditions, materials with legal basis, limits, fees, departments. */
export async function getGuide(db: Db, subject: { kind: "service" | "bundle"; code: string }) {
  const plan = await loadApplicationPlan(db, subject);
  const serviceRows = await db.select().from(services).where(inArray(services.id, plan.steps.map((s) => s.serviceId)));
  const deptRows = await db.select().from(departments).where(inArray(departments.id, serviceRows.map((s) => s.departmentId)));
  const typeRows = await db.select().from(certificateTypes);
  const dept = new Map(deptRows.map((d) => [d.id, d]));
  const byId = new Map(serviceRows.map((s) => [s.id, s]));
  const [bundle] = plan.kind === "bundle" ? await db.select().from(bundles).where(eq(bundles.code, plan.code)) : [];
  const requires = plan.requiresCertificateType ? typeRows.find((t) => t.code === plan.requiresCertificateType) : undefined;
  return {
    kind: plan.kind,
    code: plan.code,
    nameZh: plan.nameZh,
    nameEn: plan.nameEn,
    descriptionZh: bundle?.descriptionZh ?? null,
    descriptionEn: bundle?.descriptionEn ?? null,
    applicantKinds: plan.applicantKinds,
    requires: requires ? { nameZh: requires.nameZh, nameEn: requires.nameEn } : null,
    steps: plan.steps.map((step) => {
      const s = byId.get(step.serviceId);
      const d = s ? dept.get(s.departmentId) : undefined;
      return {
        key: step.key,
        stage: step.stage,
        needs: step.needs,
        serviceNameZh: step.serviceNameZh,
        serviceNameEn: step.serviceNameEn,
        departmentNameZh: d?.nameZh ?? "",
        departmentNameEn: d?.nameEn ?? "",
        legalBasis: s?.legalBasis ?? "",
        conditionsZh: s?.conditionsZh ?? "",
        conditionsEn: s?.conditionsEn ?? "",
        statutoryDays: step.statutoryDays,
        promisedDays: step.promisedDays,
        feeFen: s?.feeFen ?? 0,
        issuesZh: typeRows.find((t) => t.code === step.issuesCertificateType)?.nameZh ?? null,
        issuesEn: typeRows.find((t) => t.code === step.issuesCertificateType)?.nameEn ?? null,
      };
    }),
    materials: plan.materials,
  };
}
