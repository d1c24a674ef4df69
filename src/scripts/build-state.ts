import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  // Tests are not part of the build: editing one does not make the build stale.
  for (const name of readdirSync(p)) if (!/\.test\.tsx?$/.test(name)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** Whether a production build exists (`.next/BUILD_ID`). */
export function buildExists(root: string): boolean {
  return existsSync(path.join(root, ".next", "BUILD_ID"));
}

/** Whether the production build is missing or older than any source it is built from. */
export function buildIsStale(root: string): boolean {
  if (!buildExists(root)) return true;
  const built = statSync(path.join(root, ".next", "BUILD_ID")).mtimeMs;
  const sources = ["src", "public", "drizzle", "next.config.ts", "package-lock.json", "tsconfig.json"];
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}
