// Random inspections (双随机、一公开): the plan's machine, the default class weights, the results an
// inspector may record and the conflict rule for inspectors. Pure: the draw itself (hashing) is in
// draw.ts, the method in docs/inspections.md.
import { transition, type TransitionTable } from "@/lib/state-machine";
import type { RiskClass } from "../risk/model";

/**
 * A plan is `published` with its seed, weights and candidate list at creation (before anyone can
 * know the draw); `draw` draws entities and inspectors (`drawn`); the last result recorded
 * completes it (`completed`). Nothing moves back: a published seed is never replaced.
 */
export const planStatuses = ["published", "drawn", "completed"] as const;
export type PlanStatus = (typeof planStatuses)[number];
export const planEvents = ["draw", "complete"] as const;
export type PlanEvent = (typeof planEvents)[number];

export const planMachine: TransitionTable<PlanStatus, PlanEvent> = { published: { draw: "drawn" }, drawn: { complete: "completed" }, completed: {} };
export const initialPlanStatus: PlanStatus = "published";

export function nextPlanStatus(from: PlanStatus, event: PlanEvent): PlanStatus {
  return transition("inspectionPlan", planMachine, from, event, "inspections.status");
}

/** Drawn, with assignments: inspectors see them and record results (a completed plan keeps them, read-only). */
export function hasDraw(status: PlanStatus): boolean {
  return status !== initialPlanStatus;
}

/** Results may still be recorded: drawn and not yet completed. */
export function acceptsResults(status: PlanStatus): boolean {
  return status === "drawn";
}

/** What a plan's candidates are: every registered enterprise, or those licensed by one service. */
export const planScopes = ["allEnterprises", "service"] as const;
export type PlanScope = (typeof planScopes)[number];

/**
 * The default weight of each risk class: the worse the class, the likelier it is drawn (信用风险分类
 * 结果与双随机抽查结合: 高风险提高抽查比例和频次). A class's weight w enters the key u^(1/w).
 */
export const defaultWeights: Record<RiskClass, number> = { A: 1, B: 2, C: 4, D: 8 };
/** The heaviest weight a class may have: keeps the draw's integer arithmetic small (10^(20·64) at most). */
export const maxWeight = 64;

/** An enterprise without a computed class yet is drawn as class B (一般风险), and the plan says so. */
export const assumedRiskClass: RiskClass = "B";

/** The results an inspector records for a drawn entity (抽查结果). */
export const inspectionOutcomes = ["compliant", "problemsFound", "rectified", "notFound", "refused"] as const;
export type InspectionOutcome = (typeof inspectionOutcomes)[number];

/** Results that need findings written down (what was found, where the entity could not be found). */
export function needsFindings(outcome: InspectionOutcome): boolean {
  return outcome !== "compliant";
}

/** The legal basis of the plans and of the credit records their results make. */
export const inspectionLegalBasis = "《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号）；《优化营商环境条例》第五十五条";

// ---------------------------------------------------------------------------------------------
// Conflicts of interest. An inspector is excluded for an entity when
// - their division is the entity's: the inspector's department's GB/T 2260 division code equals
//   the division code in the entity's credit code (characters 3–8, where it was registered);
// - or they inspected the entity last time: they were drawn for it in the latest earlier drawn
//   plan that drew the entity (any department).
// ---------------------------------------------------------------------------------------------

export const conflictReasons = ["sameDivision", "inspectedLastTime"] as const;
export type ConflictReason = (typeof conflictReasons)[number];

/** The division an entity was registered in: characters 3–8 of its unified social credit code (GB 32100). */
export function entityDivision(creditCode: string): string {
  return creditCode.slice(2, 8);
}

/**
 * The credit-code prefix of a division: a county's 6 digits, a city's first 4 (130600 covers
 * 1306xx), the province's first 2.
 */
export function divisionPrefix(divisionCode: string): string {
  if (divisionCode.endsWith("0000")) return divisionCode.slice(0, 2);
  if (divisionCode.endsWith("00")) return divisionCode.slice(0, 4);
  return divisionCode;
}

/** Why the inspector may not inspect the entity, or null. */
export function inspectorConflict(
  inspector: { id: string; divisionCode: string },
  entity: { code: string; lastInspectorIds: readonly string[] },
): ConflictReason | null {
  if (inspector.divisionCode === entityDivision(entity.code)) return "sameDivision";
  if (entity.lastInspectorIds.includes(inspector.id)) return "inspectedLastTime";
  return null;
}

/** Audit actions: the plan's machine, plus its creation and each result. */
export type InspectionAuditAction = "inspectionPlan.publish" | `inspectionPlan.${PlanEvent}` | "inspectionResult.record";
export const inspectionAuditActions: readonly InspectionAuditAction[] = [
  "inspectionPlan.publish",
  ...planEvents.map((e) => `inspectionPlan.${e}` as const),
  "inspectionResult.record",
];
