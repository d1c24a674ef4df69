import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import { nextPlanStatus, type InspectionAuditAction, type PlanEvent } from "./model";
import { inspectionPlans } from "./schema";

export type PlanRow = typeof inspectionPlans.$inferSelect;

/** The audit stream of a plan and everything done in it. */
export const planStream = (planId: string) => `inspectionPlan:${planId}`;

/** The plan, locked for the transaction (the draw and the results of one plan are serialised). */
export async function lockPlan(tx: Db, planId: string): Promise<PlanRow> {
  const [row] = await tx.select().from(inspectionPlans).where(eq(inspectionPlans.id, planId)).for("update");
  if (!row) throw new DomainError("notFound", "errors.notFound", { field: "planId" });
  return row;
}

/**
 * Moves a plan by its machine's table (an illegal move throws), compare-and-set on status and
 * version, with its audit event, in the caller's transaction.
 */
export async function movePlan(
  tx: Db,
  plan: PlanRow,
  event: PlanEvent,
  set: Partial<typeof inspectionPlans.$inferInsert>,
  actor: Actor | null,
  now: Date,
  data: Record<string, unknown> = {},
): Promise<PlanRow> {
  const to = nextPlanStatus(plan.status, event);
  const [row] = await tx
    .update(inspectionPlans)
    .set({ ...set, status: to, version: plan.version + 1 })
    .where(and(eq(inspectionPlans.id, plan.id), eq(inspectionPlans.status, plan.status), eq(inspectionPlans.version, plan.version)))
    .returning();
  if (!row) throw new DomainError("conflict", "errors.conflict");
  await recordAudit<InspectionAuditAction>(tx, {
    streamId: planStream(plan.id),
    actor: actor ? { userId: actor.userId, role: actor.role } : null,
    action: `inspectionPlan.${event}`,
    entityType: "inspectionPlan",
    entityId: plan.id,
    from: plan.status,
    to,
    data,
    at: now,
  });
  return row;
}
