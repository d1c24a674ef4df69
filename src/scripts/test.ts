/**
 * `npm test`: every test. The vitest projects (unit and the database tests on PGlite) and the
 * browser journeys run side by side: the journeys keep about one core busy (their server is one
 * Node thread), so vitest takes the other instead of waiting. Vitest's output is shown as it
 * comes; the journeys' is kept and shown when they end, so the two never interleave. Fails when
 * either fails; when vitest fails first, the journeys are stopped rather than left running.
 *
 * With `TEST_POSTGRES_URL` set (CI sets it to a fresh PostgreSQL database), the database tests run
 * a second time on PostgreSQL once the PGlite run has passed, while the journeys go on: the
 * journeys keep only one core busy, so the second engine's run fills the other instead of waiting
 * for them to end.
 */
import { spawn, type ChildProcess } from "node:child_process";

function run(script: string, quiet: boolean, env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; done: Promise<number>; output: () => string } {
  const chunks: Buffer[] = [];
  const child = spawn("npm", ["run", "--silent", script], {
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    detached: quiet, // its own process group, so stopping it stops the server and browsers too
    env,
  });
  child.stdout?.on("data", (c: Buffer) => chunks.push(c));
  child.stderr?.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<number>((resolve) => child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { child, done, output: () => Buffer.concat(chunks).toString("utf8") };
}

const e2e = run("test:e2e", true);
const stopE2e = () => {
  if (e2e.child.pid && e2e.child.exitCode === null) {
    try {
      process.kill(-e2e.child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
};
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => {
    stopE2e();
    process.exit(1);
  });

const unit = await run("test:unit", false).done;
if (unit !== 0) {
  stopE2e();
  await e2e.done;
  process.stdout.write("\nUnit or database tests failed; the browser journeys were stopped.\n");
  process.exit(unit);
}
const postgresUrl = process.env.TEST_POSTGRES_URL;
if (postgresUrl) {
  process.stdout.write("\n== database tests on PostgreSQL (TEST_POSTGRES_URL), beside the journeys ==\n");
  const started = Date.now();
  const postgres = await run("test:db", false, { ...process.env, TEST_DATABASE_URL: postgresUrl }).done;
  process.stdout.write(`\n(database tests on PostgreSQL: ${Math.round((Date.now() - started) / 1000)} s)\n`);
  if (postgres !== 0) {
    stopE2e();
    await e2e.done;
    process.stdout.write("\nDatabase tests on PostgreSQL failed; the browser journeys were stopped.\n");
    process.exit(postgres);
  }
}
process.stdout.write("\n== browser journeys (Playwright) ==\n");
const journeys = await e2e.done;
process.stdout.write(e2e.output());
process.exit(journeys);
