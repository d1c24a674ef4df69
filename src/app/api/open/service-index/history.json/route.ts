import { ZHistoryQuery } from "@/modules/serviceIndex/inputs";
import { readIndexHistory } from "@/modules/serviceIndex/read-history";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

/**
 * `GET /api/open/service-index/history.json?unit=department:market`, no sign-in: a unit's published
 * history, each calendar month's latest snapshot (at most 24) and the last-30-days value of every
 * daily snapshot (at most 90), oldest first, with inputs, sub-indices and methodology version.
 * A malformed or unknown unit is 400 with the reason.
 */
export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  const parsed = ZHistoryQuery.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    return Response.json(
      { error: "invalidInput", problems: parsed.error.issues.map((i) => ({ field: i.path[0] === undefined ? "_" : "unit", message: i.message })) },
      { status: 400 },
    );
  }
  const history = await readIndexHistory(await getDb(), parsed.data.unit);
  if (history === "unknownUnit")
    return Response.json({ error: "unknownUnit", problems: [{ field: "unit", message: "no such unit of this kind" }] }, { status: 400 });
  return Response.json({ ...history, methodology: "/api/open/service-index/methodology.json" }, { headers: { "cache-control": "public, max-age=300" } });
}
