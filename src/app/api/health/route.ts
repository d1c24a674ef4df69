export const dynamic = "force-dynamic";

/**
 * Liveness: the process runs and serves requests. It touches no database, so a slow or restarting
 * database never gets a live node restarted; whether the node should get traffic is `/api/ready`.
 */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
