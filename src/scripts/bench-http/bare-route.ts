/**
 * The benchmark's ceiling: a route handler that touches no database. `npm run bench:http` copies
 * this file to src/app/api/bench-bare/route.ts for its own build (into `.next-bench`) and removes
 * it afterwards, so the portal's normal build never has it.
 */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" });
}
