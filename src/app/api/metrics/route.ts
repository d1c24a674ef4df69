import { renderMetrics } from "@/root/metrics";
import { env } from "@/server/env";
import { metricsAccess } from "@/server/metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics (src/server/metrics.ts, src/root/metrics.ts), for the holder of
 * METRICS_TOKEN as a bearer token. Without a configured token the endpoint does not exist (404).
 */
export async function GET(req: Request) {
  const access = metricsAccess(req.headers.get("authorization"), env().METRICS_TOKEN);
  if (access === "off")
    return new Response("Not Found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  if (access === "denied") {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
