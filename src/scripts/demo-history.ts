import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { defaultDemoHistory, generateDemoHistory, maxScalePerMonth } from "@/root/seed/demo-history";
import { env } from "@/server/env";
import { openScriptDatabase } from "./open-database";
import { scriptError } from "./script-error";

// Generates the demo province's case history (see src/root/seed/demo-history.ts): seeded and
// deterministic, marked as demo data. A database that already has it is left as it is unless
// --replace. Stop the portal first when it uses the embedded database (one process per folder).
// `--applications N` is the scale path (issue 15): about N applications over the months, written a
// month at a time with their audit events and data-access-log rows, for PostgreSQL (the embedded
// database takes at most `maxEmbeddedApplications`).
const usage = "usage: npm run demo:history -- [--seed N] [--months 12] [--per-month N | --applications N] [--end YYYY-MM-DD] [--replace]";
const maxEmbeddedApplications = 20_000;
let args;
try {
  args = parseArgs({
    options: {
      seed: { type: "string" },
      months: { type: "string" },
      "per-month": { type: "string" },
      applications: { type: "string" },
      end: { type: "string" },
      replace: { type: "boolean", default: false },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${scriptError(error)}\n${usage}`);
  process.exit(2);
}
const integer = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}: ${value}\n${usage}`);
    process.exit(2);
  }
  return n;
};
const seed = integer("seed", args.seed, defaultDemoHistory.seed, 0, 2 ** 31 - 1);
const months = integer("months", args.months, defaultDemoHistory.months, 1, 24);
if (args.applications !== undefined && args["per-month"] !== undefined) {
  console.error(`--applications and --per-month: give one of them\n${usage}`);
  process.exit(2);
}
const applications = args.applications === undefined ? null : integer("applications", args.applications, 0, 1, maxScalePerMonth * months);
if (applications !== null && !env().DATABASE_URL && applications > maxEmbeddedApplications) {
  console.error(
    `--applications above ${maxEmbeddedApplications} needs PostgreSQL (set DATABASE_URL): the embedded database is one connection in this process's memory\n${usage}`,
  );
  process.exit(2);
}
const perMonth =
  applications === null ? integer("per-month", args["per-month"], defaultDemoHistory.perMonth, 1, 2000) : Math.max(1, Math.round(applications / months));
let end = new Date();
if (args.end !== undefined) {
  // The end of that day in China (UTC+8).
  end = new Date(`${args.end}T23:59:00+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.end) || Number.isNaN(end.getTime()) || end.getTime() > Date.now()) {
    console.error(`--end must be a past date YYYY-MM-DD: ${args.end}\n${usage}`);
    process.exit(2);
  }
}

const handle = await openScriptDatabase();
try {
  await handle.migrate();
  const r = await generateDemoHistory(handle.db, {
    seed,
    months,
    perMonth,
    end,
    replace: args.replace,
    scale: applications !== null,
    onProgress:
      applications === null
        ? undefined
        : (p) =>
            console.log(
              `  ${p.month}: ${p.applications} applications, ${p.rows} rows in ${(p.ms / 1000).toFixed(1)} s (${Math.round(p.rows / Math.max(p.ms / 1000, 0.001))} rows/s)`,
            ),
  });
  if (r.status === "present") {
    console.log(`Demo history already present (digest ${r.digest.slice(0, 16)}): nothing changed. Use --replace to generate it again.`);
  } else {
    console.log(
      `Demo history written (seed ${seed}, ${months} months to ${end.toISOString()}, ${perMonth} a month${applications === null ? "" : ", scale path"}) in ${(r.ms / 1000).toFixed(1)} s (index snapshots ${(r.snapshotMs / 1000).toFixed(1)} s):`,
    );
    for (const [k, v] of Object.entries(r.counts)) console.log(`  ${k.padEnd(24)} ${v}`);
    console.log(`  digest                   ${r.digest}`);
    if (applications !== null && env().DATABASE_URL) {
      const rows = Object.entries(r.counts)
        .filter(([k]) => !k.includes("."))
        .reduce((s, [, v]) => s + v, 0);
      const size = (await handle.db.execute(sql`select pg_database_size(current_database())::text as size`)) as unknown as { rows: Array<{ size: string }> };
      console.log(`  rows written             ${rows} (${Math.round(rows / (r.ms / 1000))} rows/s overall)`);
      console.log(`  database size            ${(Number(size.rows[0]!.size) / 2 ** 20).toFixed(0)} MiB`);
    }
  }
} catch (error) {
  console.error(`Demo history not written: ${scriptError(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
