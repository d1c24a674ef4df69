import { findDataset, readDataset } from "@/modules/openData/datasets";
import { csvMediaType, parseDatasetFile, toCsv } from "@/modules/openData/model";
import { getDb } from "@/server/db";

// The rows are aggregates, the same for everyone: any cache may keep them for five minutes.
const cacheControl = "public, max-age=300";

/**
 * Public open data, no sign-in: `GET /api/open/datasets/{code}.json` (metadata, time and rows) or
 * `{code}.csv` (a download). An unknown dataset or format is 404.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const parsed = parseDatasetFile(file);
  const dataset = parsed ? findDataset(parsed.code) : undefined;
  if (!parsed || !dataset) return Response.json({ error: "notFound" }, { status: 404 });
  const content = await readDataset(await getDb(), dataset, new Date());
  if (parsed.format === "csv") {
    return new Response(toCsv(dataset.columns, content.rows), {
      headers: { "content-type": csvMediaType, "content-disposition": `attachment; filename="${dataset.code}.csv"`, "cache-control": cacheControl },
    });
  }
  return Response.json(content, { headers: { "cache-control": cacheControl } });
}
