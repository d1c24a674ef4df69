import { eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { DomainError } from "@/lib/domain-error";
import type { Db } from "@/server/db/client";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/model";
import type { ZSetBundleStepsInput } from "./inputs";
import { formatCycle, stageNumbers, validateBundleGraph, type CatalogAuditAction, type GraphProblem } from "./model";
import { newCatalogVersion } from "./catalog-version";
import { bundleSteps, bundles, services } from "./schema";

type StepNames = Map<string, { zh: string; en: string }>;

/**
 * The steps' names as the data office reads them: each step by its service's name, in both
 * languages (a step key like `businessLicence` is an identifier, not words). A step whose service
 * is unknown keeps its key; the unknown service is refused on its own.
 */
async function stepNames(db: Db, steps: ReadonlyArray<{ key: string; serviceCode: string }>): Promise<StepNames> {
  const codes = [...new Set(steps.map((s) => s.serviceCode))];
  const rows = codes.length
    ? await db.select({ code: services.code, nameZh: services.nameZh, nameEn: services.nameEn }).from(services).where(inArray(services.code, codes))
    : [];
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return new Map(
    steps.map((s) => {
      const service = byCode.get(s.serviceCode);
      return [s.key, { zh: service?.nameZh ?? s.key, en: service?.nameEn ?? s.key }];
    }),
  );
}

/** A graph problem as a refusal, steps named by their services; `field` puts it on a form's field. */
function refusal(problem: GraphProblem, names: StepNames, field?: string): DomainError {
  const name = (key: string, lang: "zh" | "en") => names.get(key)?.[lang] ?? key;
  switch (problem.kind) {
    case "cycle":
      // Both languages travel: the reader's side picks `path` (Chinese) or `pathEn`.
      return new DomainError("invalidInput", "validation.catalog.cycle", {
        params: { path: formatCycle(problem.path.map((k) => name(k, "zh"))), pathEn: formatCycle(problem.path.map((k) => name(k, "en"))) },
        field,
      });
    case "duplicateKey":
      return new DomainError("invalidInput", "catalog.errors.duplicateKey", { params: { key: problem.key }, field });
    case "selfNeed":
      return new DomainError("invalidInput", "catalog.errors.selfNeed", { params: { key: name(problem.key, "zh"), keyEn: name(problem.key, "en") }, field });
    case "unknownNeed":
      return new DomainError("invalidInput", "catalog.errors.unknownNeed", { params: { key: problem.key, need: problem.need }, field });
  }
}

type StepInput = z.output<typeof ZSetBundleStepsInput>["steps"][number];

/**
 * Checks a bundle's steps before anything is written: the graph (不得互为前置: cycles, unknown
 * needs, self-needs, duplicate keys) and the services they name. Returns the rows to insert for
 * a bundle, stages derived from the graph. Shared by the step editor and the creation of a bundle.
 */
export async function resolveBundleSteps(tx: Db, steps: readonly StepInput[], field?: string) {
  const [problem] = validateBundleGraph(steps);
  if (problem) throw refusal(problem, await stepNames(tx, steps), field);
  const stage = stageNumbers(steps);
  const codes = [...new Set(steps.map((s) => s.serviceCode))];
  const serviceRows = await tx.select({ id: services.id, code: services.code }).from(services).where(inArray(services.code, codes));
  const serviceId = new Map(serviceRows.map((s) => [s.code, s.id]));
  const unknown = codes.find((c) => !serviceId.has(c));
  if (unknown) throw new DomainError("invalidInput", "catalog.errors.unknownService", { params: { code: unknown }, field });
  return steps.map((s, i) => ({
    key: s.key,
    serviceId: serviceId.get(s.serviceCode) ?? "",
    needs: [...new Set(s.needs)],
    stage: stage.get(s.key) ?? 1,
    sortOrder: i,
  }));
}

/**
 * Replaces a bundle's steps in one transaction. Departments may not make each other
 * prerequisites (不得互为前置): a cycle is refused with its keys named (a → b → a), as are
 * unknown needs, self-needs, duplicate keys and unknown services; nothing is written then.
 * Stages are derived from the graph. Applications already submitted keep the plan they were
 * submitted with. The bundle row is locked so two editors cannot interleave their replacements.
 */
export async function setBundleSteps(db: Db, actor: Actor, input: z.output<typeof ZSetBundleStepsInput>, now: Date = new Date()) {
  // The graph first: a cycle is refused before the transaction opens.
  const [problem] = validateBundleGraph(input.steps);
  if (problem) throw refusal(problem, await stepNames(db, input.steps));

  return db.transaction(async (tx) => {
    const [bundle] = await tx.select().from(bundles).where(eq(bundles.code, input.bundleCode)).for("update");
    if (!bundle) throw new DomainError("notFound", "errors.notFound");
    const steps = (await resolveBundleSteps(tx, input.steps)).map((s) => ({ bundleId: bundle.id, ...s }));
    const before = await tx.select({ key: bundleSteps.key, needs: bundleSteps.needs }).from(bundleSteps).where(eq(bundleSteps.bundleId, bundle.id));
    await tx.delete(bundleSteps).where(eq(bundleSteps.bundleId, bundle.id));
    await tx.insert(bundleSteps).values(steps);
    const catalogVersion = await newCatalogVersion(tx, { reason: "catalog.setBundleSteps", subject: bundle.code, actorUserId: actor.userId, now });
    await recordAudit<CatalogAuditAction>(tx, {
      streamId: "catalog",
      actor: { userId: actor.userId, role: actor.role },
      action: "catalog.setBundleSteps",
      entityType: "bundle",
      entityId: bundle.id,
      data: { code: bundle.code, before, after: input.steps.map((s) => ({ key: s.key, serviceCode: s.serviceCode, needs: s.needs })), catalogVersion },
      at: now,
    });
    return { bundleCode: bundle.code, steps: steps.map((s) => ({ key: s.key, needs: s.needs, stage: s.stage })) };
  });
}
