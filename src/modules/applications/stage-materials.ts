import { eq } from "drizzle-orm";
import { planFormOf } from "./plan-form";
import type { Db } from "@/server/db/client";
import { bundles } from "../catalog/schema";
import { owedStepMaterials } from "../catalog/model";
import type { PlanForm, PlanMaterial } from "../catalog/plan";
import { applicationMaterials, type applications } from "./schema";

type ApplicationRow = typeof applications.$inferSelect;

export interface OwedMaterials {
  /** The later-stage materials the step's service asks in the applicant's situation, not yet supplied. */
  all: PlanMaterial[];
  /** Of those, the ones the step cannot start without. */
  required: PlanMaterial[];
}

/**
 * What the applicant still owes each of these steps of a staged bundle before it can start (see
 * `owedStepMaterials`), derived from the catalog's plan, the stored situation answers and what
 * was supplied so far. A plan whose steps all start at once, or a bundle that is not staged,
 * owes nothing later: the fan-in of every other case pays one small query at most.
 */
export async function stageMaterialsOwed(
  tx: Db,
  app: ApplicationRow,
  stepKeys: readonly string[],
): Promise<{ plan: PlanForm | null; owed: Map<string, OwedMaterials> }> {
  const owed = new Map<string, OwedMaterials>();
  const steps = app.plan.filter((s) => stepKeys.includes(s.key) && s.needs.length > 0);
  if (steps.length === 0 || !app.bundleId) return { plan: null, owed };
  const [bundle] = await tx.select({ staged: bundles.stagedMaterials }).from(bundles).where(eq(bundles.id, app.bundleId));
  if (!bundle?.staged) return { plan: null, owed };
  // The form the case was submitted under; a bundle withdrawn since leaves the case with what it has.
  const plan = await planFormOf(tx, app);
  if (!plan) return { plan: null, owed };
  const rows = await tx.select({ key: applicationMaterials.materialKey }).from(applicationMaterials).where(eq(applicationMaterials.applicationId, app.id));
  const supplied = new Set([...rows.map((r) => r.key), ...Object.entries(app.formData).flatMap(([k, v]) => (v.trim() ? [k] : []))]);
  for (const step of steps) owed.set(step.key, owedStepMaterials(plan.materials, step, app.situations, supplied));
  return { plan, owed };
}
