import type { CatalogAuditAction } from "@/modules/catalog/model";
import { newCatalogVersion } from "@/modules/catalog/catalog-version";
import { createHash } from "node:crypto";
import { recordAudit } from "@/modules/audit/record-audit";
import { importCatalog, type ImportMode } from "@/modules/catalog/import-catalog";
import { divisions } from "@/modules/divisions/schema";
import { importDepartments, importStaffAccounts } from "@/modules/identity/import-organisation";
import { importSharing } from "@/modules/sharing/import-sharing";
import { importRecognition } from "@/modules/recognition/import-recognition";
import { reissueWithDeclaredFields } from "@/modules/sharing/registry";
import type { Db } from "@/server/db/client";
import { canonicalJson } from "@/modules/audit/hash";
import { parseProvinceFile, type FileProblem, type ProvinceFile } from "./catalog-file";

export interface ProvinceImportReport {
  /** SHA-256 of the file's content (canonical JSON of what was read), as recorded in the audit row. */
  contentHash: string;
  /** Per kind: created, updated, unchanged. */
  counts: Record<string, { created: number; updated: number; unchanged: number }>;
  withdrawn: string[];
  materialsNotInFile: string[];
  changed: boolean;
  /** The catalog version the import made; null when it changed nothing. */
  catalogVersion: number | null;
}

/** A file that may not be imported: every problem, each at its path; nothing was written. */
export class ProvinceFileRefused extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(`province file refused: ${problems.length} problem(s)\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`);
  }
}

/**
 * Imports a province file (catalog and organisation) in one transaction: departments, staff
 * accounts, certificate types, materials, services, bundles, data resources, grants and the
 * recognition matrix, each
 * module writing its own tables. The file is checked first against the divisions in the database;
 * an invalid file throws `ProvinceFileRefused` with every problem and nothing is written.
 *
 * Idempotent: a second import of the same file finds every row as the file says and writes
 * nothing, not even an audit row ("no change"). Any change writes one audit event on the
 * `catalog` stream with the file's content hash and the counts.
 *
 * `passwordHash` is given only by the demo seed for a `demo` file; accounts are otherwise created
 * without a usable password.
 */
export async function importProvince(
  db: Db,
  raw: unknown,
  options: { mode: ImportMode; now?: Date; passwordHash?: string | null; actor?: { userId: string; role: string } | null; source?: string },
): Promise<ProvinceImportReport> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const divisionCodes = new Set((await tx.select({ code: divisions.code }).from(divisions)).map((d) => d.code));
    const parsed = parseProvinceFile(raw, divisionCodes);
    if (!parsed.file) throw new ProvinceFileRefused(parsed.problems);
    const file: ProvinceFile = parsed.file;
    const contentHash = createHash("sha256")
      .update(canonicalJson(file as unknown as Record<string, unknown>))
      .digest("hex");

    const departments = await importDepartments(tx, file.departments, options.mode);
    const staff = await importStaffAccounts(tx, file.staff, departments.ids, {
      mode: options.mode,
      passwordHash: file.demo ? (options.passwordHash ?? null) : null,
      now,
    });
    const catalog = await importCatalog(tx, file, departments.ids, options.mode, now);
    const sharing = await importSharing(tx, file, departments.ids, options.mode, now);
    const recognition = await importRecognition(tx, file.recognition, options.mode, now);
    // Certificates from before their type declared its fields: re-issued with those fields now
    // that the file defines them (each once; signed by the issuer's key).
    await reissueWithDeclaredFields(tx, now);

    const counts = {
      departments: departments.counts,
      staff,
      certificateTypes: catalog.certificateTypes,
      services: catalog.services,
      materials: catalog.materials,
      bundles: catalog.bundles,
      dataResources: sharing.dataResources,
      grants: sharing.grants,
      recognition,
    };
    const changed = catalog.withdrawn.length > 0 || Object.values(counts).some((c) => c.created + c.updated > 0);
    // Any change makes a new catalog version (departments and staff included: they decide who reviews).
    const catalogVersion = changed
      ? await newCatalogVersion(tx, { reason: "catalog.import", subject: contentHash, actorUserId: options.actor?.userId ?? null, now })
      : null;
    if (changed) {
      await recordAudit<CatalogAuditAction>(tx, {
        streamId: "catalog",
        actor: options.actor ?? null,
        action: "catalog.import",
        entityType: "provinceFile",
        entityId: file.province.divisionCode,
        data: {
          contentHash,
          formatVersion: file.formatVersion,
          mode: options.mode,
          source: options.source ?? null,
          counts,
          withdrawn: catalog.withdrawn,
          catalogVersion,
        },
        at: now,
      });
    }
    return { contentHash, counts, withdrawn: catalog.withdrawn, materialsNotInFile: catalog.materialsNotInFile, changed, catalogVersion };
  });
}

/** One line per kind for the command's output: `services: 2 created, 1 updated, 17 unchanged`. */
export function describeImport(report: ProvinceImportReport): string[] {
  const lines = Object.entries(report.counts).map(([kind, c]) => `${kind}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
  for (const w of report.withdrawn) lines.push(`withdrawn (unpublished, not in the file): ${w}`);
  for (const m of report.materialsNotInFile) lines.push(`kept, not in the file: material ${m}`);
  lines.push(report.changed ? `imported (content hash ${report.contentHash}; catalog version ${report.catalogVersion})` : "no change");
  return lines;
}
