import { asc, inArray, isNotNull, or } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { divisions } from "../divisions/schema";
import { departments } from "../identity/schema";
import { competentBody, type RoutableBody } from "./model";
import type { PlanStep } from "./plan";

/** The GB/T 2260 division and its ancestors, lowest first (at most three levels: county, city, province). */
async function divisionChain(tx: Db, code: string): Promise<Array<{ code: string; level: number }>> {
  const chain: Array<{ code: string; level: number }> = [];
  let next: string | null = code;
  while (next && chain.length < 3) {
    const [row] = await tx
      .select({ code: divisions.code, level: divisions.level, parentCode: divisions.parentCode })
      .from(divisions)
      .where(inArray(divisions.code, [next]));
    if (!row) break;
    chain.push({ code: row.code, level: row.level });
    next = row.parentCode;
  }
  return chain;
}

/**
 * Routes each step of a plan to the competent body (管辖), by the competence rule copied into the
 * step at submission: the deciding division is the project's location (a form answer) or the
 * applicant's division; the body is the county body of the step's department's function there,
 * else its city's, else the department itself. Steps without a rule are returned unchanged. A
 * routed step keeps the service's department in `serviceDepartmentId`. Called at acceptance,
 * with the application locked; the answers are those the application was accepted with.
 */
export async function routeSteps(
  tx: Db,
  plan: readonly PlanStep[],
  application: { divisionCode: string; formData: Readonly<Record<string, string>> },
): Promise<{ plan: PlanStep[]; routed: Array<{ step: string; departmentCode: string }> }> {
  const ruled = plan.filter((s) => s.competence && !s.serviceDepartmentId);
  if (ruled.length === 0) return { plan: [...plan], routed: [] };
  const rows = await tx
    .select({
      id: departments.id,
      code: departments.code,
      level: departments.level,
      divisionCode: departments.divisionCode,
      functionCode: departments.functionCode,
    })
    .from(departments)
    .where(
      or(
        isNotNull(departments.functionCode),
        inArray(
          departments.id,
          ruled.map((s) => s.departmentId),
        ),
      ),
    )
    // Should two bodies of one function serve one division, the choice is still the same every time.
    .orderBy(asc(departments.code));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bodies: RoutableBody[] = rows.flatMap((r) =>
    r.functionCode ? [{ id: r.id, level: r.level, divisionCode: r.divisionCode, functionCode: r.functionCode }] : [],
  );
  const chains = new Map<string, Array<{ code: string; level: number }>>();
  const routed: Array<{ step: string; departmentCode: string }> = [];
  const out: PlanStep[] = [];
  for (const step of plan) {
    const own = byId.get(step.departmentId);
    if (!step.competence || step.serviceDepartmentId || !own) {
      out.push(step);
      continue;
    }
    const rule = step.competence;
    const located = rule.locationKey ? application.formData[rule.locationKey]?.trim() : undefined;
    // A location answer that is not a six-digit code falls back to the applicant's division.
    const division = located && /^\d{6}$/.test(located) ? located : application.divisionCode;
    const chain = chains.get(division) ?? (await divisionChain(tx, division));
    chains.set(division, chain);
    const raw = rule.provinceFromAmount ? application.formData[rule.provinceFromAmount.key] : undefined;
    const amount = raw !== undefined && raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : null;
    const bodyId = competentBody(rule, { id: own.id, code: own.code }, bodies, chain, amount);
    if (bodyId === own.id) {
      out.push(step);
      continue;
    }
    out.push({ ...step, departmentId: bodyId, serviceDepartmentId: own.id });
    routed.push({ step: step.key, departmentCode: byId.get(bodyId)?.code ?? bodyId });
  }
  return { plan: out, routed };
}
