import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { services } from "../catalog/schema";
import { divisions } from "../divisions/schema";
import type { Actor } from "../identity/model";
import { departments } from "../identity/schema";
import type { RiskClass } from "../risk/model";
import { keyDigits } from "./draw";
import { acceptsResults, type ConflictReason, type InspectionOutcome, type PlanScope, type PlanStatus } from "./model";
import { inspectionCandidates, inspectionInspectors, inspectionPlans, inspectionResults } from "./schema";

export interface PlanSummary {
  id: string;
  title: string;
  status: PlanStatus;
  version: number;
  department: { nameZh: string; nameEn: string };
  scope: PlanScope;
  service: { nameZh: string; nameEn: string } | null;
  /** The division the candidates were limited to, with its name. */
  division: { code: string; nameZh: string; nameEn: string } | null;
  weights: Record<RiskClass, number>;
  sampleSize: number;
  inspectorsPerEntity: number;
  periodFrom: string;
  periodUntil: string;
  seed: string;
  candidateCount: number;
  publishedAt: string;
  drawnAt: string | null;
  completedAt: string | null;
  resultCount: number;
  demo: boolean;
}

async function summaries(db: Db, planIds?: string[]): Promise<PlanSummary[]> {
  const rows = await db
    .select({
      plan: inspectionPlans,
      deptZh: departments.nameZh,
      deptEn: departments.nameEn,
      serviceZh: services.nameZh,
      serviceEn: services.nameEn,
      divisionZh: divisions.nameZh,
      divisionEn: divisions.nameEn,
    })
    .from(inspectionPlans)
    .innerJoin(departments, eq(departments.id, inspectionPlans.departmentId))
    .leftJoin(services, eq(services.id, inspectionPlans.serviceId))
    .leftJoin(divisions, eq(divisions.code, inspectionPlans.divisionCode))
    .where(planIds ? inArray(inspectionPlans.id, planIds) : undefined)
    .orderBy(desc(inspectionPlans.publishedAt), asc(inspectionPlans.id))
    .limit(200);
  const ids = rows.map((r) => r.plan.id);
  const results = ids.length ? await db.select({ planId: inspectionResults.planId }).from(inspectionResults).where(inArray(inspectionResults.planId, ids)) : [];
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.planId, (counts.get(r.planId) ?? 0) + 1);
  return rows.map(({ plan: p, deptZh, deptEn, serviceZh, serviceEn, divisionZh, divisionEn }) => ({
    id: p.id,
    title: p.title,
    status: p.status,
    version: p.version,
    department: { nameZh: deptZh, nameEn: deptEn },
    scope: p.scope,
    service: serviceZh !== null && serviceEn !== null ? { nameZh: serviceZh, nameEn: serviceEn } : null,
    division: p.divisionCode ? { code: p.divisionCode, nameZh: divisionZh ?? p.divisionCode, nameEn: divisionEn ?? divisionZh ?? p.divisionCode } : null,
    weights: p.weights,
    sampleSize: p.sampleSize,
    inspectorsPerEntity: p.inspectorsPerEntity,
    periodFrom: p.periodFrom,
    periodUntil: p.periodUntil,
    seed: p.seed,
    candidateCount: p.candidateCount,
    publishedAt: p.publishedAt.toISOString(),
    drawnAt: p.drawnAt?.toISOString() ?? null,
    completedAt: p.completedAt?.toISOString() ?? null,
    resultCount: counts.get(p.id) ?? 0,
    demo: p.demo,
  }));
}

/** Every plan, newest first (the public list, and the data office's). */
export async function listPlans(db: Db): Promise<PlanSummary[]> {
  return summaries(db);
}

export interface PlanDetail extends PlanSummary {
  candidates: Array<{ entityCode: string; entityName: string; weight: number; classAssumed: boolean; key: string | null; rank: number | null; drawn: boolean }>;
  inspectors: Array<{
    entityCode: string;
    inspectorId: string;
    inspectorName: string;
    conflict: ConflictReason | null;
    key: string | null;
    rank: number | null;
    drawn: boolean;
  }>;
  results: Array<{ entityCode: string; outcome: InspectionOutcome; findings: string; inspectedOn: string; recordedAt: string }>;
}

/** One plan in full, as published: its candidates (drawn first), inspector draws and results. Null when none has the id. */
export async function planDetail(db: Db, planId: string): Promise<PlanDetail | null> {
  const [summary] = await summaries(db, [planId]);
  if (!summary) return null;
  const candidates = await db
    .select({
      entityCode: inspectionCandidates.entityCode,
      entityName: inspectionCandidates.entityName,
      weight: inspectionCandidates.weight,
      classAssumed: inspectionCandidates.classAssumed,
      key: inspectionCandidates.key,
      rank: inspectionCandidates.rank,
      drawn: inspectionCandidates.drawn,
    })
    .from(inspectionCandidates)
    .where(eq(inspectionCandidates.planId, planId))
    .orderBy(asc(inspectionCandidates.rank), asc(inspectionCandidates.entityCode));
  const inspectors = await db
    .select({
      entityCode: inspectionInspectors.entityCode,
      inspectorId: inspectionInspectors.inspectorId,
      inspectorName: inspectionInspectors.inspectorName,
      conflict: inspectionInspectors.conflict,
      key: inspectionInspectors.key,
      rank: inspectionInspectors.rank,
      drawn: inspectionInspectors.drawn,
    })
    .from(inspectionInspectors)
    .where(eq(inspectionInspectors.planId, planId))
    .orderBy(asc(inspectionInspectors.entityCode), asc(inspectionInspectors.rank), asc(inspectionInspectors.inspectorId));
  const results = await db
    .select({
      entityCode: inspectionResults.entityCode,
      outcome: inspectionResults.outcome,
      findings: inspectionResults.findings,
      inspectedOn: inspectionResults.inspectedOn,
      recordedAt: inspectionResults.recordedAt,
    })
    .from(inspectionResults)
    .where(eq(inspectionResults.planId, planId))
    .orderBy(asc(inspectionResults.entityCode));
  return { ...summary, candidates, inspectors, results: results.map((r) => ({ ...r, recordedAt: r.recordedAt.toISOString() })) };
}

/**
 * The open JSON of a plan (`GET /api/open/inspections/<plan>.json`): everything a third party
 * needs to recompute the draw (docs/verify-draw.py): the seed, the method, the weights, every
 * candidate's id (credit code) and weight with the published key, the drawn ids in order, and per
 * drawn entity the inspectors' ids, keys, exclusions and the drawn ones; then the results.
 */
export async function openPlanJson(db: Db, planId: string) {
  const p = await planDetail(db, planId);
  if (!p) return null;
  const drawnEntities = p.candidates.filter((c) => c.drawn).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  return {
    plan: p.id,
    title: p.title,
    status: p.status,
    department: p.department.nameZh,
    scope: p.scope,
    service: p.service?.nameZh ?? null,
    division: p.division?.code ?? null,
    period: { from: p.periodFrom, until: p.periodUntil },
    publishedAt: p.publishedAt,
    drawnAt: p.drawnAt,
    method: {
      name: "Efraimidis–Spirakis weighted sampling without replacement",
      hash: 'n = first 8 bytes of SHA-256(UTF-8 of seed + ":" + id), big-endian unsigned',
      u: "u = (n + 0.5) / 2^64, exact, strictly in (0, 1)",
      key: `key = u^(1/w) truncated to ${keyDigits} decimal places, computed exactly: floor(((2n+1) * 10^(${keyDigits}*w)) / 2^65)^(1/w) by integer root`,
      order: "the k largest keys are drawn; equal keys by id ascending",
      inspectorId: 'inspectors are drawn per drawn entity with weight 1 under the id "<entity id>/<inspector id>", after excluding conflicts',
      verifier: "docs/verify-draw.py",
    },
    seed: p.seed,
    weights: p.weights,
    sampleSize: p.sampleSize,
    inspectorsPerEntity: p.inspectorsPerEntity,
    candidateCount: p.candidateCount,
    candidates: [...p.candidates]
      .sort((a, b) => (a.entityCode < b.entityCode ? -1 : 1))
      .map((c) => ({ id: c.entityCode, name: c.entityName, weight: c.weight, key: c.key })),
    drawn: drawnEntities.map((c) => c.entityCode),
    inspectorDraws: drawnEntities.map((e) => {
      const pool = p.inspectors.filter((i) => i.entityCode === e.entityCode);
      return {
        entity: e.entityCode,
        candidates: pool
          .filter((i) => i.conflict === null)
          .map((i) => ({ id: i.inspectorId, name: i.inspectorName, key: i.key }))
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
        excluded: pool.filter((i) => i.conflict !== null).map((i) => ({ id: i.inspectorId, name: i.inspectorName, reason: i.conflict })),
        drawn: pool
          .filter((i) => i.drawn)
          .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
          .map((i) => i.inspectorId),
      };
    }),
    results: p.results.map((r) => ({ entity: r.entityCode, outcome: r.outcome, findings: r.findings, inspectedOn: r.inspectedOn })),
  };
}

export interface Assignment {
  planId: string;
  planTitle: string;
  periodFrom: string;
  periodUntil: string;
  department: { nameZh: string; nameEn: string };
  entityCode: string;
  entityName: string;
  open: boolean;
  result: { outcome: InspectionOutcome; findings: string; inspectedOn: string } | null;
}

/** The entities the reviewer was drawn to inspect, newest plan first, with their results. */
export async function myAssignments(db: Db, actor: Actor): Promise<Assignment[]> {
  if (actor.role !== "reviewer") throw new DomainError("forbidden", "errors.forbidden");
  const rows = await db
    .select({
      planId: inspectionPlans.id,
      planTitle: inspectionPlans.title,
      status: inspectionPlans.status,
      periodFrom: inspectionPlans.periodFrom,
      periodUntil: inspectionPlans.periodUntil,
      deptZh: departments.nameZh,
      deptEn: departments.nameEn,
      entityCode: inspectionInspectors.entityCode,
      entityName: inspectionCandidates.entityName,
    })
    .from(inspectionInspectors)
    .innerJoin(inspectionPlans, eq(inspectionPlans.id, inspectionInspectors.planId))
    .innerJoin(departments, eq(departments.id, inspectionPlans.departmentId))
    .innerJoin(
      inspectionCandidates,
      and(eq(inspectionCandidates.planId, inspectionInspectors.planId), eq(inspectionCandidates.entityCode, inspectionInspectors.entityCode)),
    )
    .where(and(eq(inspectionInspectors.inspectorId, actor.userId), eq(inspectionInspectors.drawn, true)))
    .orderBy(desc(inspectionPlans.drawnAt), asc(inspectionCandidates.rank))
    .limit(200);
  const planIds = [...new Set(rows.map((r) => r.planId))];
  const results = planIds.length ? await db.select().from(inspectionResults).where(inArray(inspectionResults.planId, planIds)) : [];
  const byKey = new Map(results.map((r) => [`${r.planId}/${r.entityCode}`, r]));
  return rows.map((r) => {
    const res = byKey.get(`${r.planId}/${r.entityCode}`);
    return {
      planId: r.planId,
      planTitle: r.planTitle,
      periodFrom: r.periodFrom,
      periodUntil: r.periodUntil,
      department: { nameZh: r.deptZh, nameEn: r.deptEn },
      entityCode: r.entityCode,
      entityName: r.entityName,
      open: acceptsResults(r.status) && !res,
      result: res ? { outcome: res.outcome, findings: res.findings, inspectedOn: res.inspectedOn } : null,
    };
  });
}

/** What the data office picks a plan's department and service from. */
export async function planningOptions(db: Db) {
  const depts = await db
    .select({ id: departments.id, nameZh: departments.nameZh, nameEn: departments.nameEn })
    .from(departments)
    .orderBy(asc(departments.code));
  const svcs = await db
    .select({ id: services.id, nameZh: services.nameZh, nameEn: services.nameEn, departmentId: services.departmentId })
    .from(services)
    .where(eq(services.published, true))
    .orderBy(asc(services.code));
  return { departments: depts, services: svcs };
}
