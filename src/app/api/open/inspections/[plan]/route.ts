import { ZPlanRef } from "@/modules/inspections/inputs";
import { openPlanJson } from "@/modules/inspections/views";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/**
 * `GET /api/open/inspections/<plan>.json`: a plan's seed, weights, candidates with their keys, the
 * drawn entities and inspectors, and the results, for anyone to verify with docs/verify-draw.py.
 * 400 when the path is not a plan id with `.json`, 404 when no plan has it.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ plan: string }> }) {
  const raw = (await params).plan;
  const parsed = ZPlanRef.safeParse({ planId: raw.endsWith(".json") ? raw.slice(0, -5) : "" });
  if (!parsed.success) return Response.json({ error: "malformed", message: "The path is /api/open/inspections/<plan id>.json." }, { status: 400 });
  const plan = await openPlanJson(await getDb(), parsed.data.planId);
  if (!plan) return Response.json({ error: "notFound", message: "No inspection plan with this id." }, { status: 404 });
  return Response.json(plan, { headers: { "cache-control": "public, max-age=60" } });
}
