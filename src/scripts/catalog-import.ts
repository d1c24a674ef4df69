import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { officialDivisions } from "@/modules/divisions/model";
import { hashPassword } from "@/modules/identity/password";
import { parseProvinceFile } from "@/root/catalog-file";
import { describeImport, importProvince, ProvinceFileRefused } from "@/root/import-province";
import { loadReferenceData } from "@/root/reference-data";
import { openScriptDatabase } from "./open-database";
import { scriptError } from "./script-error";

// `npm run catalog:import -- <file.json>`: loads or updates a province's catalog and organisation
// (src/root/catalog-file.ts) on PGlite (DATA_DIR) or PostgreSQL (DATABASE_URL), in one
// transaction. Running it twice changes nothing ("no change"). An invalid file is refused with
// every problem at its path, nothing written, exit code 2. With the embedded database stop the
// portal first: PGlite allows one process per data folder.
const path = process.argv[2];
if (!path) {
  console.error("Usage: npm run catalog:import -- <province-file.json>");
  process.exit(2);
}

function refuse(lines: string[]): never {
  console.error([`Refused ${path}; nothing was written:`, ...lines.map((l) => `  ${l}`)].join("\n"));
  process.exit(2);
}

/** A province's whole catalog and organisation is a few megabytes; anything far larger is not one. */
const maxFileBytes = 64 * 1024 * 1024;

let raw: unknown;
try {
  if (statSync(path).size > maxFileBytes) refuse([`the file is larger than ${maxFileBytes / 1024 / 1024} MB`]);
  raw = JSON.parse(readFileSync(path, "utf8"));
} catch (error) {
  refuse([scriptError(error)]);
}
// Checked before the database is opened, so a bad file touches nothing, not even the reference data.
const checked = parseProvinceFile(raw, new Set(officialDivisions().map((d) => d.code)));
if (!checked.file) refuse(checked.problems.map((p) => `${p.path}: ${p.message}`));
if (checked.file.demo) console.log("This is a demo file: staff accounts it creates get the demo's published password.");

const handle = await openScriptDatabase();
try {
  await handle.migrate();
  await loadReferenceData(handle.db);
  const demoHash = checked.file.demo ? await hashPassword((await import("@/root/seed/demo")).demoPassword) : null;
  const report = await importProvince(handle.db, raw, { mode: "upsert", passwordHash: demoHash, source: `catalog:import ${basename(path)}` });
  for (const line of describeImport(report)) console.log(line);
} catch (error) {
  if (error instanceof ProvinceFileRefused) {
    console.error([`Refused ${path}; nothing was written:`, ...error.problems.map((p) => `  ${p.path}: ${p.message}`)].join("\n"));
    process.exitCode = 2;
  } else {
    console.error(`Import failed, nothing was written: ${scriptError(error)}`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
