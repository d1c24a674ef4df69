import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applicationStatuses } from "./applications/model";
import { verificationStatuses } from "./commitments/model";
import { creditRecordStatuses, objectionStatuses, repairStatuses } from "./credit/model";
import { planStatuses } from "./inspections/model";
import { rectificationStatuses } from "./ratings/model";
import { recognitionStatuses } from "./recognition/model";
import { nameStatuses } from "./registration/model";
import { taskStatuses } from "./review/model";
import { certificateStatuses, grantStatuses } from "./sharing/model";

// Every subset of a machine's statuses the code needs is named in the owning module's model.ts,
// with a line saying why (isLiveApplication, runningTaskStatuses, canWithdraw…). This scan finds
// subsets written out anywhere else in src, so a new one is caught:
// - an array literal made only of two or more statuses of one machine (`["open", "claimed"]`,
//   whether in `inArray(…)`, a `const`, a `.includes` or a `z.enum`);
// - two comparisons of one value with statuses joined by `||` or `&&`
//   (`status === "approved" || status === "denied"`);
// - a complement written in a query: `ne(….status, "…")` or `notInArray(….status, [ "…" ])`.
// Comparing with one status (`status === "draft"`) is not a subset and is left alone.

const machines: Record<string, readonly string[]> = {
  application: applicationStatuses,
  reviewTask: taskStatuses,
  grant: grantStatuses,
  enterpriseName: nameStatuses,
  certificate: certificateStatuses,
  rectification: rectificationStatuses,
  creditRecord: creditRecordStatuses,
  creditObjection: objectionStatuses,
  creditRepair: repairStatuses,
  commitmentVerification: verificationStatuses,
  inspectionPlan: planStatuses,
  recognition: recognitionStatuses,
};

/** Files allowed to write a subset, with the reason (none today: add one only with a reason a model name cannot give). */
const allowed: Record<string, string> = {};

function machineOf(values: readonly string[]): string | null {
  if (values.length < 2) return null;
  return Object.entries(machines).find(([, statuses]) => values.every((v) => statuses.includes(v)))?.[0] ?? null;
}

/** The hand-written status subsets in a source text, each as a short description. */
function handWrittenSubsets(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\[([^[\]]*)\]/g)) {
    const items = m[1]!
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length < 2 || !items.every((s) => /^"[^"]*"$|^'[^']*'$/.test(s))) continue;
    const values = items.map((s) => s.slice(1, -1));
    const machine = machineOf(values);
    if (machine) found.push(`${machine} list [${values.join(", ")}]`);
  }
  for (const m of text.matchAll(/(?<![\w.?])([\w.?]+)\s*(?:===|!==)\s*"(\w+)"\s*(?:\|\||&&)\s*\1\s*(?:===|!==)\s*"(\w+)"/g)) {
    const machine = machineOf([m[2]!, m[3]!]);
    if (machine) found.push(`${machine} comparisons ${m[0]}`);
  }
  for (const m of text.matchAll(/\bne\(\s*[\w.]*status\s*,\s*"(\w+)"\s*\)/gi)) found.push(`complement ${m[0]}`);
  for (const m of text.matchAll(/\bnotInArray\(\s*[\w.]*status\s*,\s*\[\s*"/gi)) found.push(`complement ${m[0]}`);
  return found;
}

const src = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && e.name !== "model.ts" ? [p] : [];
  });
}

describe("status subsets are named in the models", () => {
  const files = sourceFiles(src).map((f) => ({ rel: path.relative(src, f).split(path.sep).join("/"), text: readFileSync(f, "utf8") }));

  it("finds the source files it checks, pages and components included", () => {
    expect(files.length).toBeGreaterThan(150);
    expect(files.some((f) => f.rel.startsWith("app/") && f.rel.endsWith(".tsx"))).toBe(true);
    expect(files.some((f) => f.rel === "modules/sharing/gate.ts")).toBe(true);
  });

  it("no file outside a model.ts writes one out", () => {
    const offenders = files.filter((f) => !(f.rel in allowed)).flatMap((f) => handWrittenSubsets(f.text).map((s) => `${f.rel}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it("the scan catches each form, and lets single comparisons and other lists be", () => {
    expect(handWrittenSubsets(`inArray(reviewTasks.status, ["open", "claimed"])`)).toEqual(["reviewTask list [open, claimed]"]);
    expect(handWrittenSubsets(`const openStatuses = [\n  "submitted",\n  "inReview",\n] as const;`)).toEqual(["application list [submitted, inReview]"]);
    expect(handWrittenSubsets(`t.status === "approved" || t.status === "denied"`)).toHaveLength(1);
    expect(handWrittenSubsets(`and(ne(certificates.status, "revoked"))`)).toEqual([`complement ne(certificates.status, "revoked")`]);
    expect(handWrittenSubsets(`notInArray(applications.status, ["withdrawn"])`)).toHaveLength(1);
    // Not subsets: one status; a list that is not only statuses of one machine; roles.
    expect(handWrittenSubsets(`if (app.status !== "draft") return;`)).toEqual([]);
    expect(handWrittenSubsets(`z.enum(["pending", "open", "claimed", "waiting", "decided", "all"])`)).toEqual([]);
    expect(handWrittenSubsets(`z.enum(["pending", "active", "expired", "revoked"])`)).toEqual([]);
    expect(handWrittenSubsets(`role === "dataOffice" || role === "reviewer"`)).toEqual([]);
    expect(handWrittenSubsets(`existing.status === "approved" && status === "approved"`)).toEqual([]);
  });
});

// Every status change goes through its machine's one persistence helper (table, compare-and-set,
// audit). Creating a row in its initial state is an insert, not a change; an update that sets a
// status anywhere else is a way around the machine.
const statusWriters = [
  // The data objection's machine (open → corrected | answered) has one writer, the decision itself
  // (compare-and-set with its audit event).
  "modules/sharing/decide-data-objection.ts",
  "modules/applications/transition.ts",
  "modules/applications/forwarding-transition.ts",
  "modules/review/transition.ts",
  "modules/review/extension-transition.ts",
  "modules/sharing/grant-transition.ts",
  "modules/sharing/certificate-transition.ts",
  "modules/registration/name-transition.ts",
  "modules/ratings/transition.ts",
  "modules/credit/transition.ts",
  "modules/credit/objection-transition.ts",
  "modules/credit/repair-transition.ts",
  "modules/risk/signal-transition.ts",
  "modules/commitments/transition.ts",
  "modules/inspections/transition.ts",
  "modules/recognition/transition.ts",
  "modules/exchange/joint-outbox-transition.ts",
  "modules/applications/joint-part-transition.ts",
];

/** The `.set({ … })` calls of a source text that write a `status`. */
function statusUpdates(text: string): string[] {
  return [...text.matchAll(/\.set\(\s*\{[^}]*\bstatus\s*:[^}]*\}/g)].map((m) => m[0].replace(/\s+/g, " "));
}

describe("only the machines' helpers write a status", () => {
  const files = sourceFiles(src).map((f) => ({ rel: path.relative(src, f).split(path.sep).join("/"), text: readFileSync(f, "utf8") }));

  it("each helper writes one", () => {
    for (const rel of statusWriters) expect(statusUpdates(files.find((f) => f.rel === rel)?.text ?? ""), rel).toHaveLength(1);
  });

  it("no other file does", () => {
    const offenders = files.filter((f) => !statusWriters.includes(f.rel)).flatMap((f) => statusUpdates(f.text).map((s) => `${f.rel}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it("the scan sees a status written by hand, and not other columns", () => {
    expect(statusUpdates(`tx.update(reviewTasks).set({ status: "cancelled", version: sql\`v + 1\` })`)).toHaveLength(1);
    expect(statusUpdates(`tx.update(reviewTasks).set({\n  reminderSentAt: now,\n  status: "open" })`)).toHaveLength(1);
    expect(statusUpdates(`tx.update(reviewTasks).set({ reminderSentAt: now })`)).toEqual([]);
  });
});
