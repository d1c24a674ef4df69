import { and, asc, eq, inArray, isNull, like, or, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { grantedApplicationStatuses } from "../applications/model";
import { applications } from "../applications/schema";
import { entities, staff, users, departments } from "../identity/schema";
import { currentRiskClass } from "../risk/current-class";
import type { RiskClass } from "../risk/model";
import { assumedRiskClass, divisionPrefix, type PlanScope } from "./model";

export interface PlanCandidate {
  entityCode: string;
  entityName: string;
  riskClass: RiskClass;
  /** No class computed yet: drawn as `assumedRiskClass` (B). */
  classAssumed: boolean;
  weight: number;
}

/**
 * The enterprises a plan draws from, as they are now, in credit-code order:
 * - `allEnterprises`: every enterprise registered with the portal and not deregistered;
 * - `service`: those among them with a granted application of the service, applied for alone or
 *   as a step of a bundle (the application's plan names it): licensed by it.
 * With a division, only the enterprises registered in it (the division in their credit code).
 * Each with its current risk class (`currentRiskClass`; none yet: B, marked) and that class's weight.
 */
export async function planCandidates(
  db: Db,
  scope: PlanScope,
  serviceId: string | null,
  divisionCode: string | null,
  weights: Record<RiskClass, number>,
): Promise<PlanCandidate[]> {
  // Characters 3–8 of a credit code are the division it was registered in (GB 32100).
  const inDivision = divisionCode ? like(entities.creditCode, `__${divisionPrefix(divisionCode)}%`) : undefined;
  const rows =
    scope === "service" && serviceId
      ? await db
          .selectDistinct({ code: entities.creditCode, name: entities.name })
          .from(applications)
          .innerJoin(entities, eq(entities.id, applications.entityId))
          .where(
            and(
              or(eq(applications.serviceId, serviceId), sql`${applications.plan} @> ${JSON.stringify([{ serviceId }])}::jsonb`),
              inArray(applications.status, [...grantedApplicationStatuses]),
              isNull(entities.deregisteredAt),
              inDivision,
            ),
          )
          .orderBy(asc(entities.creditCode))
      : await db
          .select({ code: entities.creditCode, name: entities.name })
          .from(entities)
          .where(and(isNull(entities.deregisteredAt), inDivision))
          .orderBy(asc(entities.creditCode));
  const out: PlanCandidate[] = [];
  for (const r of rows) {
    const current = await currentRiskClass(db, r.code);
    const riskClass = current?.riskClass ?? assumedRiskClass;
    out.push({ entityCode: r.code, entityName: r.name, riskClass, classAssumed: current === null, weight: weights[riskClass] });
  }
  return out;
}

export interface Inspector {
  id: string;
  name: string;
  /** The inspector's department's GB/T 2260 division. */
  divisionCode: string;
}

/** The department's inspectors: its active reviewers (the head included), in id order. */
export async function departmentInspectors(db: Db, departmentId: string): Promise<Inspector[]> {
  return db
    .select({ id: users.id, name: users.displayName, divisionCode: departments.divisionCode })
    .from(users)
    .innerJoin(staff, eq(staff.userId, users.id))
    .innerJoin(departments, eq(departments.id, staff.departmentId))
    .where(and(eq(users.role, "reviewer"), eq(users.active, true), eq(staff.departmentId, departmentId)))
    .orderBy(asc(users.id));
}
