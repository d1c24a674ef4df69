import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { insertRecognition } from "./add-recognition";
import type { FileRecognition } from "./inputs";
import { isCurrentRecognition } from "./model";
import { recognitions } from "./schema";

type ImportMode = "upsert" | "insertOnly";

interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const key = (service: string, region: string, foreignType: string) => `${service}|${region}|${foreignType}`;

/**
 * Loads the recognition part of a province file inside the caller's transaction (the file has been
 * checked across its entries: known services and local types, another region, no duplicates).
 * Entries are matched by (service, region, foreign type).
 *
 * `upsert`: an entry without a current match is added (audited, source `provinceFile`); a current
 * one that differs is updated in place. `insertOnly` (the demo seed at every start): an entry is
 * added only if the matrix never had it, so an entry the data office ended stays ended. Nothing is
 * ended by an import: an entry missing from the file is the data office's to end.
 */
export async function importRecognition(tx: Db, entries: readonly FileRecognition[], mode: ImportMode, now: Date): Promise<ImportCounts> {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const rows = await tx.select().from(recognitions);
  const current = new Map(rows.filter((r) => isCurrentRecognition(r.status)).map((r) => [key(r.serviceCode, r.foreignRegion, r.foreignTypeCode), r]));
  const ever = new Set(rows.map((r) => key(r.serviceCode, r.foreignRegion, r.foreignTypeCode)));
  for (const e of entries) {
    const k = key(e.service, e.region, e.foreignType);
    const values = {
      foreignTypeNameZh: e.foreignTypeNameZh,
      foreignTypeNameEn: e.foreignTypeNameEn,
      localTypeCode: e.localType,
      legalBasis: e.legalBasis,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
    };
    const row = current.get(k);
    if (!row) {
      if (mode === "insertOnly" && ever.has(k)) {
        counts.unchanged++;
        continue;
      }
      await insertRecognition(
        tx,
        { serviceCode: e.service, foreignRegion: e.region, foreignTypeCode: e.foreignType, ...values, validUntil: e.validUntil ?? undefined },
        null,
        "provinceFile",
        now,
      );
      counts.created++;
    } else if (
      mode === "upsert" &&
      JSON.stringify([row.foreignTypeNameZh, row.foreignTypeNameEn, row.localTypeCode, row.legalBasis, row.validFrom, row.validUntil]) !==
        JSON.stringify(Object.values(values))
    ) {
      await tx
        .update(recognitions)
        .set({ ...values, version: row.version + 1 })
        .where(eq(recognitions.id, row.id));
      counts.updated++;
    } else counts.unchanged++;
  }
  return counts;
}
