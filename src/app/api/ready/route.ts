import { getDatabase } from "@/server/db";
import { env } from "@/server/env";
import { checkReadiness } from "@/server/ready";

export const dynamic = "force-dynamic";

/**
 * Readiness: the database answers, its migrations are current and the background jobs keep up
 * (src/server/ready.ts). 200 when all hold, 503 naming the checks that failed.
 */
export async function GET() {
  const result = await checkReadiness(getDatabase, { maxJobLagSeconds: env().READY_MAX_JOB_LAG_SECONDS });
  return Response.json(
    { status: result.ready ? "ready" : "notReady", checks: result.checks },
    { status: result.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
