import type { Db } from "@/server/db/client";
import { openDatasets, readDataset } from "./datasets";
import type { DatasetMetadata, DatasetRow } from "./model";

export interface DatasetPreview {
  dataset: DatasetMetadata;
  generatedAt: string;
  /** The first rows, as the files publish them. */
  rows: DatasetRow[];
  totalRows: number;
}

/** Every dataset's metadata with its first rows, for the /open-data page. */
export async function previewDatasets(db: Db, now: Date = new Date(), limit = 5): Promise<DatasetPreview[]> {
  const previews: DatasetPreview[] = [];
  // One after the other: on PGlite there is one connection anyway.
  for (const dataset of openDatasets) {
    const file = await readDataset(db, dataset, now);
    previews.push({ dataset: file.dataset, generatedAt: file.generatedAt, rows: file.rows.slice(0, limit), totalRows: file.rows.length });
  }
  return previews;
}
