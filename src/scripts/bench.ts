/**
 * `npm run bench`: throughput of the core use cases on the embedded database (or on PostgreSQL
 * when BENCH_DATABASE_URL is set). Prints figures; asserts nothing.
 *   BENCH_APPLICATIONS (default 200), BENCH_CONCURRENCY (default 8, PostgreSQL only)
 */
import "@/root/effects";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { acceptApplication } from "@/modules/applications/accept-application";
import { ZSubmitApplicationInput } from "@/modules/applications/inputs";
import { applications } from "@/modules/applications/schema";
import { submitApplication } from "@/modules/applications/submit-application";
import { addWorkingDays, calendarFromOfficialData } from "@/modules/calendar/model";
import officialWorkdays from "@/modules/calendar/official-workdays.json";
import type { Actor } from "@/modules/identity/model";
import { entities } from "@/modules/identity/schema";
import { claimTask } from "@/modules/review/claim-task";
import { decideTask } from "@/modules/review/decide-task";
import { reviewTasks } from "@/modules/review/schema";
import { readCertificates, verifyCertificate } from "@/modules/sharing/gate";
import { issueCertificate } from "@/modules/sharing/registry";
import { openDatabase } from "@/server/db/client";
import { actorByLogin, createTestBundle, ensureDemo, newEnterprise, reviewer } from "@/root/testing/fixtures";

const url = process.env.BENCH_DATABASE_URL;
const n = Number(process.env.BENCH_APPLICATIONS ?? 200);
const concurrency = url ? Number(process.env.BENCH_CONCURRENCY ?? 8) : 1;
const now = new Date("2026-03-02T01:00:00Z");

async function timed<T>(label: string, count: number, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label.padEnd(44)} ${String(count).padStart(6)} in ${seconds.toFixed(2).padStart(7)} s  = ${(count / seconds).toFixed(1).padStart(8)} /s`);
  return result;
}

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const item = items[next++];
        if (item !== undefined) await fn(item);
      }
    }),
  );
}

const handle = await openDatabase({ url, dataDir: "memory://" });
await handle.migrate();
const db = handle.db;
await ensureDemo(db);
console.log(`Tongban bench on ${handle.kind}${url ? "" : " (in memory)"}, ${n} applications of 5 parallel steps, concurrency ${concurrency}`);

const cal = calendarFromOfficialData(officialWorkdays);
const calls = 100_000;
await timed("calendar: addWorkingDays(…, 20)", calls, async () => {
  for (let i = 0; i < calls; i++) addWorkingDays(cal, "2026-02-10", 20);
});

const { code } = await createTestBundle(
  db,
  ["market", "tax", "fire", "health", "housing"].map((d, i) => ({ key: `s${i}`, department: d })),
);
const applicant = await newEnterprise(db);
const clerk = await actorByLogin(db, "clerk");
const keys = Array.from({ length: n }, () => randomUUID());
const ids: string[] = [];
await timed("submit (idempotent insert + tracking number)", n, () =>
  pool(keys, concurrency, async (key) => {
    const input = ZSubmitApplicationInput.parse({
      subject: { kind: "bundle", code },
      idempotencyKey: key,
      formData: { projectName: "bench" },
      materials: {},
      consent: true,
    });
    ids.push((await submitApplication(db, applicant, input, now)).id);
  }),
);
await timed("accept (fan-out to 5 tasks, due dates)", n, () =>
  pool(ids, concurrency, async (id) => {
    const [row] = await db.select({ version: applications.version }).from(applications).where(eq(applications.id, id));
    await acceptApplication(db, clerk, { applicationId: id, version: row?.version ?? 0 }, now);
  }),
);
// The gate: a market reviewer reads the applicant's business licence for each open case.
const [holder] = await db
  .select({ code: entities.creditCode })
  .from(entities)
  .where(eq(entities.id, applicant.entityId ?? ""));
const licence = await issueCertificate(db, {
  typeCode: "businessLicence",
  holderCode: holder?.code ?? "",
  holderName: applicant.displayName,
  answers: {},
  sourceApplicationId: null,
  issuedOn: "2026-01-05",
});
const market = await reviewer(db, "market");
await timed("gate: reviewer reads a licence (checked, logged)", n, () =>
  pool(ids, concurrency, async (id) => {
    const read = await readCertificates(db, market, {
      holderCode: holder?.code ?? "",
      typeCodes: ["businessLicence"],
      purpose: { kind: "application", applicationId: id },
      today: "2026-03-02",
    });
    if (read.certificates.length !== 1) throw new Error("the gate refused a reviewer with a task");
  }),
);
await timed("verify a certificate (Ed25519, logged)", n, () =>
  pool(ids, concurrency, async () => {
    const view = await verifyCertificate(db, licence.number, null, now);
    if (!view?.signature.valid) throw new Error("signature did not verify");
  }),
);
const reviewers = new Map<string, Actor>();
for (const d of ["market", "tax", "fire", "health", "housing"]) {
  const r = await reviewer(db, d);
  if (r.departmentId) reviewers.set(r.departmentId, r);
}
const tasks = await db.select().from(reviewTasks);
const mine = tasks.filter((t) => ids.includes(t.applicationId));
await timed("claim + decide (locked fan-in, certificates)", mine.length, () =>
  pool(mine, concurrency, async (task) => {
    const actor = reviewers.get(task.departmentId);
    if (!actor) return;
    const claimed = await claimTask(db, actor, { taskId: task.id, version: task.version }, now);
    await decideTask(db, actor, { taskId: task.id, version: claimed.version, outcome: "approved" }, now);
  }),
);
// The node's memory under this load: the resident set now and at its peak (getrusage's maxrss,
// KiB on Linux), with the embedded database in the same process. A serving node reports the
// same figure as process_resident_memory_bytes at /api/metrics.
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
console.log(
  `memory: RSS ${mib(process.memoryUsage().rss)}, peak ${mib(process.resourceUsage().maxRSS * 1024)} (${handle.kind}${url ? "" : " in this process"})`,
);
await handle.close();
