/**
 * `npm run start:regions`: the three demo nodes of 京津冀 on one machine (issue 14). Builds once
 * when the build is missing or older than the sources (`--no-build`: serve the existing build as it
 * is), then starts Hebei, Beijing and Tianjin as three `npm start` processes on ports 3000, 3001
 * and 3002 (`REGIONS_BASE_PORT` moves them), each with its own embedded database
 * (`.data/regions/<region>`, or under `REGIONS_DATA_DIR`), its own keys and session secret, its
 * `REGION`, and `PEERS` naming the other two. Prints each node's address and demo accounts when
 * all three answer, and stops all three on Ctrl-C. If one node stops, the others are stopped too.
 *
 * In production each region runs its own node (`npm start` with its own REGION and PEERS); this
 * is the demo and the multi-node tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildExists, buildIsStale } from "./build-state";
import { regionNodes, type RegionNode } from "./region-nodes";

const root = process.cwd();
const noBuild = process.argv.includes("--no-build");
const basePort = Number(process.env.REGIONS_BASE_PORT ?? "3000");
const dataRoot = process.env.REGIONS_DATA_DIR || path.join(".data", "regions");
const readyTimeoutMs = Number(process.env.REGIONS_READY_TIMEOUT_MS ?? String(15 * 60_000));

if (!Number.isInteger(basePort) || basePort < 1 || basePort > 65533) {
  console.error(`REGIONS_BASE_PORT must be a port number (1–65533), not "${process.env.REGIONS_BASE_PORT}"`);
  process.exit(2);
}

const nodes = regionNodes(basePort, dataRoot);

/**
 * A node's secrets, generated once into `<dataRoot>/<region>.secrets.json` (beside its database,
 * never committed): its own audit keys, key-encryption key and session secret, as a separate
 * region's node would have. Not shared with the other nodes, nor with a plain `npm start`.
 */
function nodeSecrets(node: RegionNode): Record<string, string> {
  const file = path.join(dataRoot, `${node.region}.secrets.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUDIT_KEY: randomBytes(32).toString("base64url"),
    AUDIT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
    KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  mkdirSync(dataRoot, { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

if (!noBuild && buildIsStale(root)) {
  console.log("Building Tongban once for the three nodes (first start or changed sources)…");
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
} else if (noBuild && !buildExists(root)) {
  console.error("Cannot start the regions with --no-build: there is no build (.next/BUILD_ID). Run npm run build first.");
  process.exit(1);
}

const tsx = path.join(root, "node_modules", ".bin", "tsx");
const children = new Map<RegionNode["region"], ChildProcess>();
let stopping = false;

/** Each line of a node's output, prefixed with its region, so the three never read as one. */
function prefixed(node: RegionNode, stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream): void {
  let rest = "";
  stream?.on("data", (chunk: Buffer) => {
    const lines = (rest + chunk.toString("utf8")).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) out.write(`[${node.region}] ${line}\n`);
  });
  stream?.on("end", () => rest && out.write(`[${node.region}] ${rest}\n`));
}

for (const node of nodes) {
  const child = spawn(tsx, ["src/scripts/start.ts", "--no-build"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...nodeSecrets(node),
      REGION: node.region,
      PORT: String(node.port),
      DATA_DIR: node.dataDir,
      DATABASE_URL: "",
      PEERS: node.peers,
      // The node's own address as its peers reach it, published at /api/exchange/node.
      EXCHANGE_URL: node.url,
      // The accounts are printed here, once for all three, not by each node.
      TONGBAN_QUIET: "1",
    },
  });
  children.set(node.region, child);
  prefixed(node, child.stdout, process.stdout);
  prefixed(node, child.stderr, process.stderr);
  child.on("exit", (code, signal) => {
    children.delete(node.region);
    if (stopping) {
      if (children.size === 0) process.exit(0);
      return;
    }
    console.error(`The ${node.nameEn} node stopped (${signal ?? `exit code ${code}`}); stopping the others.`);
    stopAll(1);
  });
}

/** Stops the nodes this script started (each by its own process id), then exits. */
function stopAll(exitCode: number): void {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  if (children.size === 0) process.exit(exitCode);
  for (const child of children.values()) child.kill("SIGTERM");
  // A node that does not stop within 20 s is killed.
  setTimeout(() => {
    for (const child of children.values()) child.kill("SIGKILL");
    process.exit(exitCode);
  }, 20_000).unref();
}

for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    console.log("\nStopping the three nodes…");
    stopAll(0);
  });

async function answers(node: RegionNode): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${node.port}/api/ready`, { signal: AbortSignal.timeout(5_000) });
    return response.ok;
  } catch {
    return false;
  }
}

const started = Date.now();
const waiting = new Set(nodes);
while (waiting.size > 0 && !stopping) {
  for (const node of [...waiting]) if (await answers(node)) waiting.delete(node);
  if (waiting.size === 0) break;
  if (Date.now() - started > readyTimeoutMs) {
    console.error(`Not ready after ${Math.round(readyTimeoutMs / 1000)} s: ${[...waiting].map((n) => n.region).join(", ")}; stopping.`);
    stopAll(1);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}

if (!stopping) {
  // Loaded only now: the seed's modules are many, and the nodes start meanwhile.
  const { regionDemoAccounts } = await import("@/root/seed/region-demo");
  const { demoPassword } = await import("@/root/seed/demo");
  const lines = ["", `The three demo nodes are running — password for every demo account: ${demoPassword}`];
  for (const node of nodes) {
    lines.push("", `${node.nameZh} ${node.nameEn}: ${node.url}  (data ${node.dataDir}; peers ${node.peers})`);
    for (const a of regionDemoAccounts(node.region)) {
      lines.push(`  ${a.role.padEnd(12)} ${a.login.padEnd(20)} ${a.displayName}`);
      for (const e of a.represents ?? []) lines.push(`  ${"".padEnd(12)} ${"".padEnd(20)}   法定代表人 of ${e}`);
    }
  }
  lines.push(
    "",
    "A browser keeps one session per host name, whatever the port: sign in to each node in its own window profile, or use localhost for one and 127.0.0.1 for another.",
    "Ctrl-C stops all three.",
    "REGIONS READY",
    "",
  );
  process.stdout.write(lines.join("\n"));
}
