import { and, eq } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import { shanghaiDate } from "@/lib/dates";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import { recordCredit } from "../credit/record-credit";
import type { Actor } from "../identity/model";
import { ZRecordResultInput, type RecordResultFormInput } from "./inputs";
import { acceptsResults, inspectionLegalBasis, type InspectionAuditAction, type InspectionOutcome } from "./model";
import { inspectionCandidates, inspectionInspectors, inspectionResults } from "./schema";
import { lockPlan, movePlan, planStream } from "./transition";

/** How a result reads in the credit record (Chinese: the record's language of record). */
const outcomeTitles: Record<InspectionOutcome, string> = {
  compliant: "未发现问题",
  problemsFound: "发现问题",
  rectified: "发现问题，已责令整改",
  notFound: "通过登记的住所（经营场所）无法联系",
  refused: "不配合检查",
};

/**
 * A drawn inspector records the result of inspecting one drawn entity, once per entity: the result
 * row, a credit record of kind `inspectionResult` from the plan's department (published on the
 * enterprise's credit page), the audit event; the last result completes the plan. Anyone but an
 * inspector drawn for that entity is refused; so is a second result, or a plan not drawn.
 */
export async function recordResult(db: Db, actor: Actor, raw: RecordResultFormInput, now: Date = new Date()): Promise<{ id: string }> {
  const input = ZRecordResultInput.parse(raw);
  if (actor.role !== "reviewer") throw new DomainError("forbidden", "errors.forbidden");
  if (input.inspectedOn > shanghaiDate(now)) throw new DomainError("invalidInput", "inspections.errors.future", { field: "inspectedOn" });
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.planId);
    const [assigned] = await tx
      .select({ id: inspectionInspectors.id })
      .from(inspectionInspectors)
      .where(
        and(
          eq(inspectionInspectors.planId, plan.id),
          eq(inspectionInspectors.entityCode, input.entityCode),
          eq(inspectionInspectors.inspectorId, actor.userId),
          eq(inspectionInspectors.drawn, true),
        ),
      );
    if (!assigned) throw new DomainError("forbidden", "inspections.errors.notAssigned");
    if (!acceptsResults(plan.status)) throw new DomainError("conflict", "inspections.errors.closed");
    if (input.inspectedOn < plan.periodFrom) throw new DomainError("invalidInput", "inspections.errors.beforePeriod", { field: "inspectedOn" });
    const [existing] = await tx
      .select({ id: inspectionResults.id })
      .from(inspectionResults)
      .where(and(eq(inspectionResults.planId, plan.id), eq(inspectionResults.entityCode, input.entityCode)));
    if (existing) throw new DomainError("conflict", "inspections.errors.alreadyRecorded");
    const [entity] = await tx
      .select({ name: inspectionCandidates.entityName })
      .from(inspectionCandidates)
      .where(and(eq(inspectionCandidates.planId, plan.id), eq(inspectionCandidates.entityCode, input.entityCode)));
    const findings = input.findings === "" ? outcomeTitles[input.outcome] : input.findings;
    const credit = await recordCredit(
      tx,
      {
        kind: "inspectionResult",
        subjectCode: input.entityCode,
        subjectName: entity?.name ?? input.entityCode,
        departmentId: plan.departmentId,
        title: `双随机抽查：${outcomeTitles[input.outcome]}`,
        content: `${plan.title}（${plan.periodFrom} 至 ${plan.periodUntil}）。${findings}`,
        legalBasis: inspectionLegalBasis,
        decidedOn: input.inspectedOn,
        sourceKey: `inspection:${plan.id}:${input.entityCode}`,
        recordedBy: actor,
      },
      now,
    );
    const [row] = await tx
      .insert(inspectionResults)
      .values({
        planId: plan.id,
        entityCode: input.entityCode,
        outcome: input.outcome,
        findings: input.findings,
        inspectedOn: input.inspectedOn,
        recordedBy: actor.userId,
        recordedAt: now,
        creditRecordId: credit.id,
      })
      .returning({ id: inspectionResults.id });
    if (!row) throw new DomainError("conflict", "errors.conflict");
    await recordAudit<InspectionAuditAction>(tx, {
      streamId: planStream(plan.id),
      actor: { userId: actor.userId, role: actor.role },
      action: "inspectionResult.record",
      entityType: "inspectionResult",
      entityId: row.id,
      data: { entityCode: input.entityCode, outcome: input.outcome, creditRecordId: credit.id },
      at: now,
    });
    const drawn = await tx
      .select({ code: inspectionCandidates.entityCode })
      .from(inspectionCandidates)
      .where(and(eq(inspectionCandidates.planId, plan.id), eq(inspectionCandidates.drawn, true)));
    const done = await tx.select({ code: inspectionResults.entityCode }).from(inspectionResults).where(eq(inspectionResults.planId, plan.id));
    const recorded = new Set(done.map((d) => d.code));
    if (drawn.every((d) => recorded.has(d.code))) await movePlan(tx, plan, "complete", { completedAt: now }, actor, now);
    return { id: row.id };
  });
}
