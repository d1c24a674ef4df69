/**
 * `npm run bench:http`: the portal over HTTP on PostgreSQL. Builds the portal with a bare route
 * (into `.next-bench`, see bench-http/bare-route.ts), starts it on an empty database (migrated and
 * seeded with the demo at start), signs in an enterprise and five reviewers, and loads each path
 * with autocannon at each number of connections, printing requests/s and p50/p95/p99. Two
 * ceilings are measured in the same run: the bare route (Next.js and the proxy, no database) and
 * the path's own writes and reads issued as raw SQL by a plain `pg` pool as large as the portal's.
 * Writes bench-results.json. Asserts nothing.
 *
 *   BENCH_DATABASE_URL      an empty PostgreSQL database (required; it is filled, not cleaned)
 *   BENCH_PORT              3290
 *   BENCH_ROUNDS            HTTP requests per connection, per path and rung (default 2)
 *   BENCH_SECONDS           seconds per path and rung of raw SQL (default 3)
 *   BENCH_CONNECTIONS       default "8,32,100"
 *   BENCH_SKIP_BUILD=1      serve the existing .next-bench build
 *   BENCH_PATHS             which paths to load (the bare route always runs), comma-separated, or
 *                           `--paths guides,home` on the command line; default every one of
 *                           submit, review, queue, track, verify, guides, home, forms, openData
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Pool, type PoolClient } from "pg";
import { createTestBundle } from "@/root/testing/fixtures";
import { openDatabase } from "@/server/db/client";

const url = process.env.BENCH_DATABASE_URL;
if (!url) {
  console.error("bench:http needs BENCH_DATABASE_URL: an empty PostgreSQL database (it is migrated, seeded and written to).");
  process.exit(1);
}
const port = Number(process.env.BENCH_PORT ?? 3290);
/** Raw SQL runs this long per path and rung. */
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
/**
 * Over HTTP each connection sends this many requests (rounds of the path's requests) and the run
 * lasts until the last answer: a slow path at 100 connections would otherwise answer nothing
 * within a fixed few seconds (autocannon drops what is in flight at the end).
 */
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const rungs = (process.env.BENCH_CONNECTIONS ?? "8,32,100").split(",").map(Number);
const pathKeys = ["submit", "review", "queue", "track", "verify", "guides", "home", "forms", "openData"] as const;
type PathKey = (typeof pathKeys)[number];
const pathsArg = process.argv.find((a, i) => process.argv[i - 1] === "--paths") ?? process.argv.find((a) => a.startsWith("--paths="))?.slice(8);
const chosenPaths = (pathsArg ?? process.env.BENCH_PATHS ?? pathKeys.join(",")).split(",").filter(Boolean);
for (const k of chosenPaths) {
  if (!(pathKeys as readonly string[]).includes(k)) {
    console.error(`bench:http: unknown path "${k}" (known: ${pathKeys.join(", ")})`);
    process.exit(1);
  }
}
/** Whether this run loads the path (the bare route and the setup always run). */
const measures = (key: PathKey) => chosenPaths.includes(key);
const base = `http://127.0.0.1:${port}`;
const root = process.cwd();
const distDir = ".next-bench";
/** The portal's pool (src/server/db/client.ts): the raw SQL ceiling gets a pool of the same size. */
const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const departmentCodes = ["market", "tax", "fire", "health", "housing"] as const;
const applicantLogin = { creditCode: "91130602MA0TB002XR", login: "130102199003070011" };
const password = "Tongban2026";

// ---------- build and serve ----------

function build(): void {
  const bareDir = path.join(root, "src", "app", "api", "bench-bare");
  mkdirSync(bareDir, { recursive: true });
  copyFileSync(path.join(root, "src", "scripts", "bench-http", "bare-route.ts"), path.join(bareDir, "route.ts"));
  // `next build` adds its distDir's types to tsconfig.json and next-env.d.ts: put them back.
  const kept = ["tsconfig.json", "next-env.d.ts"].map((f) => [f, existsSync(path.join(root, f)) ? readFileSync(path.join(root, f), "utf8") : null] as const);
  try {
    console.log(`Building the portal with the bare route into ${distDir} …`);
    const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
      stdio: "inherit",
      env: { ...process.env, TONGBAN_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) throw new Error("the benchmark build failed");
  } finally {
    rmSync(bareDir, { recursive: true, force: true });
    for (const [f, text] of kept) {
      if (text === null) rmSync(path.join(root, f), { force: true });
      else writeFileSync(path.join(root, f), text);
    }
  }
}

function serve(): ChildProcess {
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(root, "src", "scripts", "bench-http", "serve.ts")],
    {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        TONGBAN_DIST_DIR: distDir,
        DATABASE_URL: url,
        PORT: String(port),
        SEED_DEMO: "true",
        DEMO_HISTORY: "false",
        TONGBAN_QUIET: "1",
        LOG_LEVEL: "warn",
        // Every request names its own client address: the per-address limits (tracking 20 a minute,
        // verification 60) are still counted, in PostgreSQL, but one load generator is not refused.
        TRUST_PROXY: "1",
        AUTH_SECRET: process.env.AUTH_SECRET ?? `bench-only-${randomUUID()}${randomUUID()}`,
        AUTH_TRUST_HOST: "true",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  return child;
}

async function waitForHealth(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error("the server did not become healthy in 5 minutes");
}

// ---------- HTTP helpers ----------

let addressCounter = 0;
/** A client address of its own for each request (10.x.y.z), read by the server as TRUST_PROXY=1. */
function nextAddress(): string {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
}

/** Signs in with the credentials form's fields and returns the Cookie header of the session. */
async function signIn(fields: Record<string, string>): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { "x-forwarded-for": nextAddress() } });
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), origin: base, "x-forwarded-for": nextAddress() },
    body: new URLSearchParams({ ...fields, csrfToken, callbackUrl: `${base}/` }),
  });
  const session = cookiesOf(res).filter((c) => c.includes("session-token"));
  if (session.length === 0) throw new Error(`sign-in failed for ${fields.login}: HTTP ${res.status}`);
  return [...jar, ...session].join("; ");
}

type TrpcResult<T> = { result?: { data?: { json?: T } }; error?: unknown };

async function trpc<T>(procedure: string, input: unknown, cookie: string): Promise<T> {
  const res = await fetch(`${base}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: base, "x-forwarded-for": nextAddress() },
    body: JSON.stringify({ json: input }),
  });
  const body = (await res.json()) as TrpcResult<T>;
  if (!res.ok || !body.result?.data) throw new Error(`${procedure}: HTTP ${res.status} ${JSON.stringify(body.error).slice(0, 300)}`);
  return body.result.data.json as T;
}

// ---------- measuring ----------

interface Row {
  path: string;
  kind: "portal" | "bare" | "raw";
  connections: number;
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  ratioToBare?: number;
  ratioToRawSql?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function summarise(name: string, kind: Row["kind"], connections: number, times: number[], errors: number, elapsedSeconds: number): Row {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    path: name,
    kind,
    connections,
    requests: times.length,
    errors,
    requestsPerSecond: round((times.length - errors) / elapsedSeconds),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
  };
}

/**
 * Waits until the server has worked off what the last run left queued (autocannon stops sending
 * at the end of its duration, the server does not stop working): two quick answers in a row
 * from the bare route. Otherwise a slow path's backlog is charged to the next path.
 */
async function settle(): Promise<void> {
  const deadline = Date.now() + 180_000;
  let quick = 0;
  while (Date.now() < deadline && quick < 2) {
    const t0 = performance.now();
    await fetch(`${base}/api/bench-bare`, { headers: { "x-forwarded-for": nextAddress() } }).catch(() => undefined);
    quick = performance.now() - t0 < 300 ? quick + 1 : 0;
    if (quick < 2) await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** One autocannon run; latencies recorded per response (autocannon's own summary has no p95). */
async function http(name: string, connections: number, requests: autocannon.Request[], kind: Row["kind"] = "portal"): Promise<Row> {
  await settle();
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: base, connections, amount: connections * rounds * requests.length, requests, timeout: 120 }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      if (statusCode >= 400) errors += 1;
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  const row = summarise(name, kind, connections, times, errors + result.errors + result.timeouts, elapsed);
  if (result.errors || result.timeouts || result.non2xx)
    console.log(
      `    (autocannon: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, status ${JSON.stringify(result.statusCodeStats)})`,
    );
  console.log(
    `  ${name.padEnd(34)} c=${String(connections).padStart(3)}  ${String(row.requestsPerSecond).padStart(7)} /s  p50 ${row.p50} p95 ${row.p95} p99 ${row.p99} ms${row.errors ? `  errors ${row.errors}` : ""}`,
  );
  return row;
}

/** The raw SQL ceiling: `connections` workers in a closed loop on a pool of the portal's size. */
async function raw(name: string, pool: Pool, connections: number, op: (client: PoolClient) => Promise<void>): Promise<Row> {
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const client = await pool.connect();
        try {
          await op(client);
        } catch (error) {
          errors += 1;
          if (errors === 1) console.error(`  ${name}: ${String(error)}`);
          await client.query("rollback").catch(() => undefined);
        } finally {
          client.release();
        }
        times.push(performance.now() - t0);
      }
    }),
  );
  const row = summarise(name, "raw", connections, times, errors, (performance.now() - started) / 1000);
  console.log(
    `  ${`${name} (raw SQL)`.padEnd(34)} c=${String(connections).padStart(3)}  ${String(row.requestsPerSecond).padStart(7)} /s  p50 ${row.p50} p95 ${row.p95} p99 ${row.p99} ms${row.errors ? `  errors ${row.errors}` : ""}`,
  );
  return row;
}

// ---------- the run ----------

const loadBefore = os.loadavg();
if (process.env.BENCH_SKIP_BUILD !== "1" || !existsSync(path.join(root, distDir, "BUILD_ID"))) build();
const server = serve();
const stop = () => {
  if (server.exitCode === null) server.kill("SIGTERM");
};
process.once("exit", stop);

try {
  await waitForHealth(server);
  const handle = await openDatabase({ url });
  const db = handle.db;
  const pool = new Pool({ connectionString: url, max: poolSize });
  const q = async <T>(text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as T[];

  // The bundle: five departments' services, one form field each, accepted automatically, so a
  // submission fans out to five review tasks in its transaction.
  const { code } = await createTestBundle(
    db,
    departmentCodes.map((d, i) => ({ key: `s${i}`, department: d })),
    { autoAcceptance: true },
  );
  const departmentIds = new Map(
    (await q<{ id: string; code: string }>(`select id, code from departments where code = any($1)`, [departmentCodes])).map((d) => [d.id, d.code]),
  );

  const applicant = await signIn({ ...applicantLogin, password });
  const reviewers = new Map<string, string>();
  for (const d of departmentCodes) reviewers.set(d, await signIn({ login: `reviewer.${d}`, password }));
  const json = { "content-type": "application/json", origin: base };
  const submitInput = () => ({
    subject: { kind: "bundle", code },
    idempotencyKey: randomUUID(),
    formData: { projectName: "压测项目" },
    materials: {},
    consent: true,
  });

  // One of each by hand first: every path must answer 2xx before it is measured.
  const first = await trpc<{ id: string; trackingNumber: string; queryCode: string; status: string }>("applications.submit", submitInput(), applicant);
  console.log(`Checked: submit → ${first.trackingNumber} (${first.status})`);
  const [licence] = await q<{ number: string }>(`select number from certificates where holder_code = $1 and status = 'valid' limit 1`, [
    applicantLogin.creditCode,
  ]);
  if (!licence) throw new Error("the demo enterprise has no valid certificate to verify");
  const guides = ["/guides", "/guides/foodBusinessLicensing"];
  for (const p of [
    ...guides,
    "/",
    "/track",
    "/verify",
    "/open-data",
    `/verify/${licence.number}`,
    `/track?trackingNumber=${first.trackingNumber}&queryCode=${first.queryCode}`,
    "/api/bench-bare",
  ]) {
    const res = await fetch(base + p, { headers: { "x-forwarded-for": nextAddress() } });
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
  }
  const queue = await fetch(`${base}/review`, { headers: { cookie: reviewers.get("market") ?? "" }, redirect: "manual" });
  if (!queue.ok) throw new Error(`/review: HTTP ${queue.status}`);

  const submitted: Array<{ trackingNumber: string; queryCode: string }> = [first];
  const rows: Row[] = [];
  const forEachRung = async (fn: (c: number) => Promise<Row>) => {
    for (const c of rungs) rows.push(await fn(c));
  };
  const xff = (req: autocannon.Request) => ({ ...req, headers: { ...req.headers, "x-forwarded-for": nextAddress() } });

  console.log(`\nHTTP, ${rounds} requests per connection, per path and rung, connections ${rungs.join(", ")}:`);
  await forEachRung((c) => http("GET bare route (no database)", c, [{ method: "GET", path: "/api/bench-bare", setupRequest: xff }], "bare"));
  if (measures("submit"))
    await forEachRung((c) =>
      http("submit 5-department bundle", c, [
        {
          method: "POST",
          path: "/api/trpc/applications.submit",
          headers: { ...json, cookie: applicant },
          setupRequest: (req) => xff({ ...req, body: JSON.stringify({ json: submitInput() }) }),
          onResponse: (status, body) => {
            if (status !== 200) return;
            const out = (JSON.parse(body) as TrpcResult<{ trackingNumber: string; queryCode: string }>).result?.data?.json;
            if (out) submitted.push(out);
          },
        },
      ]),
    );

  // Claim and decide: each connection takes the next open task and its department's reviewer.
  const openTasks = await q<{ id: string; version: number; department_id: string }>(
    `select id, version, department_id from review_tasks where status = 'open' order by created_at`,
  );
  let nextTask = 0;
  type Ctx = { taskId?: string; cookie?: string; version?: number };
  if (measures("review"))
    await forEachRung((c) =>
      http("review claim + decide (per request)", c, [
        {
          method: "POST",
          path: "/api/trpc/review.claim",
          setupRequest: (req, context: Ctx) => {
            const task = openTasks[nextTask++ % openTasks.length]!;
            context.taskId = task.id;
            context.cookie = reviewers.get(departmentIds.get(task.department_id) ?? "") ?? "";
            return xff({ ...req, headers: { ...json, cookie: context.cookie }, body: JSON.stringify({ json: { taskId: task.id, version: task.version } }) });
          },
          onResponse: (status, body, context: Ctx) => {
            context.version = status === 200 ? (JSON.parse(body) as TrpcResult<{ version: number }>).result?.data?.json?.version : undefined;
          },
        },
        {
          method: "POST",
          path: "/api/trpc/review.decide",
          setupRequest: (req, context: Ctx) =>
            xff({
              ...req,
              headers: { ...json, cookie: context.cookie ?? "" },
              body: JSON.stringify({ json: { taskId: context.taskId, version: context.version ?? 0, outcome: "approved" } }),
            }),
        },
      ]),
    );
  console.log(`  (${nextTask} tasks taken of ${openTasks.length} open; a task taken twice answers a conflict, counted as an error)`);

  if (measures("queue"))
    await forEachRung((c) => http("GET reviewer queue /review", c, [{ method: "GET", path: "/review", headers: { cookie: reviewers.get("market") ?? "" } }]));
  let t = 0;
  if (measures("track"))
    await forEachRung((c) =>
      http("GET public tracking /track", c, [
        {
          method: "GET",
          setupRequest: (req) => {
            const s = submitted[t++ % submitted.length]!;
            return xff({ ...req, path: `/track?trackingNumber=${s.trackingNumber}&queryCode=${s.queryCode}` });
          },
        },
      ]),
    );
  if (measures("verify"))
    await forEachRung((c) => http("GET public verification /verify/…", c, [{ method: "GET", path: `/verify/${licence.number}`, setupRequest: xff }]));
  if (measures("guides"))
    await forEachRung((c) => http("GET guide pages (list, one guide)", c, [...guides.map((p) => ({ method: "GET" as const, path: p, setupRequest: xff }))]));
  // The public pages that are the same for every visitor of a language (issue 15 item 2).
  if (measures("home")) await forEachRung((c) => http("GET home page /", c, [{ method: "GET", path: "/", setupRequest: xff }]));
  if (measures("forms"))
    await forEachRung((c) =>
      http("GET forms /track, /verify (no number)", c, [
        { method: "GET", path: "/track", setupRequest: xff },
        { method: "GET", path: "/verify", setupRequest: xff },
      ]),
    );
  if (measures("openData")) await forEachRung((c) => http("GET open data /open-data", c, [{ method: "GET", path: "/open-data", setupRequest: xff }]));

  // ---------- raw SQL: the same writes and reads, by a plain pg pool ----------
  console.log(`\nRaw SQL with pg (pool of ${poolSize}, as the portal's), same rungs:`);
  const [template] = await q<{ row: Record<string, unknown> }>(`select to_jsonb(a) as row from applications a where tracking_number = $1`, [
    first.trackingNumber,
  ]);
  const taskTemplates = await q<{ row: Record<string, unknown> }>(
    `select to_jsonb(t) as row from review_tasks t join applications a on a.id = t.application_id where a.tracking_number = $1`,
    [first.trackingNumber],
  );
  const [auditTemplate] = await q<{ row: Record<string, unknown> }>(`select to_jsonb(e) - 'seq' as row from audit_events e where stream_id = $1 limit 1`, [
    template?.row.id,
  ]);
  const [outboxTemplate] = await q<{ row: Record<string, unknown> }>(`select to_jsonb(o) as row from outbox o where application_id = $1 limit 1`, [
    template?.row.id,
  ]);
  if (!template || !auditTemplate || !outboxTemplate || taskTemplates.length !== 5) throw new Error("no templates for the raw SQL ceiling");
  /** The columns an insert may name: not generated ones, not the serial key. */
  const columnsOf = async (table: string) =>
    (
      await q<{ name: string }>(
        `select column_name as name from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' and column_name <> 'seq' order by ordinal_position`,
        [table],
      )
    )
      .map((c) => `"${c.name}"`)
      .join(", ");
  const insertFrom = async (table: string) => {
    const cols = await columnsOf(table);
    return `insert into ${table} (${cols}) select ${cols} from jsonb_populate_record(null::${table}, $1)`;
  };
  const insertAudit = await insertFrom("audit_events");
  const insertApplication = await insertFrom("applications");
  const insertTask = await insertFrom("review_tasks");
  const insertOutbox = await insertFrom("outbox");
  const audit = async (client: PoolClient, streamId: string, action: string) => {
    await client.query(`select pg_advisory_xact_lock_shared(7415, 2), pg_advisory_xact_lock(hashtextextended($1, 0))`, [streamId]);
    const prev = await client.query(`select hash from audit_events where stream_id = $1 order by seq desc limit 1`, [streamId]);
    await client.query(insertAudit, [
      { ...auditTemplate.row, stream_id: streamId, entity_id: streamId, action, prev_hash: prev.rows[0]?.hash ?? null, at: new Date().toISOString() },
    ]);
  };
  const rawTasks: Array<{ id: string; app: string }> = [];
  // A submission as the use case writes it: the draft row, submit, accept, five tasks, their
  // audit events, the tracking number last, two notifications to the outbox, in one transaction.
  const rawSubmit = async (client: PoolClient) => {
    const id = randomUUID();
    await client.query("begin");
    await client.query(insertApplication, [
      { ...template.row, id, idempotency_key: randomUUID(), tracking_number: null, query_code: null, status: "draft", version: 1 },
    ]);
    await client.query(`select id, status, version from applications where id = $1 for update`, [id]);
    await client.query(
      `update applications set status = 'submitted', version = version + 1, submitted_at = now(), updated_at = now() where id = $1 and version = 1`,
      [id],
    );
    await audit(client, id, "application.submit");
    await client.query(`update applications set status = 'inReview', version = version + 1, accepted_at = now() where id = $1`, [id]);
    await audit(client, id, "application.accept");
    for (const task of taskTemplates) {
      const taskId = randomUUID();
      await client.query(insertTask, [
        { ...task.row, id: taskId, application_id: id, status: "open", version: 1, claimed_by: null, claimed_at: null, decided_by: null, decided_at: null },
      ]);
      await audit(client, id, "task.open");
      rawTasks.push({ id: taskId, app: id });
    }
    // The tracking counter last, as in the use case (its own division, so the portal's counter is left alone).
    const counter = await client.query<{ last: string }>(
      `insert into tracking_sequences (division_code, day, last) values ('999999', '2099-12-31', 1) on conflict (division_code, day) do update set last = tracking_sequences.last + 1 returning last`,
    );
    await client.query(`update applications set tracking_number = $2 where id = $1`, [id, `99999920991231${String(counter.rows[0]?.last).padStart(6, "0")}`]);
    for (let i = 0; i < 2; i++) {
      await client.query(insertOutbox, [{ ...outboxTemplate.row, id: randomUUID(), application_id: id, processed_at: null }]);
    }
    await client.query("commit");
  };
  let nextRawTask = 0;
  // A claim and a decision: each its own transaction, the decision locking the case (fan-in).
  const rawClaimDecide = async (client: PoolClient) => {
    const task = rawTasks[nextRawTask++ % rawTasks.length]!;
    await client.query("begin");
    await client.query(`select * from review_tasks where id = $1 for update`, [task.id]);
    await client.query(`update review_tasks set status = 'claimed', version = version + 1, claimed_at = now() where id = $1`, [task.id]);
    await audit(client, task.app, "task.claim");
    await client.query("commit");
    await client.query("begin");
    await client.query(`select * from applications where id = $1 for update`, [task.app]);
    await client.query(`update review_tasks set status = 'approved', version = version + 1, decided_at = now() where id = $1`, [task.id]);
    await audit(client, task.app, "task.decide");
    await client.query(`select status from review_tasks where application_id = $1`, [task.app]);
    await client.query("commit");
  };
  const marketId = [...departmentIds].find(([, c]) => c === "market")?.[0];
  let rt = 0;
  const rawReads: Array<[PathKey, string, (client: PoolClient) => Promise<void>]> = [
    [
      "queue",
      "GET reviewer queue /review",
      async (client) => {
        await client.query(
          `select count(*) filter (where status = 'open') as open, count(*) filter (where status = 'claimed') as claimed from review_tasks where department_id = $1`,
          [marketId],
        );
        await client.query(
          `select t.*, a.tracking_number, a.title_zh from review_tasks t join applications a on a.id = t.application_id where t.department_id = $1 and t.status in ('open', 'claimed') order by t.due_at limit 50`,
          [marketId],
        );
      },
    ],
    [
      "track",
      "GET public tracking /track",
      async (client) => {
        const s = submitted[rt++ % submitted.length]!;
        const app = await client.query(`select * from applications where tracking_number = $1 and query_code = $2`, [s.trackingNumber, s.queryCode]);
        await client.query(`select step_key, status, due_at from review_tasks where application_id = $1`, [app.rows[0]?.id]);
      },
    ],
    [
      "verify",
      "GET public verification /verify/…",
      async (client) => void (await client.query(`select * from certificates where number = $1`, [licence.number])),
    ],
    [
      "guides",
      "GET guide pages (list, one guide)",
      async (client) => {
        await client.query(`select code, name_zh, name_en from services order by code`);
        await client.query(`select s.*, m.* from services s left join materials m on m.service_id = s.id where s.code = 'foodBusinessLicensing'`);
      },
    ],
  ];
  if (measures("submit")) await forEachRung((c) => raw("submit 5-department bundle", pool, c, rawSubmit));
  if (measures("review")) await forEachRung((c) => raw("review claim + decide (per request)", pool, c, rawClaimDecide));
  for (const [key, name, op] of rawReads) if (measures(key)) await forEachRung((c) => raw(name, pool, c, op));

  // Ratios: to the bare route at the same connections; to the path's raw SQL at the same connections.
  for (const r of rows) {
    if (r.kind !== "portal") continue;
    const bare = rows.find((b) => b.kind === "bare" && b.connections === r.connections);
    const rawRow = rows.find((b) => b.kind === "raw" && b.path === r.path && b.connections === r.connections);
    // claim + decide: two HTTP requests per raw pair
    const rawRate = rawRow ? rawRow.requestsPerSecond * (r.path.startsWith("review claim") ? 2 : 1) : 0;
    if (bare?.requestsPerSecond) r.ratioToBare = Math.round((r.requestsPerSecond / bare.requestsPerSecond) * 1000) / 1000;
    if (rawRate) r.ratioToRawSql = Math.round((r.requestsPerSecond / rawRate) * 1000) / 1000;
  }
  const [pgVersion] = await q<{ server_version: string }>(`show server_version`);
  const machine = {
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: pgVersion?.server_version ?? "?",
    loadAverageBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
    loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
    secondsPerRun: seconds,
  };
  writeFileSync(path.join(root, "bench-results.json"), `${JSON.stringify({ at: new Date().toISOString(), machine, rows }, null, 2)}\n`);
  console.log(`\nMachine: ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}`);
  console.log(`Load average (1, 5, 15 min) before ${machine.loadAverageBefore.join(", ")}, after ${machine.loadAverageAfter.join(", ")}\n`);
  console.log("| path | connections | requests/s | p50 ms | p95 ms | p99 ms | errors | ÷ bare route | ÷ raw SQL |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows.filter((x) => x.kind !== "raw")) {
    console.log(
      `| ${r.path} | ${r.connections} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.ratioToBare ?? "—"} | ${r.ratioToRawSql ?? "—"} |`,
    );
  }
  console.log("\nRaw SQL ceilings:");
  for (const r of rows.filter((x) => x.kind === "raw"))
    console.log(`| ${r.path} (raw SQL) | ${r.connections} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | | |`);
  await pool.end();
  await handle.close();
} finally {
  stop();
}
