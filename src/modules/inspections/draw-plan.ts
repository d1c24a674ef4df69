import { and, asc, desc, eq, lt, ne } from "drizzle-orm";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import type { Actor } from "../identity/model";
import { notify } from "../notifications/notify";
import { departmentInspectors } from "./candidates";
import { inspectorDrawId, rankCandidates } from "./draw";
import { ZDrawPlanInput, type DrawPlanInput } from "./inputs";
import { inspectorConflict, nextPlanStatus, type ConflictReason } from "./model";
import { inspectionCandidates, inspectionInspectors, inspectionPlans } from "./schema";
import { lockPlan, movePlan } from "./transition";

/**
 * The inspectors drawn for the entity in the latest earlier plan that drew it: they inspected it
 * last time, and are excluded this time.
 */
async function lastInspectors(tx: Db, entityCode: string, planId: string, now: Date): Promise<string[]> {
  const [last] = await tx
    .select({ planId: inspectionInspectors.planId })
    .from(inspectionInspectors)
    .innerJoin(inspectionPlans, eq(inspectionPlans.id, inspectionInspectors.planId))
    .where(
      and(
        eq(inspectionInspectors.entityCode, entityCode),
        eq(inspectionInspectors.drawn, true),
        ne(inspectionInspectors.planId, planId),
        lt(inspectionPlans.drawnAt, now),
      ),
    )
    .orderBy(desc(inspectionPlans.drawnAt), desc(inspectionPlans.id))
    .limit(1);
  if (!last) return [];
  const rows = await tx
    .select({ id: inspectionInspectors.inspectorId })
    .from(inspectionInspectors)
    .where(and(eq(inspectionInspectors.planId, last.planId), eq(inspectionInspectors.entityCode, entityCode), eq(inspectionInspectors.drawn, true)));
  return rows.map((r) => r.id);
}

/**
 * The data office draws a published plan, once: the entities from the candidates kept at
 * publication (the k largest keys u^(1/w) under the published seed), then, for each drawn entity,
 * its inspectors among the department's reviewers without a conflict (weight 1, keyed by
 * "<entity>/<inspector>"). Every key is stored and published. The drawn inspectors are told. If an
 * entity has fewer unconflicted inspectors than the plan needs, nothing is drawn and the error names it.
 */
export async function drawPlan(db: Db, actor: Actor, raw: DrawPlanInput, now: Date = new Date()): Promise<{ drawn: string[] }> {
  const input = ZDrawPlanInput.parse(raw);
  if (actor.role !== "dataOffice") throw new DomainError("forbidden", "errors.forbidden");
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.planId);
    nextPlanStatus(plan.status, "draw");
    if (plan.version !== input.version) throw new DomainError("conflict", "errors.conflict");
    const candidates = await tx
      .select({
        id: inspectionCandidates.id,
        entityCode: inspectionCandidates.entityCode,
        entityName: inspectionCandidates.entityName,
        weight: inspectionCandidates.weight,
      })
      .from(inspectionCandidates)
      .where(eq(inspectionCandidates.planId, plan.id))
      .orderBy(asc(inspectionCandidates.entityCode));
    if (candidates.length === 0) throw new DomainError("invalidInput", "inspections.errors.noCandidates", { field: "planId" });
    if (plan.sampleSize > candidates.length)
      throw new DomainError("invalidInput", "inspections.errors.sampleTooLarge", { field: "planId", params: { count: candidates.length } });
    const ranked = rankCandidates(
      plan.seed,
      candidates.map((c) => ({ id: c.entityCode, weight: c.weight })),
    );
    const drawn = ranked.slice(0, plan.sampleSize);
    const inspectors = await departmentInspectors(tx, plan.departmentId);
    const rows: Array<typeof inspectionInspectors.$inferInsert> = [];
    for (const entity of drawn) {
      const last = await lastInspectors(tx, entity.id, plan.id, now);
      const judged = inspectors.map((i) => ({ ...i, conflict: inspectorConflict(i, { code: entity.id, lastInspectorIds: last }) as ConflictReason | null }));
      const eligible = judged.filter((i) => i.conflict === null);
      if (eligible.length < plan.inspectorsPerEntity) {
        const name = candidates.find((c) => c.entityCode === entity.id)?.entityName ?? entity.id;
        throw new DomainError("invalidInput", "inspections.errors.tooFewUnconflicted", {
          field: "planId",
          params: { entity: name, count: eligible.length, needed: plan.inspectorsPerEntity },
        });
      }
      const rankedInspectors = rankCandidates(
        plan.seed,
        eligible.map((i) => ({ id: inspectorDrawId(entity.id, i.id), weight: 1 })),
      );
      const place = new Map(rankedInspectors.map((r) => [r.id, r]));
      for (const i of judged) {
        const r = i.conflict === null ? place.get(inspectorDrawId(entity.id, i.id)) : undefined;
        rows.push({
          planId: plan.id,
          entityCode: entity.id,
          inspectorId: i.id,
          inspectorName: i.name,
          conflict: i.conflict,
          key: r?.key ?? null,
          rank: r?.rank ?? null,
          drawn: r !== undefined && r.rank <= plan.inspectorsPerEntity,
        });
      }
    }
    const byCode = new Map(ranked.map((r) => [r.id, r]));
    for (const c of candidates) {
      const r = byCode.get(c.entityCode);
      if (!r) continue;
      await tx
        .update(inspectionCandidates)
        .set({ key: r.key, rank: r.rank, drawn: r.rank <= plan.sampleSize })
        .where(eq(inspectionCandidates.id, c.id));
    }
    if (rows.length > 0) await tx.insert(inspectionInspectors).values(rows);
    await movePlan(tx, plan, "draw", { drawnBy: actor.userId, drawnAt: now }, actor, now, {
      drawn: drawn.map((d) => d.id),
      inspectors: rows.filter((r) => r.drawn).map((r) => [r.entityCode, r.inspectorId]),
    });
    const assigned = new Map<string, number>();
    for (const r of rows) if (r.drawn) assigned.set(r.inspectorId, (assigned.get(r.inspectorId) ?? 0) + 1);
    for (const [userId, count] of assigned)
      await notify(tx, { kind: "inspectionAssigned", to: { userIds: [userId] }, params: { title: plan.title, count, periodUntil: plan.periodUntil } });
    return { drawn: drawn.map((d) => d.id) };
  });
}
