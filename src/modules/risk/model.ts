// Credit risk classes (信用风险分类): the four classes an enterprise is put in, best first. Pure.
// How a class is computed from the records, commitments, inspections and risk signals is written
// in `classify.ts` and docs/ARCHITECTURE.md; this file holds the list every other module shares.

/** A: low risk (信用风险低), B: general, C: relatively high, D: high (信用风险高). */
export const riskClasses = ["A", "B", "C", "D"] as const;
export type RiskClass = (typeof riskClasses)[number];

/** Class D may not commit instead of proof (国办发〔2020〕42号: 信用状况较差的申请人不适用告知承诺). */
export function excludesCommitment(riskClass: RiskClass | null): boolean {
  return riskClass === "D";
}
