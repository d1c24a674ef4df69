import { desc, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { RiskClass } from "./model";
import { riskAssessments, type RiskFactor } from "./schema";

export type CurrentRiskClass = { riskClass: RiskClass; month: string; score: number; factors: RiskFactor[]; computedAt: Date };

/** An enterprise's newest class, or null when none was computed yet (a new enterprise). */
export async function currentRiskClass(db: Db, subjectCode: string): Promise<CurrentRiskClass | null> {
  const [row] = await db
    .select({
      riskClass: riskAssessments.riskClass,
      month: riskAssessments.month,
      score: riskAssessments.score,
      factors: riskAssessments.factors,
      computedAt: riskAssessments.computedAt,
    })
    .from(riskAssessments)
    .where(eq(riskAssessments.subjectCode, subjectCode))
    .orderBy(desc(riskAssessments.month))
    .limit(1);
  return row ?? null;
}
