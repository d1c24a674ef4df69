import { z } from "zod";
import { msg } from "@/lib/message";
import { applicableMaterials, situationAnswerProblems, type SituationAnswers } from "../catalog/model";
import type { ApplicationPlan, PlanMaterial } from "../catalog/plan";

/**
 * The applicant's answers to the plan's situation questions (办理情形), checked: every question
 * answered with one of its answers, nothing else. Every problem at once, as field errors
 * `situations.<key>`; the answers as stored otherwise.
 */
export function checkSituations(plan: Pick<ApplicationPlan, "situations">, answers: Readonly<Record<string, string>>): SituationAnswers {
  const problems = situationAnswerProblems(plan.situations, answers);
  if (problems.length > 0) {
    // ZodRealError: tRPC keeps its issues as field errors (see check-materials.ts).
    throw new z.ZodRealError(
      problems.map((p) => ({
        code: "custom" as const,
        path: ["situations", p.key],
        message: p.problem === "missing" ? msg("validation.required") : msg("applications.validation.situationUnknown"),
        input: answers[p.key],
      })),
    );
  }
  return Object.fromEntries(plan.situations.map((q) => [q.key, answers[q.key] ?? ""]));
}

/**
 * What the application form asks, derived on the server from the stored answers and never taken
 * from the form: the materials that apply in the applicant's situation and belong to the first
 * stage (a staged bundle asks each later stage's materials when that stage opens).
 */
export function materialsAtSubmission(plan: Pick<ApplicationPlan, "materials">, answers: Readonly<SituationAnswers>): PlanMaterial[] {
  return applicableMaterials(plan.materials, answers).filter((m) => m.stage === 1);
}
