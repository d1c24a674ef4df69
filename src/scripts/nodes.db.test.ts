/**
 * Several nodes on one PostgreSQL (issue 15, item 5), as real processes: two web nodes of the
 * production build (`npm start --no-build`, one with jobs on, one with JOBS_ENABLED=false) and one
 * worker (`npm run worker`) on a database of their own. Several applicants submit a three-department
 * bundle through both nodes at once (some with the same idempotency key at both), reviewers claim
 * and decide through both, then tasks are made due and overdue and the deadline scan runs on the
 * worker and the jobs node at once (pg-boss jobs) and in this process too, while both dispatch the
 * outbox. The database must then hold every submission once with its whole task set, one decision
 * per decided task, each reminder, overdue notice and deemed approval once, one inbox item per
 * notification and recipient, and every job run once.
 *
 * PostgreSQL only (TEST_DATABASE_URL), like the other multi-process tests. Needs the production
 * build (`.next`, as CI's `next build` leaves it); builds it first when it is missing or stale.
 * Prints the submission rate through one node and through two: a figure, not a target.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createTestBundle } from "@/root/testing/fixtures";
import { onPostgres } from "@/root/testing/database";
import { demoAccounts, demoPassword } from "@/root/seed/demo";
import { scanDeadlines } from "@/modules/review/scan-deadlines";
import { createBoss } from "@/server/jobs/boss";
import { openDatabase, type DatabaseHandle } from "@/server/db/client";
import { buildIsStale } from "./build-state";

const root = process.cwd();
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const departmentCodes = ["market", "tax", "fire"] as const;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
}

const procs: Proc[] = [];

function startProcess(name: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, [tsx, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const proc: Proc = { name, child, output: [] };
  const keep = (chunk: Buffer) => {
    proc.output.push(chunk.toString());
    if (proc.output.length > 400) proc.output.splice(0, 100);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  procs.push(proc);
  return proc;
}

function tail(proc: Proc): string {
  return `${proc.name} (exit ${proc.child.exitCode}):\n${proc.output.join("").slice(-3000)}`;
}

async function waitUntil(what: string, proc: Proc, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.child.exitCode !== null) throw new Error(`${what}: the process exited\n${tail(proc)}`);
    if (await check()) return;
    await sleep(300);
  }
  throw new Error(`${what}: timed out\n${tail(proc)}`);
}

const ready = (base: string) => async () => (await fetch(`${base}/api/ready`).catch(() => null))?.ok === true;

/** Stops a child by its own pid and waits for it (SIGKILL after 10 s). */
async function stopProcess(proc: Proc): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.child.once("exit", resolve));
  proc.child.kill("SIGTERM");
  const timer = setTimeout(() => proc.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

// ---------- HTTP as a browser would, to a given node ----------

let addressCounter = 0;
/** A client address of its own for each request (the nodes trust one proxy hop). */
function nextAddress(): string {
  addressCounter += 1;
  return `10.77.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
}

async function signIn(base: string, fields: Record<string, string>): Promise<string> {
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

async function trpc<T>(
  base: string,
  procedure: string,
  input: unknown,
  cookie: string,
): Promise<{ ok: true; data: T } | { ok: false; status: number; body: string }> {
  const res = await fetch(`${base}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: base, "x-forwarded-for": nextAddress() },
    body: JSON.stringify({ json: input }),
  });
  const text = await res.text();
  if (!res.ok) return { ok: false, status: res.status, body: text.slice(0, 300) };
  return { ok: true, data: (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json };
}

/** Runs `tasks` with at most `limit` at once. */
async function pool<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = new Array<T>(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]!();
      }
    }),
  );
  return out;
}

describe.skipIf(!onPostgres)("several nodes on one PostgreSQL: two web nodes and a worker", () => {
  const dbName = `tongban_nodes_${process.pid}_${Date.now().toString(36)}`;
  const adminUrl = process.env.TEST_DATABASE_URL ?? "";
  const url = onPostgres ? Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString() : "";
  let handle: DatabaseHandle;
  let web: [string, string];
  let worker: Proc;

  beforeAll(async () => {
    if (buildIsStale(root)) {
      const built = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
        cwd: root,
        stdio: "ignore",
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
        timeout: 600_000,
      });
      if (built.status !== 0) throw new Error("next build failed");
    }
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${dbName}"`);
    await admin.end();

    // What every node must share: the session secret (a session made on one node is valid on the
    // other) and the audit and key-encryption keys (README, Configuration).
    const signing = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const shared: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: url,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      AUTH_TRUST_HOST: "true",
      AUDIT_KEY: randomBytes(32).toString("hex"),
      AUDIT_SIGNING_KEY: signing,
      KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      DEMO_HISTORY: "false",
      TONGBAN_QUIET: "1",
      LOG_LEVEL: "warn",
      TRUST_PROXY: "1",
      DATABASE_POOL_SIZE: "6",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    };
    delete shared.TEST_DATABASE_URL;
    delete shared.VITEST;
    const [portA, portB] = [await freePort(), await freePort()];
    web = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    // Node A first: it migrates and seeds the demo province; then the others start on the result.
    const a = startProcess("web A (jobs on)", ["src/scripts/start.ts", "--no-build"], {
      ...shared,
      PORT: String(portA),
      SEED_DEMO: "true",
      JOBS_ENABLED: "true",
    });
    await waitUntil("web A ready", a, ready(web[0]), 150_000);
    const b = startProcess("web B (jobs off)", ["src/scripts/start.ts", "--no-build"], {
      ...shared,
      PORT: String(portB),
      SEED_DEMO: "false",
      JOBS_ENABLED: "false",
    });
    worker = startProcess("worker", ["src/scripts/worker.ts"], { ...shared });
    await waitUntil("web B ready", b, ready(web[1]), 120_000);
    await waitUntil("worker started", worker, () => worker.output.join("").includes("background jobs on PostgreSQL"), 60_000);
    handle = await openDatabase({ url });
  }, 900_000);

  afterAll(async () => {
    await Promise.all(procs.map(stopProcess));
    await handle?.close();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }, 60_000);

  it("loses no submission, decides and applies every deadline once, notifies once, runs every job once", async () => {
    const db = handle.db;
    const sql = new Client({ connectionString: url });
    await sql.connect();
    onTestFinished(() => sql.end());
    const q = async <T>(text: string, values: unknown[] = []) => (await sql.query(text, values)).rows as T[];
    // Three departments, accepted automatically (tasks open at submission); the fire step is
    // deemed approved when overdue (逾期视为同意), so the scan has a status to move.
    const { code } = await createTestBundle(
      db,
      departmentCodes.map((d) => ({ key: d, department: d, deemedApproval: d === "fire" })),
      { autoAcceptance: true },
    );
    const [A, B] = web;
    const citizens = demoAccounts().filter((x) => x.role === "citizen");
    expect(citizens.length).toBeGreaterThanOrEqual(3);
    // Each applicant signs in on one node and the session works on both (one AUTH_SECRET).
    const applicants = await Promise.all(citizens.map((c, i) => signIn(i % 2 ? B : A, { login: c.login, password: demoPassword })));
    const submitInput = (key: string) => ({
      subject: { kind: "bundle", code },
      idempotencyKey: key,
      formData: { projectName: "多节点测试" },
      materials: {},
      consent: true,
    });

    type Submitted = { id: string; trackingNumber: string; status: string };
    const accepted = new Map<string, Submitted>();
    const submitAt = async (base: string, applicant: string, key: string) => {
      const r = await trpc<Submitted>(base, "applications.submit", submitInput(key), applicant);
      if (!r.ok) throw new Error(`submit at ${base}: HTTP ${r.status} ${r.body}`);
      accepted.set(key, r.data);
      return r.data;
    };
    const round = async (nodes: string[], n: number) => {
      const started = performance.now();
      await pool(
        8,
        Array.from({ length: n }, (_, i) => () => submitAt(nodes[i % nodes.length]!, applicants[i % applicants.length]!, randomUUID())),
      );
      return n / ((performance.now() - started) / 1000);
    };
    // Warm both nodes' routes, then measure one node and both (shared cores: see the README).
    await round([A, B], 4);
    const oneNode = await round([A], 24);
    const twoNodes = await round([A, B], 24);
    // And a page every visitor reads, the guide list.
    const reads = async (nodes: string[], n: number) => {
      const started = performance.now();
      await pool(
        8,
        Array.from({ length: n }, (_, i) => async () => {
          const res = await fetch(`${nodes[i % nodes.length]}/guides`, { headers: { "x-forwarded-for": nextAddress() } });
          expect(res.status).toBe(200);
          await res.arrayBuffer();
        }),
      );
      return n / ((performance.now() - started) / 1000);
    };
    await reads([A, B], 8);
    const readsOne = await reads([A], 40);
    const readsTwo = await reads([A, B], 40);
    console.log(
      `8 at a time: submissions of a 3-department bundle ${oneNode.toFixed(1)}/s through one node, ${twoNodes.toFixed(1)}/s through two; ` +
        `GET /guides ${readsOne.toFixed(1)}/s through one node, ${readsTwo.toFixed(1)}/s through two`,
    );

    // The same submission sent to both nodes at once (a retry through the load balancer): one case.
    const retried = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const key = randomUUID();
        const applicant = applicants[i % applicants.length]!;
        const [x, y] = await Promise.all([submitAt(A, applicant, key), submitAt(B, applicant, key)]);
        return [x, y] as const;
      }),
    );
    for (const [x, y] of retried) expect(x.id).toBe(y.id);

    const ids = [...new Set([...accepted.values()].map((s) => s.id))];
    const keys = [...accepted.keys()];
    expect(ids).toHaveLength(keys.length);
    const apps = await q<{ id: string; tracking_number: string; status: string; tasks: number; steps: number }>(
      `select a.id, a.tracking_number, a.status, count(t.id)::int as tasks, count(distinct t.step_key)::int as steps
         from applications a left join review_tasks t on t.application_id = a.id
        where a.idempotency_key = any($1) group by a.id`,
      [keys],
    );
    // Every submission exactly once, numbered once, with its whole task set.
    expect(apps).toHaveLength(keys.length);
    expect(new Set(apps.map((a) => a.tracking_number)).size).toBe(keys.length);
    for (const a of apps) expect([a.status, a.tasks, a.steps]).toEqual(["inReview", 3, 3]);

    // Reviewers decide a third of the cases, claiming on one node and deciding on the other; for
    // each task a second claim races on the other node: one wins, the other is a conflict.
    const reviewers = new Map<string, string>();
    for (const [i, d] of departmentCodes.entries()) reviewers.set(d, await signIn(i % 2 ? B : A, { login: `reviewer.${d}`, password: demoPassword }));
    const decidedApps = ids.slice(0, Math.floor(ids.length / 3));
    const tasks = await q<{ id: string; version: number; code: string }>(
      `select t.id, t.version, d.code from review_tasks t join departments d on d.id = t.department_id where t.application_id = any($1)`,
      [decidedApps],
    );
    const claimConflicts = await pool(
      6,
      tasks.map((t, i) => async () => {
        const cookie = reviewers.get(t.code)!;
        const [first, second] = i % 2 ? [A, B] : [B, A];
        const claims = await Promise.all(
          [first, second].map((base) => trpc<{ version: number }>(base, "review.claim", { taskId: t.id, version: t.version }, cookie)),
        );
        const won = claims.filter((c) => c.ok);
        expect(won).toHaveLength(1);
        const decided = await trpc(
          second,
          "review.decide",
          { taskId: t.id, version: (won[0] as { data: { version: number } }).data.version, outcome: "approved" },
          cookie,
        );
        if (!decided.ok) throw new Error(`decide: HTTP ${decided.status} ${decided.body}`);
        return claims.length - won.length;
      }),
    );
    expect(claimConflicts.every((n) => n === 1)).toBe(true);

    // Deadlines: of the other cases, half the open tasks are overdue, half due within the day.
    const rest = ids.slice(decidedApps.length);
    const late = rest.slice(0, Math.floor(rest.length / 2));
    const soon = rest.slice(late.length);
    await q(`update review_tasks set due_at = now() - interval '2 days' where application_id = any($1) and status = 'open'`, [late]);
    await q(`update review_tasks set due_at = now() + interval '1 hour' where application_id = any($1) and status = 'open'`, [soon]);

    // The scan through pg-boss, picked up by the worker and by web A, and in this process as well,
    // all at once; meanwhile both dispatch the outbox.
    const boss = createBoss(handle, { schedule: false, supervise: false });
    await boss.start();
    const jobIds = (await Promise.all(Array.from({ length: 6 }, () => boss.send("deadlines.scan", {})))).filter((x): x is string => Boolean(x));
    expect(jobIds).toHaveLength(6);
    const here = await Promise.all([scanDeadlines(db, new Date()), scanDeadlines(db, new Date())]);
    const until = Date.now() + 90_000;
    for (;;) {
      const [state] = await q<{ pending: number; outbox: number }>(
        `select (select count(*) from pgboss.job where id = any($1::uuid[]) and state <> 'completed')::int as pending,
                (select count(*) from outbox where processed_at is null)::int as outbox`,
        [jobIds],
      );
      if (state?.pending === 0 && state.outbox === 0) break;
      if (Date.now() > until) throw new Error(`jobs or outbox not done: ${JSON.stringify(state)}\n${tail(worker)}`);
      await sleep(500);
    }
    await boss.stop({ graceful: false, wait: true, timeout: 2000 });

    // Every job ran once: completed, never retried.
    const jobs = await q<{ state: string; retry_count: number }>(`select state, retry_count from pgboss.job where id = any($1::uuid[])`, [jobIds]);
    expect(jobs.map((j) => [j.state, j.retry_count])).toEqual(jobIds.map(() => ["completed", 0]));
    // The cron's own jobs: at most one a minute per queue, none retried.
    const cron = await q<{ name: string; minute: string; n: number; retried: number }>(
      `select name, date_trunc('minute', created_on)::text as minute, count(*)::int as n, count(*) filter (where retry_count > 0)::int as retried
         from pgboss.job where name not like '\\_\\_pgboss%' and not (id = any($1::uuid[])) group by 1, 2`,
      [jobIds],
    );
    for (const c of cron) expect([c.name, c.n, c.retried]).toEqual([c.name, 1, 0]);

    const lateTasks = await q<{ id: string; application_id: string; status: string; code: string; overdue: boolean }>(
      `select t.id, t.application_id, t.status, d.code, t.overdue_notified_at is not null as overdue
         from review_tasks t join departments d on d.id = t.department_id where t.application_id = any($1)`,
      [late],
    );
    expect(lateTasks.every((t) => t.overdue)).toBe(true);
    expect(lateTasks.filter((t) => t.code === "fire").every((t) => t.status === "approved")).toBe(true);
    // One decision per decided task, whoever decided (a reviewer, or the scan's deemed approval).
    const decisionCounts = await q<{ task_id: string; n: number }>(
      `select task_id, count(*)::int as n from decisions where application_id = any($1) group by task_id`,
      [ids],
    );
    expect(decisionCounts.length).toBe(tasks.length + lateTasks.filter((t) => t.code === "fire").length);
    expect(decisionCounts.every((d) => d.n === 1)).toBe(true);
    const deemed = await q<{ entity_id: string; n: number }>(
      `select entity_id, count(*)::int as n from audit_events where stream_id = any($1) and action = 'task.deemApprove' group by entity_id`,
      [late],
    );
    expect(deemed).toHaveLength(late.length);
    expect(deemed.every((d) => d.n === 1)).toBe(true);
    // Each overdue notice and reminder once per task: the outbox rows per case and kind equal the
    // tasks that earned them.
    const notices = await q<{ application_id: string; kind: string; n: number }>(
      `select application_id, kind, count(*)::int as n from outbox where application_id = any($1) and kind in ('taskOverdue', 'dueReminder', 'deemedApproved') group by 1, 2`,
      [ids],
    );
    const count = (app: string, kind: string) => notices.find((n) => n.application_id === app && n.kind === kind)?.n ?? 0;
    for (const app of late) expect([count(app, "taskOverdue"), count(app, "deemedApproved"), count(app, "dueReminder")]).toEqual([3, 1, 0]);
    const reminded = await q<{ application_id: string; n: number }>(
      `select application_id, count(*)::int as n from review_tasks where application_id = any($1) and reminder_sent_at is not null group by 1`,
      [soon],
    );
    for (const app of soon) expect(count(app, "dueReminder")).toBe(reminded.find((r) => r.application_id === app)?.n ?? 0);
    for (const app of decidedApps) expect([count(app, "taskOverdue"), count(app, "dueReminder")]).toEqual([0, 0]);
    const scanned = here.reduce((n, r) => n + r.overdue, 0);
    expect(scanned).toBeLessThanOrEqual(lateTasks.length);

    // Every notification delivered once to each of its recipients: one inbox item per outbox row
    // and existing recipient, none missing, none twice.
    const [delivery] = await q<{ expected: number; items: number; doubled: number }>(
      `select (select coalesce(sum((select count(distinct u.id) from users u where u.id = any(o.recipient_user_ids))), 0)::int from outbox o) as expected,
              (select count(*)::int from notifications) as items,
              (select count(*)::int from (select 1 from notifications group by outbox_id, user_id having count(*) > 1) d) as doubled`,
    );
    expect(delivery?.doubled).toBe(0);
    expect(delivery?.items).toBe(delivery?.expected);
    // The worker runs jobs on its own: with web A (the other jobs node) stopped, a scan sent now
    // is still done.
    expect(worker.child.exitCode).toBeNull();
    await stopProcess(procs[0]!);
    const alone = createBoss(handle, { schedule: false, supervise: false });
    await alone.start();
    const lastJob = await alone.send("deadlines.scan", {});
    await alone.stop({ graceful: false, wait: true, timeout: 2000 });
    const stopBy = Date.now() + 60_000;
    while ((await q<{ state: string }>(`select state from pgboss.job where id = $1`, [lastJob]))[0]?.state !== "completed") {
      if (Date.now() > stopBy) throw new Error(`the worker did not run the job alone\n${tail(worker)}`);
      await sleep(500);
    }
  }, 300_000);
});
