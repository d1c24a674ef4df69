import { ZIndexQuery } from "@/modules/serviceIndex/inputs";
import { indicatorCodes, methodology } from "@/modules/serviceIndex/model";
import { readIndex } from "@/modules/serviceIndex/read-index";
import { hasDemoHistory } from "@/modules/applications/demo-data";
import { getDb } from "@/server/db";

/** RFC 4180 field; unit names come from the catalog and the organisation, never from the public. */
function field(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The published service index, no sign-in: `period` (`YYYY-MM` or `last30`, default last30),
 * `kind` (department, service, city; default department), optionally `unit` (a code). Each value
 * carries its input counts, sub-indices, composite, band, primary shortfall and methodology
 * version. A malformed parameter or an unknown unit is 400 with the reason.
 */
export async function openServiceIndex(req: Request, format: "json" | "csv"): Promise<Response> {
  const params = new URL(req.url).searchParams;
  const parsed = ZIndexQuery.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    return Response.json(
      { error: "invalidInput", problems: parsed.error.issues.map((i) => ({ field: i.path.join(".") || "_", message: i.message })) },
      { status: 400 },
    );
  }
  const db = await getDb();
  const [result, demoData] = await Promise.all([readIndex(db, parsed.data), hasDemoHistory(db)]);
  if (result === "unknownUnit")
    return Response.json({ error: "unknownUnit", problems: [{ field: "unit", message: "no such unit of this kind" }] }, { status: 400 });
  // Generated demo history (npm run demo:history) is said in a header and, in JSON, a field.
  const headers = { "cache-control": "public, max-age=300", "x-demo-data": String(demoData) };
  if (format === "csv") {
    const inputNames = methodology.indicators.flatMap((i) => i.inputs);
    const header = [
      "kind",
      "code",
      "nameZh",
      "nameEn",
      "period",
      "computedOn",
      "methodologyVersion",
      "cases",
      ...inputNames,
      ...indicatorCodes.map((c) => `${c}SubIndex`),
      "composite",
      "band",
      "primaryShortfall",
    ];
    const lines = result.values.map((v) =>
      [
        v.kind,
        v.code,
        v.nameZh,
        v.nameEn,
        v.period,
        v.computedOn,
        v.methodologyVersion,
        v.cases,
        ...inputNames.map((n) => v.inputs[n] ?? 0),
        ...indicatorCodes.map((c) => v.indicators.find((i) => i.code === c)?.subIndex ?? null),
        v.composite,
        v.band,
        v.primaryShortfall,
      ]
        .map(field)
        .join(","),
    );
    return new Response(`\uFEFF${[header.join(","), ...lines].map((l) => `${l}\r\n`).join("")}`, {
      headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="service-index.csv"' },
    });
  }
  return Response.json(
    {
      period: parsed.data.period,
      kind: parsed.data.kind,
      computedOn: result.computedOn,
      demoData,
      methodology: "/api/open/service-index/methodology.json",
      values: result.values,
    },
    { headers },
  );
}
