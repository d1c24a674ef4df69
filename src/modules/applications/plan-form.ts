import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { loadApplicationPlan } from "../catalog/load-application-plan";
import type { PlanForm } from "../catalog/plan";
import type { applications } from "./schema";
import { subjectOf } from "./subject";

/**
 * The form an application is held to: the materials and situation questions as the catalog said
 * when it was submitted (kept with it), or, for an application submitted before that was kept or
 * a draft, the catalog's current ones. Null when neither exists any more (a withdrawn service).
 */
export async function planFormOf(db: Db, app: Pick<typeof applications.$inferSelect, "planForm" | "bundleId" | "plan">): Promise<PlanForm | null> {
  if (app.planForm) return app.planForm;
  try {
    const plan = await loadApplicationPlan(db, await subjectOf(db, app));
    return { materials: plan.materials, situations: plan.situations };
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}
