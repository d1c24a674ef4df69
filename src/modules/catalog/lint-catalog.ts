import { asc, eq, inArray } from "drizzle-orm";
import { msg } from "@/lib/message";
import type { Db } from "@/server/db/client";
import { departments } from "../identity/schema";
import { lockCatalogEdits } from "./catalog-version";
import { addedFindings, lintCatalog, supplyReport, type CatalogFinding, type LintCatalog } from "./lint";
import { refuseFields } from "./refusals";
import { certificateTypes, materials, services } from "./schema";

/** The catalog in the database as the lint reads it: certificate types, and the published services with their materials. */
export async function readLintCatalog(db: Db): Promise<LintCatalog> {
  const types = await db
    .select({
      code: certificateTypes.code,
      nameZh: certificateTypes.nameZh,
      nameEn: certificateTypes.nameEn,
      issuerZh: departments.nameZh,
      issuerEn: departments.nameEn,
    })
    .from(certificateTypes)
    .innerJoin(departments, eq(departments.id, certificateTypes.issuerDepartmentId))
    .orderBy(asc(certificateTypes.code));
  const serviceRows = await db
    .select({ id: services.id, code: services.code, nameZh: services.nameZh, nameEn: services.nameEn, issues: services.issuesCertificateType })
    .from(services)
    .where(eq(services.published, true))
    .orderBy(asc(services.code));
  const materialRows = serviceRows.length
    ? await db
        .select({
          serviceId: materials.serviceId,
          key: materials.key,
          nameZh: materials.nameZh,
          nameEn: materials.nameEn,
          legalBasis: materials.legalBasis,
          source: materials.source,
          certificateType: materials.certificateType,
          commitment: materials.commitment,
        })
        .from(materials)
        .where(
          inArray(
            materials.serviceId,
            serviceRows.map((s) => s.id),
          ),
        )
        .orderBy(asc(materials.sortOrder), asc(materials.key))
    : [];
  return {
    certificateTypes: types,
    services: serviceRows.map(({ id, ...s }) => ({
      ...s,
      materials: materialRows
        .filter((m) => m.serviceId === id)
        .map(({ serviceId: _serviceId, commitment, ...m }) => ({ ...m, committable: commitment !== null })),
    })),
  };
}

/** The data office's lint page: every finding of the catalog in the database, and the report per service. */
export async function getCatalogLint(db: Db) {
  const catalog = await readLintCatalog(db);
  return { findings: lintCatalog(catalog), services: supplyReport(catalog) };
}

/**
 * The findings of the catalog as it stands in `tx`: taken before an edit, to compare with after.
 * Takes the catalog's edit lock first, so edits that check the catalog take turns.
 */
export async function catalogFindings(tx: Db): Promise<CatalogFinding[]> {
  await lockCatalogEdits(tx);
  return lintCatalog(await readLintCatalog(tx));
}

/**
 * Refuses an edit that adds a finding to the catalog: checked inside the edit's transaction, after
 * the change, against the findings before it (findings already there are the lint page's to show,
 * not this edit's fault). Each added finding comes back as a field error naming it — on the field
 * `fieldOf` gives it, or on `catalog` — and the throw rolls the transaction back.
 */
export async function refuseAddedFindings(tx: Db, before: readonly CatalogFinding[], fieldOf: (f: CatalogFinding) => string | null): Promise<void> {
  const added = addedFindings(before, await catalogFindings(tx));
  if (added.length === 0) return;
  refuseFields(added.map((f) => ({ field: fieldOf(f) ?? "catalog", message: msg(`catalog.${f.message.key}`, f.message.params) })));
}
