import { readFileSync, statSync } from "node:fs";
import { lintCatalog, supplyReport, type CatalogFinding, type LintCatalog } from "@/modules/catalog/lint";
import { readLintCatalog } from "@/modules/catalog/lint-catalog";
import { fileLintCatalog, lintProblems, ZProvinceFile, formatPath } from "@/root/catalog-file";
import { openScriptDatabase } from "./open-database";
import { scriptError } from "./script-error";

// `npm run catalog:lint [-- <province-file.json>]`: checks the whole catalog for needless and
// circular certificates (src/modules/catalog/lint.ts) and prints every finding, circles in full
// (service —(certificate type)→ service …), then the report per service. Without a file, the
// database's current catalog (DATABASE_URL, or the embedded one in DATA_DIR: stop the portal
// first); with one, that province file, each finding at its path. Exit code 0 when there is no
// finding, 1 when there are findings, 2 when the file cannot be read.
const path = process.argv[2];

/** A province's file is a few megabytes; anything far larger is not one. */
const maxFileBytes = 64 * 1024 * 1024;

function printReport(catalog: LintCatalog) {
  console.log("\nReport per service (shared layer / by commitment / still uploaded):");
  for (const s of supplyReport(catalog)) {
    const keys = (list: Array<{ key: string }>) => (list.length ? ` (${list.map((m) => m.key).join(", ")})` : "");
    console.log(`  ${s.code}: ${s.shared.length}${keys(s.shared)} / ${s.commitment.length} / ${s.uploaded.length}${keys(s.uploaded)}`);
  }
  console.log("  (by commitment: the catalog has no commitment flag yet; issue 13 item 2 brings it)");
}

function printFindings(lines: string[]): void {
  if (lines.length === 0) console.log("No findings: no needless or circular certificate in the catalog.");
  else console.log([`${lines.length} finding(s):`, ...lines.map((l) => `  ${l}`)].join("\n"));
}

if (path) {
  let raw: unknown;
  try {
    if (statSync(path).size > maxFileBytes) throw new Error(`the file is larger than ${maxFileBytes / 1024 / 1024} MB`);
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    console.error(`Cannot read ${path}: ${scriptError(error)}`);
    process.exit(2);
  }
  const parsed = ZProvinceFile.safeParse(raw);
  if (!parsed.success) {
    console.error([`${path} is not a province file:`, ...parsed.error.issues.map((i) => `  ${formatPath(i.path)}: ${i.message}`)].join("\n"));
    process.exit(2);
  }
  const problems = lintProblems(parsed.data);
  printFindings(problems.map((p) => `${p.path}: ${p.message}`));
  printReport(fileLintCatalog(parsed.data));
  process.exitCode = problems.length ? 1 : 0;
} else {
  const handle = await openScriptDatabase();
  try {
    await handle.migrate();
    const catalog = await readLintCatalog(handle.db);
    const findings: CatalogFinding[] = lintCatalog(catalog);
    printFindings(findings.map((f) => f.text));
    printReport(catalog);
    process.exitCode = findings.length ? 1 : 0;
  } catch (error) {
    console.error(`Lint failed: ${scriptError(error)}`);
    process.exitCode = 2;
  } finally {
    await handle.close();
  }
}
