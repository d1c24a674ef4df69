import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { services } from "../catalog/schema";
import { divisions } from "../divisions/schema";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import { riskClasses, type RiskClass } from "../risk/model";
import { departmentInspectors, planCandidates } from "./candidates";
import { newSeed } from "./draw";
import { ZCreatePlanInput, weightFields, type CreatePlanFormInput } from "./inputs";
import { initialPlanStatus, type InspectionAuditAction } from "./model";
import { inspectionCandidates, inspectionPlans } from "./schema";
import { planStream } from "./transition";

/**
 * The data office creates an inspection plan, and it is published at once with its seed (32 random
 * bytes, fixed before anyone can know the draw), its weights and its candidate list as it is now
 * (each enterprise's class and weight, kept so the draw is reproducible). Refused, with nothing
 * written: no candidates, a sample larger than the candidates, fewer inspectors in the department
 * than one entity needs.
 */
export async function createPlan(db: Db, actor: Actor, raw: CreatePlanFormInput, now: Date = new Date(), seed: string = newSeed()): Promise<{ id: string }> {
  const input = ZCreatePlanInput.parse(raw);
  if (actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  const weights = Object.fromEntries(riskClasses.map((c) => [c, input[weightFields[c]]])) as Record<RiskClass, number>;
  return db.transaction(async (tx) => {
    const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
    if (!department) throw new DomainError("invalidInput", "inspections.errors.department", { field: "departmentId" });
    const serviceId = input.scope === "service" ? (input.serviceId ?? null) : null;
    if (serviceId) {
      const [service] = await tx.select({ id: services.id }).from(services).where(eq(services.id, serviceId));
      if (!service) throw new DomainError("invalidInput", "inspections.errors.service", { field: "serviceId" });
    }
    const divisionCode = input.divisionCode ?? null;
    if (divisionCode) {
      const [division] = await tx.select({ code: divisions.code }).from(divisions).where(eq(divisions.code, divisionCode));
      if (!division) throw new DomainError("invalidInput", "inspections.errors.division", { field: "divisionCode" });
    }
    const candidates = await planCandidates(tx, input.scope, serviceId, divisionCode, weights);
    if (candidates.length === 0) throw new DomainError("invalidInput", "inspections.errors.noCandidates", { field: "scope" });
    if (input.sampleSize > candidates.length)
      throw new DomainError("invalidInput", "inspections.errors.sampleTooLarge", { field: "sampleSize", params: { count: candidates.length } });
    const inspectors = await departmentInspectors(tx, department.id);
    if (inspectors.length < input.inspectorsPerEntity)
      throw new DomainError("invalidInput", "inspections.errors.tooFewInspectors", { field: "inspectorsPerEntity", params: { count: inspectors.length } });
    const id = randomUUID();
    await tx
      .insert(inspectionPlans)
      .values({
        id,
        title: input.title,
        departmentId: department.id,
        scope: input.scope,
        serviceId,
        divisionCode,
        weights,
        sampleSize: input.sampleSize,
        inspectorsPerEntity: input.inspectorsPerEntity,
        periodFrom: input.periodFrom,
        periodUntil: input.periodUntil,
        seed,
        candidateCount: candidates.length,
        status: initialPlanStatus,
        createdBy: actor.userId,
        publishedAt: now,
      });
    await tx.insert(inspectionCandidates).values(candidates.map((c) => ({ planId: id, ...c })));
    await recordAudit<InspectionAuditAction>(tx, {
      streamId: planStream(id),
      actor: { userId: actor.userId, role: actor.role },
      action: "inspectionPlan.publish",
      entityType: "inspectionPlan",
      entityId: id,
      to: initialPlanStatus,
      data: { seed, weights, sampleSize: input.sampleSize, candidateCount: candidates.length, departmentId: department.id },
      at: now,
    });
    return { id };
  });
}
