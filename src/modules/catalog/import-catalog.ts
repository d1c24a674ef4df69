import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import type { FileBundle, FileCertificateType, FileMaterial, FileService } from "./inputs";
import { isConvertedDefinition, stageNumbers } from "./model";
import { bundleSteps, bundles, certificateTypes, materials, services } from "./schema";

/**
 * `upsert`: the file is the truth, rows that differ are updated (`npm run catalog:import`).
 * `insertOnly`: only what is missing is created, nothing existing is touched (the demo seed at
 * every start, so what the data office edited in the demo stays).
 */
export type ImportMode = "upsert" | "insertOnly";

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export const emptyCounts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0 });

export interface CatalogPart {
  certificateTypes: FileCertificateType[];
  materials: FileMaterial[];
  services: FileService[];
  bundles: FileBundle[];
}

export interface CatalogImportResult {
  certificateTypes: ImportCounts;
  services: ImportCounts;
  materials: ImportCounts;
  bundles: ImportCounts;
  /** Published services and bundles not in the file, now unpublished (upsert only). */
  withdrawn: string[];
  /** Materials a service has in the database but not in the file: kept, see below. */
  materialsNotInFile: string[];
}

/** Equal as data: jsonb gives object keys back in its own order, so keys are sorted first. */
export function sameData(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
const same = sameData;

/** Picks the keys of `wanted` from `row`, so a row compares with what the file says. */
function pick<T extends Record<string, unknown>>(row: Record<string, unknown>, wanted: T): Record<keyof T, unknown> {
  return Object.fromEntries(Object.keys(wanted).map((k) => [k, row[k]])) as Record<keyof T, unknown>;
}

/**
 * Loads the catalog part of a province file inside the caller's transaction (the file has been
 * checked: known departments, legal bases, limits, acyclic steps). Rows are matched by code
 * (certificate type, service, bundle) and by (service, key) for materials.
 *
 * Nothing is deleted: applications and review tasks reference services, and an application's plan
 * names its materials. A service or bundle missing from the file is withdrawn by unpublishing it
 * (`published = false`: no new applications, running ones go on); a material missing from the file
 * is kept and reported, for the data office to decide.
 */
export async function importCatalog(
  tx: Db,
  part: CatalogPart,
  departmentId: ReadonlyMap<string, string>,
  mode: ImportMode,
  now: Date,
): Promise<CatalogImportResult> {
  const result: CatalogImportResult = {
    certificateTypes: emptyCounts(),
    services: emptyCounts(),
    materials: emptyCounts(),
    bundles: emptyCounts(),
    withdrawn: [],
    materialsNotInFile: [],
  };
  const dept = (code: string) => {
    const id = departmentId.get(code);
    if (!id) throw new Error(`department ${code} not loaded`);
    return id;
  };
  // Rows created together keep the file's order wherever lists sort by creation time.
  const createdAt = (i: number) => new Date(now.getTime() + i);

  const typeRows = new Map((await tx.select().from(certificateTypes)).map((r) => [r.code, r]));
  if (mode === "upsert") {
    // `identifies` is unique per kind, so a flag that moves to another type first leaves the type
    // that held it: every row whose flag the file changes, or that holds a kind the file gives elsewhere.
    const fileKinds = new Set(part.certificateTypes.flatMap((c) => (c.identifies ? [c.identifies] : [])));
    for (const row of typeRows.values()) {
      if (!row.identifies) continue;
      const inFile = part.certificateTypes.find((c) => c.code === row.code);
      const keeps = inFile ? inFile.identifies === row.identifies : !fileKinds.has(row.identifies);
      if (keeps) continue;
      await tx.update(certificateTypes).set({ identifies: null, updatedAt: now }).where(eq(certificateTypes.code, row.code));
      row.identifies = null;
    }
  }
  const heldBy = new Map([...typeRows.values()].flatMap((r) => (r.identifies ? [[r.identifies, r.code] as const] : [])));
  for (const c of part.certificateTypes) {
    const row = typeRows.get(c.code);
    // Adding only what is missing never takes a flag another type already holds.
    const holder = c.identifies ? heldBy.get(c.identifies) : undefined;
    const identifies = c.identifies && (!holder || holder === c.code) ? c.identifies : (row?.identifies ?? null);
    if (identifies) heldBy.set(identifies, c.code);
    const values = { nameZh: c.nameZh, nameEn: c.nameEn, issuerDepartmentId: dept(c.issuer), fields: c.fields, validityYears: c.validityYears, identifies };
    if (!row) {
      await tx.insert(certificateTypes).values({ code: c.code, ...values });
      result.certificateTypes.created++;
    } else if ((mode === "upsert" || isConvertedDefinition(row.fields)) && !same(pick(row, values), values)) {
      // Adding only what is missing still defines a type whose fields migration 0012 converted from bare keys.
      await tx
        .update(certificateTypes)
        .set({ ...values, updatedAt: now })
        .where(eq(certificateTypes.code, c.code));
      result.certificateTypes.updated++;
    } else result.certificateTypes.unchanged++;
  }

  const serviceRows = new Map((await tx.select().from(services)).map((r) => [r.code, r]));
  const serviceId = new Map<string, string>();
  for (const [i, s] of part.services.entries()) {
    const values = {
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      departmentId: dept(s.department),
      legalBasis: s.legalBasis,
      conditionsZh: s.conditionsZh,
      conditionsEn: s.conditionsEn,
      statutoryDays: s.statutoryDays,
      promisedDays: s.promisedDays,
      feeFen: s.feeFen,
      supplementDays: s.supplementDays,
      issuesCertificateType: s.issues,
      applicantKinds: s.applicantKinds,
      autoAcceptance: s.autoAcceptance,
      deemedApprovalOnTimeout: s.deemedApprovalOnTimeout,
      registersEntity: s.registersEntity,
      situations: s.situations,
      otherDepartmentIds: s.otherDepartments.map(dept),
      competence: s.competence ?? null,
      published: true,
    };
    const row = serviceRows.get(s.code);
    if (!row) {
      const [created] = await tx
        .insert(services)
        .values({ code: s.code, ...values, createdAt: createdAt(i), updatedAt: createdAt(i) })
        .returning({ id: services.id });
      if (!created) throw new Error(`service ${s.code} not created`);
      serviceId.set(s.code, created.id);
      result.services.created++;
      continue;
    }
    serviceId.set(s.code, row.id);
    if (mode === "upsert" && !same(pick(row, values), values)) {
      await tx
        .update(services)
        .set({ ...values, updatedAt: now })
        .where(eq(services.id, row.id));
      result.services.updated++;
    } else if (mode === "insertOnly" && row.situations.length === 0 && s.situations.length > 0) {
      // Situation questions the file now gives a service an older load left without any (before
      // 办理情形 existed): they add questions and overwrite nothing.
      await tx.update(services).set({ situations: s.situations, updatedAt: now }).where(eq(services.id, row.id));
      result.services.updated++;
    } else result.services.unchanged++;
  }

  const materialDef = new Map(part.materials.map((m) => [m.key, m]));
  const ids = [...serviceId.values()];
  const materialRows = ids.length ? await tx.select().from(materials).where(inArray(materials.serviceId, ids)) : [];
  const materialRow = new Map(materialRows.map((m) => [`${m.serviceId}|${m.key}`, m]));
  const inFile = new Set<string>();
  for (const s of part.services) {
    const sid = serviceId.get(s.code) ?? "";
    for (const m of s.materials) {
      const def = materialDef.get(m.key);
      if (!def) throw new Error(`material ${m.key} not defined`);
      inFile.add(`${sid}|${m.key}`);
      const values = {
        nameZh: def.nameZh,
        nameEn: def.nameEn,
        legalBasis: m.legalBasis,
        source: def.source,
        fieldType: def.fieldType ?? null,
        options: def.options ?? null,
        unit: def.unit ?? null,
        certificateType: def.certificateType ?? null,
        // A material with a condition is needed only when the condition holds.
        required: m.conditionZh === undefined,
        conditionZh: m.conditionZh ?? null,
        conditionEn: m.conditionEn ?? null,
        appliesWhen: m.appliesWhen && Object.keys(m.appliesWhen).length > 0 ? m.appliesWhen : null,
        commitment: m.commitment ?? null,
        sortOrder: def.sortOrder,
      };
      const row = materialRow.get(`${sid}|${m.key}`);
      if (!row) {
        await tx.insert(materials).values({ serviceId: sid, key: m.key, ...values });
        result.materials.created++;
      } else if (mode === "upsert" && !same(pick(row, values), values)) {
        await tx.update(materials).set(values).where(eq(materials.id, row.id));
        result.materials.updated++;
      } else if (mode === "insertOnly" && row.commitment === null && values.commitment !== null) {
        // 告知承诺 the file now allows on a material an older load wrote before commitments were
        // catalog data: the notice and the verification rule arrive, and with them the file's
        // requiredness (the demo's premises proof was "unless the founder makes the address
        // declaration"; the declaration is now this commitment, so the proof is required or committed).
        await tx
          .update(materials)
          .set({ commitment: values.commitment, required: values.required, conditionZh: values.conditionZh, conditionEn: values.conditionEn })
          .where(eq(materials.id, row.id));
        result.materials.updated++;
      } else if (mode === "insertOnly" && row.required && row.conditionZh === null && m.conditionZh !== undefined) {
        // The one correction an insert-only load makes: a material the file now asks for only
        // under a condition, still required and unconditioned as an older load wrote it, becomes
        // conditional (the demo's address declaration and standard articles). It asks less of
        // applicants and never overwrites a condition someone wrote.
        await tx
          .update(materials)
          .set({ required: false, conditionZh: m.conditionZh, conditionEn: m.conditionEn ?? null })
          .where(eq(materials.id, row.id));
        result.materials.updated++;
      } else if (mode === "insertOnly" && row.appliesWhen === null && values.appliesWhen !== null) {
        // The situations a material applies in, given by the file to a material an older load
        // wrote before 办理情形 existed (its service's questions arrive the same way, above); a
        // condition in words becomes the question's answer, so its requiredness follows the file.
        await tx
          .update(materials)
          .set({ appliesWhen: values.appliesWhen, required: values.required, conditionZh: values.conditionZh, conditionEn: values.conditionEn })
          .where(eq(materials.id, row.id));
        result.materials.updated++;
      } else if (mode === "insertOnly" && row.unit === null && values.unit !== null) {
        // The other: a unit the file now gives a number field that an older load left without
        // one (before units existed), so answers show it. It adds a fact and overwrites nothing.
        await tx.update(materials).set({ unit: values.unit }).where(eq(materials.id, row.id));
        result.materials.updated++;
      } else if (mode === "insertOnly" && row.source === "upload" && values.source === "certificate" && values.certificateType) {
        // A document government issues that an older load asked as an upload (the demo's 户口簿 and
        // project approval, until the catalog's lint named them): the registry supplies it now. It
        // asks less of applicants (an upload is still taken where the registry holds none).
        await tx.update(materials).set({ source: "certificate", certificateType: values.certificateType }).where(eq(materials.id, row.id));
        result.materials.updated++;
      } else result.materials.unchanged++;
    }
  }
  const codeOf = new Map([...serviceId].map(([code, id]) => [id, code]));
  for (const m of materialRows)
    if (!inFile.has(`${m.serviceId}|${m.key}`)) result.materialsNotInFile.push(`${codeOf.get(m.serviceId) ?? m.serviceId}.${m.key}`);

  const bundleRows = new Map((await tx.select().from(bundles)).map((r) => [r.code, r]));
  for (const [i, b] of part.bundles.entries()) {
    const values = {
      nameZh: b.nameZh,
      nameEn: b.nameEn,
      descriptionZh: b.descriptionZh,
      descriptionEn: b.descriptionEn,
      leadDepartmentId: dept(b.lead),
      applicantKinds: b.applicantKinds,
      requiresCertificateType: b.requiresCertificateType,
      stagedMaterials: b.stagedMaterials,
      published: true,
    };
    const stage = stageNumbers(b.steps);
    const steps = b.steps.map((step, j) => ({
      key: step.key,
      serviceId: serviceId.get(step.service) ?? "",
      needs: step.needs,
      stage: stage.get(step.key) ?? 1,
      sortOrder: j,
    }));
    const row = bundleRows.get(b.code);
    if (!row) {
      const [created] = await tx
        .insert(bundles)
        .values({ code: b.code, ...values, createdAt: createdAt(i) })
        .returning({ id: bundles.id });
      if (!created) throw new Error(`bundle ${b.code} not created`);
      await tx.insert(bundleSteps).values(steps.map((s) => ({ bundleId: created.id, ...s })));
      result.bundles.created++;
      continue;
    }
    if (mode === "insertOnly") {
      if (!row.stagedMaterials && b.stagedMaterials) {
        // A bundle the file now stages, loaded before staged materials existed: it asks less at
        // submission and overwrites nothing else.
        await tx.update(bundles).set({ stagedMaterials: true }).where(eq(bundles.id, row.id));
        result.bundles.updated++;
      } else result.bundles.unchanged++;
      continue;
    }
    const current = await tx
      .select({ key: bundleSteps.key, serviceId: bundleSteps.serviceId, needs: bundleSteps.needs, stage: bundleSteps.stage, sortOrder: bundleSteps.sortOrder })
      .from(bundleSteps)
      .where(eq(bundleSteps.bundleId, row.id))
      .orderBy(bundleSteps.sortOrder);
    const stepsChanged = !same(current, steps);
    if (!same(pick(row, values), values) || stepsChanged) {
      await tx.update(bundles).set(values).where(eq(bundles.id, row.id));
      // Running applications keep the plan copied at submission; the graph is replaced whole, as
      // the data office's step editor does, so old and new edges never mix into a cycle.
      if (stepsChanged) {
        await tx.delete(bundleSteps).where(eq(bundleSteps.bundleId, row.id));
        await tx.insert(bundleSteps).values(steps.map((s) => ({ bundleId: row.id, ...s })));
      }
      result.bundles.updated++;
    } else result.bundles.unchanged++;
  }

  if (mode === "upsert") {
    const serviceCodes = part.services.map((s) => s.code);
    const gone = await tx
      .update(services)
      .set({ published: false, updatedAt: now })
      .where(and(eq(services.published, true), serviceCodes.length ? notInArray(services.code, serviceCodes) : undefined))
      .returning({ code: services.code });
    const bundleCodes = part.bundles.map((b) => b.code);
    const goneBundles = await tx
      .update(bundles)
      .set({ published: false })
      .where(and(eq(bundles.published, true), bundleCodes.length ? notInArray(bundles.code, bundleCodes) : undefined))
      .returning({ code: bundles.code });
    result.withdrawn = [...gone.map((s) => `service ${s.code}`), ...goneBundles.map((b) => `bundle ${b.code}`)];
  }
  result.materialsNotInFile.sort();
  return result;
}
