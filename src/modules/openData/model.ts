// Open data (政务数据开放), pure: what a published dataset says about itself, and how its rows
// become a file. Imports nothing from Next, tRPC or Drizzle.

export const datasetFormats = ["json", "csv"] as const;
export type DatasetFormat = (typeof datasetFormats)[number];

/** How often a dataset's content changes: `realTime` is computed on request (cached 5 minutes). */
export const updateFrequencies = ["realTime", "daily", "irregular"] as const;
export type UpdateFrequency = (typeof updateFrequencies)[number];

/** A cell of a published row: a count, a ratio, a name, a code or a month. Never an object. */
export type CellValue = string | number | null;
export type DatasetRow = Record<string, CellValue>;

/** One column of a dataset: `name` is the key in JSON and the CSV header; the labels are for people. */
export interface DatasetColumn<Name extends string = string> {
  name: Name;
  labelZh: string;
  labelEn: string;
}

/** What a dataset publishes about itself, in the JSON file and on /open-data. */
export interface DatasetMetadata {
  /** kebab-case, the file name without its extension: `applications-by-service`. */
  code: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  publisherZh: string;
  publisherEn: string;
  updateFrequency: UpdateFrequency;
  licence: string;
  licenceUrl: string;
  formats: readonly DatasetFormat[];
  columns: readonly DatasetColumn[];
}

/** The JSON file of a dataset: its metadata, when the rows were computed, and the rows. */
export interface DatasetFile {
  dataset: DatasetMetadata;
  /** ISO 8601, UTC. */
  generatedAt: string;
  rows: DatasetRow[];
}

export const datasetCodePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `applications-by-service.csv` → code and format; null for anything else (upper case, paths, other extensions). */
export function parseDatasetFile(file: string): { code: string; format: DatasetFormat } | null {
  const dot = file.lastIndexOf(".");
  if (dot <= 0) return null;
  const code = file.slice(0, dot);
  const format = file.slice(dot + 1);
  if (!datasetCodePattern.test(code) || !(datasetFormats as readonly string[]).includes(format)) return null;
  return { code, format: format as DatasetFormat };
}

/** `part / whole` rounded to four decimals; null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

export const csvMediaType = "text/csv; charset=utf-8";

// Excel reads a CSV file without a byte-order mark in the system's code page (GBK on Chinese
// Windows) and garbles UTF-8 Chinese; the BOM makes it read UTF-8.
const bom = "\uFEFF";
const crlf = "\r\n";

/**
 * One field as RFC 4180 writes it: quoted when it holds a comma, a double quote, CR or LF, inner
 * quotes doubled. Null is the empty field. Leading `=`, `+`, `-`, `@` are left alone: every text
 * published here is catalog or department metadata the data office writes, never a member of
 * the public's input, and rewriting it would change the data.
 */
export function csvField(value: CellValue): string {
  if (value === null) return "";
  const text = typeof value === "number" ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV file: BOM, a header row of column names, one record per row, every line ending CRLF. */
export function toCsv(columns: readonly DatasetColumn[], rows: readonly DatasetRow[]): string {
  const lines = [columns.map((c) => csvField(c.name)), ...rows.map((row) => columns.map((c) => csvField(row[c.name] ?? null)))];
  return bom + lines.map((fields) => fields.join(",") + crlf).join("");
}
