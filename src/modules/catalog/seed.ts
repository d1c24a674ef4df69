import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { describeProblem, stageNumbers, validateBundleGraph, validateTimeLimits } from "./model";
import { bundleSteps, bundles, certificateTypes, materials, services } from "./schema";
import { bundleDefs, certificateTypeDefs, materialDefs, serviceDefs } from "./seed-data";

/**
 * Refuses catalog data that breaks a rule before anything is written: a bundle whose steps are
 * not a DAG (不得互为前置), a promised time above the statutory one, a material without a legal
 * basis, a step naming an unknown service.
 */
export function checkCatalogData(): void {
  const problems: string[] = [];
  const serviceCodes = new Set(serviceDefs.map((s) => s.code));
  const typeCodes = new Set(certificateTypeDefs.map((c) => c.code));
  for (const s of serviceDefs) {
    const limits = validateTimeLimits(s);
    if (limits) problems.push(`service ${s.code}: ${limits}`);
    if (!s.legalBasis.trim()) problems.push(`service ${s.code}: no legal basis`);
    if (s.issues && !typeCodes.has(s.issues)) problems.push(`service ${s.code}: unknown certificate type ${s.issues}`);
    for (const m of s.materials) if (!m.legalBasis.trim()) problems.push(`service ${s.code}, material ${m.key}: no legal basis`);
  }
  for (const b of bundleDefs) {
    for (const p of validateBundleGraph(b.steps)) problems.push(`bundle ${b.code}: ${describeProblem(p)}`);
    for (const step of b.steps) if (!serviceCodes.has(step.service)) problems.push(`bundle ${b.code}: step ${step.key} names unknown service ${step.service}`);
  }
  if (problems.length) throw new Error(`catalog seed refused:\n${problems.join("\n")}`);
}

/**
 * Seeds the demo catalog: certificate types, services with their materials, and the bundles.
 * Idempotent: every row is insert-or-nothing on its natural key (certificate type code, service
 * code, (service, key), bundle code, (bundle, key)), so a second run adds nothing and never
 * overwrites what the data office has edited since. Needs the departments to exist.
 */
export async function seedCatalog(db: Db): Promise<void> {
  checkCatalogData();
  // One transaction gives every row the same now(): creation times a millisecond apart keep the
  // catalog's own order (the order of seed-data.ts) wherever lists are sorted by creation.
  const base = Date.now();
  const createdAt = (i: number) => new Date(base + i);
  await db.transaction(async (tx) => {
    const deptRows = await tx.select({ id: departments.id, code: departments.code }).from(departments);
    const deptId = new Map(deptRows.map((d) => [d.code, d.id]));
    const department = (code: string): string => {
      const id = deptId.get(code);
      if (!id) throw new Error(`catalog seed: department ${code} does not exist; seed the departments first`);
      return id;
    };

    await tx
      .insert(certificateTypes)
      .values(
        certificateTypeDefs.map((c) => ({
          code: c.code,
          nameZh: c.nameZh,
          nameEn: c.nameEn,
          issuerDepartmentId: department(c.issuer),
          fields: c.fields,
          validityYears: c.validityYears,
        })),
      )
      .onConflictDoNothing();

    await tx
      .insert(services)
      .values(
        serviceDefs.map((s, i) => ({
          code: s.code,
          nameZh: s.nameZh,
          nameEn: s.nameEn,
          departmentId: department(s.department),
          legalBasis: s.legalBasis,
          conditionsZh: s.conditionsZh,
          conditionsEn: s.conditionsEn,
          statutoryDays: s.statutoryDays,
          promisedDays: s.promisedDays,
          feeFen: s.feeFen,
          issuesCertificateType: s.issues,
          applicantKinds: s.applicantKinds,
          autoAcceptance: s.autoAcceptance,
          deemedApprovalOnTimeout: false,
          registersEntity: s.registersEntity ?? false,
          published: true,
          createdAt: createdAt(i),
          updatedAt: createdAt(i),
        })),
      )
      .onConflictDoNothing();
    const serviceRows = await tx
      .select({ id: services.id, code: services.code })
      .from(services)
      .where(inArray(services.code, serviceDefs.map((s) => s.code)));
    const serviceId = new Map(serviceRows.map((s) => [s.code, s.id]));

    await tx
      .insert(materials)
      .values(
        serviceDefs.flatMap((s) =>
          s.materials.map((m) => {
            const def = materialDefs[m.key];
            return {
              serviceId: serviceId.get(s.code) ?? "",
              key: m.key,
              nameZh: def.nameZh,
              nameEn: def.nameEn,
              legalBasis: m.legalBasis,
              source: def.source,
              fieldType: "fieldType" in def ? (def.fieldType ?? null) : null,
              options: "options" in def ? (def.options ?? null) : null,
              certificateType: "certificateType" in def ? (def.certificateType ?? null) : null,
              required: m.conditionZh === undefined,
              conditionZh: m.conditionZh ?? null,
              conditionEn: m.conditionEn ?? null,
              sortOrder: def.sortOrder,
            };
          }),
        ),
      )
      .onConflictDoNothing();

    await tx
      .insert(bundles)
      .values(
        bundleDefs.map((b, i) => ({
          code: b.code,
          nameZh: b.nameZh,
          nameEn: b.nameEn,
          descriptionZh: b.descriptionZh,
          descriptionEn: b.descriptionEn,
          leadDepartmentId: department(b.lead),
          applicantKinds: b.applicantKinds,
          requiresCertificateType: b.requiresCertificateType,
          published: true,
          createdAt: createdAt(i),
        })),
      )
      .onConflictDoNothing();

    // Corrections a later seed makes to rows an earlier one wrote, each applied once: the
    // address declaration and the standard articles made two uploads of the registration optional.
    for (const key of ["premisesProof", "articlesOfAssociation"] as const) {
      const def = serviceDefs.find((x) => x.code === "enterpriseEstablishment")?.materials.find((m) => m.key === key);
      const id = serviceId.get("enterpriseEstablishment");
      if (!def?.conditionZh || !id) continue;
      await tx
        .update(materials)
        .set({ required: false, conditionZh: def.conditionZh, conditionEn: def.conditionEn ?? null })
        .where(and(eq(materials.serviceId, id), eq(materials.key, key), isNull(materials.conditionZh)));
    }

    for (const b of bundleDefs) {
      const [bundle] = await tx.select({ id: bundles.id }).from(bundles).where(eq(bundles.code, b.code));
      if (!bundle) throw new Error(`catalog seed: bundle ${b.code} missing after insert`);
      // A bundle the data office has already edited keeps its steps: only a bundle without any
      // step gets the seeded graph, so a re-run cannot mix two graphs into a cycle.
      const [existing] = await tx.select({ id: bundleSteps.id }).from(bundleSteps).where(and(eq(bundleSteps.bundleId, bundle.id))).limit(1);
      if (existing) continue;
      const stage = stageNumbers(b.steps);
      await tx
        .insert(bundleSteps)
        .values(
          b.steps.map((step, i) => ({
            bundleId: bundle.id,
            key: step.key,
            serviceId: serviceId.get(step.service) ?? "",
            needs: step.needs,
            stage: stage.get(step.key) ?? 1,
            sortOrder: i,
          })),
        )
        .onConflictDoNothing();
    }
  });
}
